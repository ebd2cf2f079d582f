"""The benchmark's report (bench/report.py): the "Region ÷ small" column compares each page's median at region scale
with its median at small scale, read from each scale's latest run kept beside the results (bench/run.py)."""

import json

from bench import report
from bench.run import latest_of_other_scales

PAGES = {
    "healthz": {"description": "Liveness", "method": "GET", "path": "/healthz", "status": 200},
    "company": {"description": "A company's page", "method": "GET", "path": "/extranet/companies/1/", "status": 200},
    "office": {"description": "An office's page", "method": "GET", "path": "/fr/bureaux/x/", "status": 200},
}
PAGES = {name: {**page, "match_share": None, "by_number": False} for name, page in PAGES.items()}


def _segment(median_ms):
    return {"duration_us": 2e6, "requests": 400, "p50_us": median_ms * 1000, "p95_us": 0, "p99_us": 0, "errors": 0}


def run_at(scale, medians_ms, started_at="2026-12-08T10:00:00+00:00"):
    """Results as bench/run.py writes them, with ``medians_ms`` the medians at concurrency 1 by page."""
    segments = {
        name: {1: [(_segment(medians_ms["healthz"]), _segment(median))] * 2}
        for name, median in medians_ms.items()
        if name != "healthz"
    }
    return report.build(
        scale=scale,
        machine={
            "description": "2 cores",
            "python": "3.11",
            "gunicorn_workers": 3,
            "cache": "locmem",
            "load_tool": "",
        },
        pages={name: PAGES[name] for name in medians_ms},
        reference="healthz",
        segments=segments,
        queries=dict.fromkeys(medians_ms, 3),
        seed_seconds=None,
        peak_rss=100 * 2**20,
        settings={
            "duration_s": 2,
            "rounds": 2,
            "warmup_s": 1,
            "concurrency": [1],
            "healthz_medians_ms_in_run_order": [medians_ms["healthz"]],
            "started_at": started_at,
            "wall_seconds": 10.0,
        },
    )


def table_rows(markdown: str) -> dict:
    """The first table's cells by page, by column heading."""
    lines = [line for line in markdown.splitlines() if line.startswith("| ")]
    headings = [cell.strip() for cell in lines[0].strip("|").split("|")]
    rows = {}
    for line in lines[1:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) != len(headings) or cells[0] in rows:
            break  # the second table
        rows[cells[0]] = dict(zip(headings, cells, strict=True))
    return rows


SMALL = {"healthz": 1.0, "company": 4.0, "office": 3.0}
REGION = {"healthz": 1.2, "company": 9.0, "office": 3.3}


def test_a_region_run_shows_each_page_median_over_its_median_at_small_scale():
    region, small = run_at("region", REGION), run_at("small", SMALL, started_at="2026-12-01T09:00:00+00:00")
    markdown = report.markdown(region, {"small": small})
    rows = table_rows(markdown)
    assert {name: row["Region ÷ small"] for name, row in rows.items()} == {
        "healthz": "1.20",
        "company": "2.25",
        "office": "1.10",
    }
    assert "region of 2026-12-08T10:00:00+00:00 and small of 2026-12-01T09:00:00+00:00" in markdown


def test_a_small_run_reads_the_latest_region_run_for_the_same_column():
    region, small = run_at("region", REGION), run_at("small", SMALL)
    assert report.growth(small, {"region": region}) == report.growth(region, {"small": small})
    assert table_rows(report.markdown(small, {"region": region}))["company"]["Region ÷ small"] == "2.25"


def test_without_the_other_scale_or_the_page_the_column_shows_a_dash():
    region = run_at("region", REGION)
    assert {row["Region ÷ small"] for row in table_rows(report.markdown(region)).values()} == {"—"}
    assert "no run at small" in report.markdown(region)
    small_without_office = run_at("small", {"healthz": 1.0, "company": 4.0})
    rows = table_rows(report.markdown(region, {"small": small_without_office}))
    assert rows["office"]["Region ÷ small"] == "—" and rows["company"]["Region ÷ small"] == "2.25"


def test_the_latest_run_of_every_other_scale_is_read_from_beside_the_results(tmp_path):
    for scale, medians in (("small", SMALL), ("region", REGION)):
        (tmp_path / f"{scale}.json").write_text(json.dumps(run_at(scale, medians)))
    (tmp_path / "latest.json").write_text("{}")
    assert set(latest_of_other_scales(tmp_path, "region")) == {"small"}
    assert set(latest_of_other_scales(tmp_path, "demo")) == {"small", "region"}
    assert latest_of_other_scales(tmp_path / "nowhere", "small") == {}

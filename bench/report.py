"""Turns the wrk segments into ``latest.json`` (the issue's shape, plus ``targets`` and ``details``) and the Markdown
table, and says which targets of issue 7 are met. Targets are reported, never enforced."""

from statistics import median

# Issue 7's targets, for region scale on a 2-core machine.
RATIO_MAX = 8.0  # median ≤ 8 × /healthz
RATIO_FULL_TEXT_MAX = 15.0  # … ≤ 15 × for a full-text search whose term matches more than 5 % of rows
FULL_TEXT_SHARE = 0.05
P95_AT_4_MAX_MS = 50.0
QUERIES_MAX = 12
BY_NUMBER_RATIO_MAX = 3.0
RSS_MAX_MB = 250.0
SEED_MAX_S = 600.0
RATIO_CONCURRENCY = 1  # the headline ratio: one request at a time, no queueing in front of the workers
# The growth column (issue 15): a page's median at region scale over its median at small scale, at RATIO_CONCURRENCY:
# how its cost grows with ten years of data. Each scale's latest run is kept as bench/results/<scale>.json.
GROWTH_SCALES = ("region", "small")


def _aggregate(segments: list[dict]) -> dict:
    """One concurrency's figures over its alternations: requests/s over the whole time, the latencies as the median
    of the segments' (the mean of the two middle ones for an even count), so that a burst of the shared machine
    during one segment does not decide them."""
    seconds = sum(s["duration_us"] for s in segments) / 1e6
    return {
        "rps": round(sum(s["requests"] for s in segments) / seconds, 1) if seconds else 0.0,
        "median_ms": round(median(s["p50_us"] for s in segments) / 1000, 2),
        "p95_ms": round(median(s["p95_us"] for s in segments) / 1000, 2),
        "p99_ms": round(median(s["p99_us"] for s in segments) / 1000, 2),
        "errors": sum(s["errors"] for s in segments),
    }


def _check(value, limit, *, at_most=True) -> dict:
    met = value is not None and (value <= limit if at_most else value >= limit)
    return {"value": value, "limit": limit, "met": met}


def build(*, scale, machine, pages, reference, segments, queries, seed_seconds, peak_rss, settings) -> dict:
    out_pages, targets = {}, {}
    details = {name: {} for name in pages}
    reference_segments: dict = {}
    for by_concurrency in segments.values():
        for connections, pairs in by_concurrency.items():
            reference_segments.setdefault(connections, []).extend(ref for ref, _page in pairs)
    if reference_segments:
        out_pages[reference] = {
            "concurrency": {str(c): _aggregate(s) for c, s in sorted(reference_segments.items())},
            "queries": queries.get(reference),
            "median_ratio_to_healthz": 1.0,
        }
    for name, by_concurrency in segments.items():
        ratios, by_round, stats = {}, {}, {}
        for connections, pairs in sorted(by_concurrency.items()):
            stats[str(connections)] = _aggregate([page for _ref, page in pairs])
            # Each alternation's ratio to the /healthz measured just before it, then their median.
            by_round[str(connections)] = [round(page["p50_us"] / ref["p50_us"], 2) for ref, page in pairs]
            ratios[str(connections)] = round(median(by_round[str(connections)]), 2)
        out_pages[name] = {
            "concurrency": stats,
            "queries": queries.get(name),
            "median_ratio_to_healthz": ratios.get(str(RATIO_CONCURRENCY)),
        }
        details[name] = {"ratio_by_concurrency": ratios, "ratios_by_alternation": by_round}
    for name, page in pages.items():
        details.setdefault(name, {}).update(
            {
                "description": page["description"],
                "request": f"{page['method']} {page['path']}",
                "expected_status": page["status"],
                "match_share": page["match_share"],
            }
        )
        if name not in out_pages:
            continue
        result = out_pages[name]
        checks = {
            "errors": _check(sum(c["errors"] for c in result["concurrency"].values()), 0),
            "queries": _check(result["queries"], QUERIES_MAX),
        }
        if name != reference:
            full_text = (page["match_share"] or 0) > FULL_TEXT_SHARE
            checks["median_ratio"] = _check(
                result["median_ratio_to_healthz"], RATIO_FULL_TEXT_MAX if full_text else RATIO_MAX
            )
            if page["by_number"]:
                checks["median_ratio_by_number"] = _check(result["median_ratio_to_healthz"], BY_NUMBER_RATIO_MAX)
            at_4 = result["concurrency"].get("4")
            checks["p95_at_concurrency_4_ms"] = _check(at_4["p95_ms"] if at_4 else None, P95_AT_4_MAX_MS)
        targets[name] = checks
    rss_mb = round(peak_rss / 2**20, 1)
    overall = {
        "worker_peak_rss_mb": _check(rss_mb, RSS_MAX_MB),
        "seed_seconds": _check(seed_seconds, SEED_MAX_S) if seed_seconds is not None else None,
    }
    all_met = all(check["met"] for checks in targets.values() for check in checks.values()) and all(
        check["met"] for check in overall.values() if check is not None
    )
    return {
        "scale": scale,
        "machine": machine,
        "pages": out_pages,
        "seed_seconds": seed_seconds,
        "worker_peak_rss_mb": rss_mb,
        "targets": {
            "applies_to": "region scale on a 2-core machine (issue 7); reported at every scale, never enforced",
            "ratio_at_concurrency": RATIO_CONCURRENCY,
            "pages": targets,
            "overall": overall,
            "all_met": all_met,
        },
        "details": details,
        "settings": settings,
    }


def harness_problems(results: dict, pages: dict, statuses: dict, names: list[str]) -> list[str]:
    """What makes the run itself invalid (CI fails on these): a page missing, an unexpected status, errors."""
    problems = []
    for name in names:
        page = pages[name]
        if name not in results["pages"]:
            problems.append(f"{name}: not measured")
            continue
        if statuses.get(name) != page["status"]:
            problems.append(f"{name}: answered {statuses.get(name)} instead of {page['status']}")
        if results["pages"][name]["queries"] is None:
            problems.append(f"{name}: no X-Query-Count header (BENCH_QUERY_COUNT not applied?)")
        errors = sum(c["errors"] for c in results["pages"][name]["concurrency"].values())
        if errors:
            problems.append(f"{name}: {errors} error(s) under load")
    return problems


def _median_ms(results: dict | None, name: str) -> float | None:
    if results is None or name not in results["pages"]:
        return None
    return results["pages"][name]["concurrency"].get(str(RATIO_CONCURRENCY), {}).get("median_ms")


def growth(results: dict, others: dict | None = None) -> dict:
    """Per page of ``results``, its median at region scale over its median at small scale (None when either scale
    has no result for it). ``others`` holds the latest run of the other scales, by scale; ``results`` stands for
    its own scale."""
    runs = {**(others or {}), results["scale"]: results}
    larger, smaller = (runs.get(scale) for scale in GROWTH_SCALES)
    by_page = {}
    for name in results["pages"]:
        top, bottom = _median_ms(larger, name), _median_ms(smaller, name)
        by_page[name] = round(top / bottom, 2) if top and bottom else None
    return by_page


def _growth_runs(results: dict, others: dict | None) -> str:
    runs = {**(others or {}), results["scale"]: results}
    found = [f"{scale} of {runs[scale]['settings']['started_at']}" for scale in GROWTH_SCALES if scale in runs]
    missing = [scale for scale in GROWTH_SCALES if scale not in runs]
    return "the runs " + " and ".join(found) if not missing else "no run at " + ", ".join(missing)


def _mark(check) -> str:
    if check is None:
        return "–"
    return "✓" if check["met"] else "✗"


def markdown(results: dict, others: dict | None = None) -> str:
    """The report. ``others``: the latest run of the other scales, by scale, for the growth column (see ``growth``)."""
    machine = results["machine"]
    settings = results["settings"]
    targets = results["targets"]
    seed = results["seed_seconds"]
    lines = [
        f"# Benchmark — scale `{results['scale']}`",
        "",
        f"Machine: {machine['description']}. Python {machine['python']}, gunicorn {machine['gunicorn_workers']} "
        f"sync workers, cache {machine['cache']}, load from {machine['load_tool'] or 'wrk'} on the same machine.",
        f"Run {settings['started_at']}: {settings['duration_s']:g} s per wrk run, {settings['rounds']} "
        f"alternations of `/healthz` and the page per concurrency, {settings['wall_seconds']:.0f} s in all.",
        "",
        f"Seeding: {f'{seed:g} s' if seed is not None else 'reused (already seeded)'}. "
        f"Gunicorn worker peak RSS: {results['worker_peak_rss_mb']:g} MB.",
        "",
        f"Ratio = the page's median latency over that of the `/healthz` run just before it, at concurrency "
        f"{targets['ratio_at_concurrency']}, the median over the alternations. "
        "Targets (issue 7, region scale): ✓ met, ✗ not met, – not applicable.",
        f"Region ÷ small = the page's median at concurrency {RATIO_CONCURRENCY} at region scale over its median at "
        f"small scale, how its cost grows with ten years of data ({_growth_runs(results, others)}; — without both).",
        "",
        "| Page | Queries | Ratio | Median c=1 (ms) | Region ÷ small | p95 c=4 (ms) | req/s c=16 | Errors "
        "| Ratio ≤ | p95 ≤ 50 | ≤ 12 q. |",
        "|---|--:|--:|--:|--:|--:|--:|--:|:-:|:-:|:-:|",
    ]
    growth_by_page = growth(results, others)
    for name, page in results["pages"].items():
        checks = targets["pages"].get(name, {})
        c = page["concurrency"]
        errors = sum(stats["errors"] for stats in c.values())
        ratio_check = checks.get("median_ratio")
        ratio_mark = _mark(ratio_check)
        if ratio_check is not None:
            ratio_mark += f" {ratio_check['limit']:g}×"
        if "median_ratio_by_number" in checks:
            ratio_mark += f", {_mark(checks['median_ratio_by_number'])} 3×"
        grown = growth_by_page[name]
        lines.append(
            f"| {name} | {page['queries']} | {page['median_ratio_to_healthz']:.2f} | "
            f"{c.get('1', {}).get('median_ms', '')} | {'—' if grown is None else f'{grown:.2f}'} | "
            f"{c.get('4', {}).get('p95_ms', '')} | "
            f"{c.get('16', {}).get('rps', '')} | {errors} | {ratio_mark} | "
            f"{_mark(checks.get('p95_at_concurrency_4_ms'))} | {_mark(checks.get('queries'))} |"
        )
    lines += [
        "",
        "Every concurrency (each latency the median of its alternations'):",
        "",
        "| Page | c | req/s | median (ms) | p95 (ms) | p99 (ms) | errors | ratio |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, page in results["pages"].items():
        ratios = results["details"].get(name, {}).get("ratio_by_concurrency", {})
        for connections, stats in page["concurrency"].items():
            ratio = ratios.get(connections, 1.0 if name == "healthz" else None)
            lines.append(
                f"| {name} | {connections} | {stats['rps']} | {stats['median_ms']} | {stats['p95_ms']} | "
                f"{stats['p99_ms']} | {stats['errors']} | {'' if ratio is None else f'{ratio:.2f}'} |"
            )
    overall = targets["overall"]
    lines += [
        "",
        f"- Worker peak RSS ≤ 250 MB: {_mark(overall['worker_peak_rss_mb'])}",
        f"- Seeding ≤ 600 s: {_mark(overall['seed_seconds'])}",
        f"- Every target met: {'yes' if targets['all_met'] else 'no'}",
        "",
        "`/healthz` medians in run order (drift on the shared machine): "
        + ", ".join(f"{value:g}" for value in settings["healthz_medians_ms_in_run_order"])
        + " ms.",
        "",
        "Requests:",
        "",
    ]
    for name, detail in results["details"].items():
        share = detail.get("match_share")
        share_text = f"; the term matches {share:.1%} of rows" if share is not None else ""
        lines.append(f"- `{name}`: {detail['description']} — `{detail['request']}`{share_text}")
    return "\n".join(lines) + "\n"

"""Extract Centre-Val de Loire from an unpacked ``@etalab/decoupage-administratif`` npm package.

Usage (see network/data/README.md)::

    python -m scripts.extract_territories PACKAGE_DIR [OUT_CSV]

PACKAGE_DIR is the ``package/`` folder of the unpacked tarball (the one holding ``data/``); OUT_CSV defaults to
``network/data/territories_centre_val_de_loire.csv``. The output is deterministic: the same package gives the same
bytes. Only the standard library is used.
"""

import csv
import json
import sys
from pathlib import Path

REGION_CODE = "24"  # Centre-Val de Loire
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "network" / "data" / "territories_centre_val_de_loire.csv"
HEADER = ["level", "code", "name", "parent_code", "postcodes", "population"]
LEVEL_ORDER = {"region": 0, "departement": 1, "commune": 2}


def _load(data_dir: Path, name: str) -> list[dict]:
    with (data_dir / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def extract(package_dir: Path, region_code: str = REGION_CODE) -> list[list[str]]:
    """Rows (without header) for the région, its départements and its current communes, sorted."""
    data_dir = package_dir / "data"
    regions = [r for r in _load(data_dir, "regions.json") if r["code"] == region_code]
    if len(regions) != 1:
        raise SystemExit(f"région {region_code} not found in {data_dir / 'regions.json'}")
    departements = [d for d in _load(data_dir, "departements.json") if d.get("region") == region_code]
    departement_codes = {d["code"] for d in departements}
    communes = [
        c
        for c in _load(data_dir, "communes.json")
        if c.get("type") == "commune-actuelle" and c.get("departement") in departement_codes
    ]

    rows = [["region", regions[0]["code"], regions[0]["nom"], "", "", ""]]
    rows += [["departement", d["code"], d["nom"], region_code, "", ""] for d in departements]
    for commune in communes:
        population = commune.get("population")
        rows.append(
            [
                "commune",
                commune["code"],
                commune["nom"],
                commune["departement"],
                " ".join(sorted(set(commune.get("codesPostaux") or []))),
                "" if population is None else str(int(population)),
            ]
        )
    rows.sort(key=lambda row: (LEVEL_ORDER[row[0]], row[1]))
    return rows


def write_csv(rows: list[list[str]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or len(argv) > 2:
        print(__doc__, file=sys.stderr)
        return 2
    package_dir = Path(argv[0])
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    rows = extract(package_dir)
    write_csv(rows, out)
    counts = {level: sum(1 for row in rows if row[0] == level) for level in LEVEL_ORDER}
    print(f"{out}: " + ", ".join(f"{count} {level}(s)" for level, count in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""SECURITY.md SC-5: the modules that decide who may do what are covered by the suite, each above its floor.

``make pytest`` runs the suite under coverage, measuring only these modules (``[tool.coverage.run]`` in
pyproject.toml), then this script reads the data and fails naming each module below its floor:

- the object-access helpers (``<app>/access.py``): 100 %;
- the named predicates (``<app>/perms.py``), the services (``<app>/services.py``), the registries and the audit
  trail: 90 %.

A module that exists but was never imported by the suite counts as 0 %, so a new ``perms.py`` cannot hide.

Usage: ``python -m scripts.coverage_floors [DATA_FILE]``.
"""

import sys
from pathlib import Path

import coverage

from network.registries import PROJECT_APPS

ROOT = Path(__file__).resolve().parent.parent
FLOORS = {"access.py": 100.0, "perms.py": 90.0, "services.py": 90.0, "registry.py": 90.0}
EXTRA = {"network/registries.py": 90.0, "network/audit.py": 90.0}


def floors() -> dict[Path, float]:
    found = {ROOT / path: floor for path, floor in EXTRA.items()}
    for label in PROJECT_APPS:
        for name, floor in FLOORS.items():
            if (ROOT / label / name).exists():
                found[ROOT / label / name] = floor
    return found


def percent_covered(data: coverage.Coverage, path: Path) -> float:
    _, statements, _, missing, _ = data.analysis2(str(path))
    return 100.0 if not statements else 100.0 * (len(statements) - len(missing)) / len(statements)


def main(data_file: str = ".coverage") -> int:
    data = coverage.Coverage(data_file=data_file)
    data.load()
    measured = {Path(name).resolve() for name in data.get_data().measured_files()}
    failures = []
    for path, floor in sorted(floors().items()):
        covered = percent_covered(data, path) if path in measured else 0.0
        label = path.relative_to(ROOT)
        print(f"{label}: {covered:.1f} % (floor {floor:.0f} %)")
        if covered < floor:
            failures.append(f"{label} is covered at {covered:.1f} %, below its floor of {floor:.0f} %")
    if failures:
        print("\nSC-5 coverage floors not met:\n" + "\n".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))

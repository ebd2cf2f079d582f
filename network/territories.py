"""Loading official territories (régions, départements, communes) from tabular rows.

One loader serves the data migration that ships Centre-Val de Loire (``network/data/``) and the
``import_territories`` command. It upserts by (level, INSEE code), never deletes, and skips bad rows with the line
number where they were read, so one typo in a national file does not block the other 35,000 communes.
"""

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import router, transaction
from django.utils import timezone

from network.models import search_key

DATA_DIR = Path(__file__).resolve().parent / "data"
CENTRE_VAL_DE_LOIRE_CSV = DATA_DIR / "territories_centre_val_de_loire.csv"

REGION, DEPARTEMENT, COMMUNE = "region", "departement", "commune"
LEVELS = (REGION, DEPARTEMENT, COMMUNE)  # in loading order: a parent is always loaded before its children
PARENT_LEVEL = {DEPARTEMENT: REGION, COMMUNE: DEPARTEMENT}
LEVEL_LABEL = {REGION: "région", DEPARTEMENT: "département", COMMUNE: "commune"}

# The project's own CSV format (what network/data/ holds and what the import command also reads).
CSV_HEADER = ("level", "code", "name", "parent_code", "postcodes", "population")

CODE_PATTERNS = {
    REGION: (re.compile(r"\d{2}"), "a région code is 2 digits (e.g. 24)"),
    DEPARTEMENT: (
        re.compile(r"\d{2}|2A|2B|97[1-6]"),
        "a département code is 2 digits, 2A or 2B, or 971 to 976 (e.g. 45)",
    ),
    COMMUNE: (
        re.compile(r"(\d{2}|2A|2B)\d{3}"),
        "a commune code is 5 characters: 2 digits, 2A or 2B, then 3 digits (e.g. 45234, 2A004, 97101)",
    ),
}
POSTCODE = re.compile(r"\d{5}")
MAX_NAME_LENGTH = 150
MAX_POPULATION = 2_147_483_647  # PositiveIntegerField

# Fields the loader owns; ``postcodes`` and ``population`` are only touched when the source provides them.
OPTIONAL_FIELDS = ("postcodes", "population")


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def valid(self) -> int:
        return self.created + self.updated + self.unchanged

    def summary(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{len(self.errors)} bad row(s) skipped"
        )


@dataclass
class _Row:
    line: int
    level: str
    code: str
    name: str
    parent_code: str
    values: dict[str, Any]  # postcodes / population, only those the source provides


def normalise_code(value: Any) -> str:
    return str(value or "").strip().upper()


def code_error(level: str, code: str) -> str | None:
    """Why ``code`` is not a valid INSEE code for ``level``, or None when it is."""
    pattern, rule = CODE_PATTERNS[level]
    if not code:
        return f"{LEVEL_LABEL[level]} code is missing"
    if not pattern.fullmatch(code):
        return f"{LEVEL_LABEL[level]} code {code!r} is invalid: {rule}"
    return None


def parse_postcodes(value: Any) -> list[str]:
    """A list (or a string of codes separated by spaces, commas or semicolons), deduplicated in order."""
    items = value if isinstance(value, list | tuple) else re.split(r"[\s,;]+", str(value or ""))
    postcodes: list[str] = []
    for item in items:
        item = str(item).strip()
        if not item:
            continue
        if not POSTCODE.fullmatch(item):
            raise ValueError(f"postcode {item!r} is invalid: a postcode is 5 digits")
        if item not in postcodes:
            postcodes.append(item)
    return postcodes


def parse_population(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if not re.fullmatch(r"\d+", text) or int(text) > MAX_POPULATION:
        raise ValueError(f"population {text!r} is invalid: a population is a whole number, 0 or more, or empty")
    return int(text)


def _validate(line: int, raw: Mapping[str, Any]) -> _Row:
    """The row checked and normalised; raises ValueError with a message for the operator."""
    level = str(raw.get("level") or "").strip().lower()
    if level not in LEVELS:
        raise ValueError(f"level {level!r} is unknown: expected one of {', '.join(LEVELS)}")
    code = normalise_code(raw.get("code"))
    problem = code_error(level, code)
    if problem:
        raise ValueError(problem)
    label = f"{LEVEL_LABEL[level]} {code}"
    name = " ".join(str(raw.get("name") or "").split())
    if not name:
        raise ValueError(f"{label}: the name is missing")
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(f"{label}: the name is longer than {MAX_NAME_LENGTH} characters")
    parent_code = normalise_code(raw.get("parent_code"))
    if level == REGION and parent_code:
        raise ValueError(f"{label}: a région has no parent, but parent code {parent_code!r} is given")
    if level != REGION:
        parent_level = PARENT_LEVEL[level]
        if not parent_code:
            raise ValueError(f"{label}: the parent {LEVEL_LABEL[parent_level]} code is missing")
        problem = code_error(parent_level, parent_code)
        if problem:
            raise ValueError(f"{label}: parent {problem}")
        if level == COMMUNE and not code.startswith(parent_code):
            raise ValueError(f"{label}: its code does not start with its département code {parent_code}")
    values: dict[str, Any] = {}
    try:
        if "postcodes" in raw:
            values["postcodes"] = parse_postcodes(raw["postcodes"])
        if "population" in raw:
            values["population"] = parse_population(raw["population"])
    except ValueError as error:
        raise ValueError(f"{label}: {error}") from None
    return _Row(line=line, level=level, code=code, name=name, parent_code=parent_code, values=values)


def load_territory_rows(
    rows: Iterable[Mapping[str, Any]], *, model=None, using: str | None = None, stdout=None
) -> LoadResult:
    """Upsert territories keyed by (level, code); bad rows are skipped and reported as ``(line, message)``.

    ``rows`` are mappings with ``level``, ``code``, ``name``, ``parent_code`` and optionally ``postcodes`` (a list
    or a space-separated string) and ``population``; a key that is absent leaves the stored value as it is. A row's
    ``line`` key gives its line in the source; otherwise rows are numbered from 2 (line 1 is the header).
    ``model`` is the Territory class to use: the data migration passes its historical model, which has no custom
    ``save()``, so ``search_name`` is computed here. ``stdout`` (anything with ``write()``) receives one progress
    line per level.
    """
    if model is None:
        from network.models import Territory as model
    using = using or router.db_for_write(model)
    manager = model._default_manager.db_manager(using)
    result = LoadResult()
    by_level: dict[str, list[_Row]] = {level: [] for level in LEVELS}
    seen: dict[tuple[str, str], int] = {}

    for position, raw in enumerate(rows, start=2):
        line = int(raw.get("line") or position)
        try:
            row = _validate(line, raw)
        except ValueError as error:
            result.errors.append((line, str(error)))
            continue
        key = (row.level, row.code)
        if key in seen:
            result.errors.append((line, f"{LEVEL_LABEL[row.level]} {row.code} is a duplicate of line {seen[key]}"))
            continue
        seen[key] = line
        by_level[row.level].append(row)

    with transaction.atomic(using=using):
        for level in LEVELS:
            level_rows = by_level[level]
            if not level_rows:
                continue
            before = (result.created, result.updated, result.unchanged, len(result.errors))
            _load_level(manager, model, level, level_rows, result)
            if stdout is not None:
                created, updated, unchanged, errors = (
                    now - then
                    for now, then in zip(
                        (result.created, result.updated, result.unchanged, len(result.errors)), before, strict=True
                    )
                )
                stdout.write(
                    f"{LEVEL_LABEL[level]}s: {created} created, {updated} updated, {unchanged} unchanged"
                    + (f", {errors} with a missing parent" if errors else "")
                    + "\n"
                )
    result.errors.sort(key=lambda error: error[0])
    return result


def _load_level(manager, model, level: str, rows: list[_Row], result: LoadResult) -> None:
    parents: dict[str, int] = {}
    if level != REGION:
        parent_level = PARENT_LEVEL[level]
        parent_codes = {row.parent_code for row in rows}
        # Parents are already in the database: loaded from this source at the previous level, or from before.
        parents = dict(manager.filter(level=parent_level, code__in=parent_codes).values_list("code", "pk").iterator())
    existing = {obj.code: obj for obj in manager.filter(level=level, code__in=[row.code for row in rows]).iterator()}
    now = timezone.now()
    to_create, to_update = [], []
    changed_fields: set[str] = set()
    for row in rows:
        parent_id = None
        if level != REGION:
            parent_id = parents.get(row.parent_code)
            if parent_id is None:
                parent_label = LEVEL_LABEL[PARENT_LEVEL[level]]
                result.errors.append(
                    (
                        row.line,
                        f"{LEVEL_LABEL[level]} {row.code}: its {parent_label} {row.parent_code} does not exist "
                        "(neither in this file nor in the database)",
                    )
                )
                continue
        wanted = {"name": row.name, "search_name": search_key(row.name), "parent_id": parent_id, **row.values}
        obj = existing.get(row.code)
        if obj is None:
            to_create.append(model(level=level, code=row.code, **{"postcodes": [], "population": None, **wanted}))
            continue
        differences = [name for name, value in wanted.items() if getattr(obj, name) != value]
        if not differences:
            result.unchanged += 1
            continue
        for name in differences:
            setattr(obj, name, wanted[name])
        obj.updated_at = now  # bulk_update() does not apply auto_now
        changed_fields.update(differences)
        to_update.append(obj)
    if to_create:
        manager.bulk_create(to_create, batch_size=1000)
        result.created += len(to_create)
    if to_update:
        fields = sorted(changed_fields | {"updated_at"})
        manager.bulk_update(to_update, [name.removesuffix("_id") for name in fields], batch_size=1000)
        result.updated += len(to_update)


def read_project_csv(path: Path | str) -> list[dict[str, Any]]:
    """Rows of a file in the project's format (header ``level,code,name,parent_code,postcodes,population``)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return rows_from_project_csv(csv.DictReader(handle))


def rows_from_project_csv(reader: csv.DictReader) -> list[dict[str, Any]]:
    """Rows with their line numbers; ``postcodes`` / ``population`` only when the file has those columns."""
    fieldnames = [name.strip().lower() for name in reader.fieldnames or []]
    reader.fieldnames = fieldnames
    rows = []
    for raw in reader:
        row: dict[str, Any] = {"line": reader.line_num}
        for name in ("level", "code", "name", "parent_code", *OPTIONAL_FIELDS):
            if name in fieldnames:
                row[name] = raw.get(name) or ""
        rows.append(row)
    return rows


def load_centre_val_de_loire(*, model=None, using: str | None = None, stdout=None) -> LoadResult:
    """The data the project ships (used by migration 0005)."""
    return load_territory_rows(read_project_csv(CENTRE_VAL_DE_LOIRE_CSV), model=model, using=using, stdout=stdout)

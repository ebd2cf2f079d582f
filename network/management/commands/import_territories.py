import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from network.models import Territory
from network.territories import (
    COMMUNE,
    CSV_HEADER,
    DEPARTEMENT,
    LEVEL_LABEL,
    REGION,
    code_error,
    load_territory_rows,
    normalise_code,
    rows_from_project_csv,
)

INSEE_COLUMNS = {"TYPECOM", "COM", "REG", "DEP", "LIBELLE"}
PROJECT_COLUMNS = {"level", "code", "name", "parent_code"}


class Command(BaseCommand):
    help = (
        "Imports official territories from FILE, either the INSEE list of communes (Code officiel géographique, "
        "e.g. v_commune_2024.csv: TYPECOM,COM,REG,DEP,...,LIBELLE; only TYPECOM=COM rows, the current communes, "
        "are kept) or the project's own CSV (level,code,name,parent_code,postcodes,population), recognised by its "
        "header. Business rule: a territory is identified by its level and INSEE code; existing ones are updated, "
        "new ones created, nothing is ever deleted, and running the same file twice changes nothing. Every commune "
        "belongs to a département and every département to a région: they must exist or be in the same file; "
        "for an INSEE file, a missing one is created with its code as a provisional name (with a warning) to be "
        "renamed later. Postcodes and populations are only changed by a file that has them (the INSEE list has "
        "neither). A bad row is reported as 'line N: message' and skipped; the other rows are imported. The "
        "command fails only when the file cannot be read, its header is not recognised, or no row is valid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file (UTF-8, comma- or semicolon-separated).")

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                sample = handle.readline()
                handle.seek(0)
                delimiter = ";" if sample.count(";") > sample.count(",") else ","
                reader = csv.DictReader(handle, delimiter=delimiter)
                header = [name.strip() for name in reader.fieldnames or []]
                if PROJECT_COLUMNS <= {name.lower() for name in header}:
                    file_format, rows, notes, warnings = "project", rows_from_project_csv(reader), [], []
                elif INSEE_COLUMNS <= {name.upper() for name in header}:
                    file_format = "INSEE"
                    rows, notes, warnings = self.rows_from_insee(reader)
                else:
                    raise CommandError(
                        f"{path}: header not recognised ({','.join(header) or 'empty file'}). Expected the INSEE "
                        f"list of communes ({', '.join(sorted(INSEE_COLUMNS))} columns) or the project's format "
                        f"({','.join(CSV_HEADER)})."
                    )
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f"{path}: cannot read the file ({error}).") from error

        if not rows:
            raise CommandError(f"{path}: no territory to import ({file_format} format).")
        with transaction.atomic():
            result = load_territory_rows(rows, model=Territory, stdout=self.stdout)
            for note in notes:
                self.stdout.write(note)
            for line, message in sorted(warnings + result.errors, key=lambda item: item[0]):
                self.stdout.write(f"line {line}: {message}")
            summary = f"{path} ({file_format} format): {result.summary()}."
            if result.valid == 0:
                raise CommandError(f"{summary} No valid row: nothing imported.")
        self.stdout.write(summary)

    def rows_from_insee(self, reader: csv.DictReader) -> tuple[list[dict], list[str], list[tuple[int, str]]]:
        """Commune rows, preceded by provisional rows for the régions and départements not in the database yet.

        Also returns notes for the operator and warnings as ``(line, message)``.
        """
        reader.fieldnames = [name.strip().upper() for name in reader.fieldnames or []]
        communes, ignored = [], 0
        departement_region: dict[str, tuple[str, int]] = {}  # département -> (its région, first line citing it)
        for raw in reader:
            if (raw.get("TYPECOM") or "").strip().upper() != "COM":
                ignored += 1  # communes déléguées/associées and arrondissements municipaux are not communes
                continue
            departement, region = normalise_code(raw.get("DEP")), normalise_code(raw.get("REG"))
            communes.append(
                {
                    "line": reader.line_num,
                    "level": COMMUNE,
                    "code": raw.get("COM") or "",
                    "name": raw.get("LIBELLE") or "",
                    "parent_code": departement,
                }
            )
            if departement and region and not code_error(DEPARTEMENT, departement):
                departement_region.setdefault(departement, (region, reader.line_num))

        notes = (
            [f"{ignored} row(s) that are not current communes (TYPECOM other than COM) ignored."] if ignored else []
        )
        warnings: list[tuple[int, str]] = []
        known_departements = set(
            Territory.objects.departements().filter(code__in=departement_region).values_list("code", flat=True)
        )
        missing = {code: value for code, value in departement_region.items() if code not in known_departements}
        region_lines: dict[str, int] = {}
        for region, line in missing.values():
            if not code_error(REGION, region):
                region_lines[region] = min(line, region_lines.get(region, line))
        known_regions = set(Territory.objects.regions().filter(code__in=region_lines).values_list("code", flat=True))

        provisional = []
        for region, line in sorted(region_lines.items()):
            if region not in known_regions:
                provisional.append({"line": line, "level": REGION, "code": region, "name": region, "parent_code": ""})
                warnings.append(self.provisional_warning(line, REGION, region))
        for departement, (region, line) in sorted(missing.items()):
            provisional.append(
                {"line": line, "level": DEPARTEMENT, "code": departement, "name": departement, "parent_code": region}
            )
            warnings.append(self.provisional_warning(line, DEPARTEMENT, departement))
        return provisional + communes, notes, warnings

    @staticmethod
    def provisional_warning(line: int, level: str, code: str) -> tuple[int, str]:
        return (
            line,
            f"warning: {LEVEL_LABEL[level]} {code} is not in the database: "
            "created with its code as a provisional name.",
        )

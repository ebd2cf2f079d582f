import importlib
import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from network.models import Territory, search_key
from network.territories import (
    CENTRE_VAL_DE_LOIRE_CSV,
    load_centre_val_de_loire,
    load_territory_rows,
    read_project_csv,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _shipped_territories(territories):
    """The migration's rows, reloaded if a transactional test elsewhere flushed them."""


CVL_COMMUNES = 1754
INSEE_HEADER = "TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT"


def run_import(path) -> str:
    out = io.StringIO()
    call_command("import_territories", str(path), stdout=out)
    return out.getvalue()


def write_insee_file(tmp_path, *lines, name="v_commune_2024.csv"):
    path = tmp_path / name
    path.write_text("\n".join([INSEE_HEADER, *lines]) + "\n", encoding="utf-8")
    return path


# --- The shipped data -----------------------------------------------------------------------------------------------


def test_the_migration_loaded_centre_val_de_loire_its_six_departements_and_all_its_communes():
    region = Territory.objects.regions().get(code="24")
    assert region.name == "Centre-Val de Loire"
    assert region.parent is None
    departements = Territory.objects.departements().filter(parent=region)
    assert sorted(departements.values_list("code", flat=True)) == ["18", "28", "36", "37", "41", "45"]
    assert Territory.objects.communes().filter(parent__parent=region).count() == CVL_COMMUNES


def test_orleans_has_its_postcodes_its_population_and_belongs_to_the_loiret():
    orleans = Territory.objects.communes().get(code="45234")
    assert orleans.name == "Orléans"
    assert orleans.search_name == "orleans"
    assert "45000" in orleans.postcodes
    assert orleans.population > 100_000
    assert orleans.parent.code == "45"
    assert orleans.parent.level == Territory.Level.DEPARTEMENT


def test_the_shipped_file_has_no_bad_row_and_one_line_per_territory():
    rows = read_project_csv(CENTRE_VAL_DE_LOIRE_CSV)
    assert len(rows) == 1 + 6 + CVL_COMMUNES
    assert [row["level"] for row in rows[:7]] == ["region"] + ["departement"] * 6
    assert rows[0]["line"] == 2


def test_loading_the_shipped_file_again_creates_and_updates_nothing():
    before = Territory.objects.count()
    result = load_centre_val_de_loire()
    assert (result.created, result.updated, result.unchanged, result.errors) == (0, 0, 1 + 6 + CVL_COMMUNES, [])
    assert Territory.objects.count() == before


def test_the_data_migration_fills_an_empty_table_in_a_few_bulk_statements(django_assert_max_num_queries):
    """It runs on every fresh database: 1,761 rows are loaded in bulk, level by level, not one statement per row
    (which took seconds). A statement count, not a timer: the suite must pass on a busy machine."""
    for level in ("commune", "departement", "region"):  # children first: parents are protected
        Territory.objects.filter(level=level).delete()
    migration = importlib.import_module("network.migrations.0005_load_territories")
    historical_apps = MigrationExecutor(connection).loader.project_state(("network", "0005_load_territories")).apps

    with django_assert_max_num_queries(20):
        migration.load_territories(historical_apps, SimpleNamespace(connection=connection))

    assert Territory.objects.count() == 1 + 6 + CVL_COMMUNES
    # Historical models have no custom save(): the loader computed the search names itself.
    assert Territory.objects.get(code="37123").search_name == search_key(Territory.objects.get(code="37123").name)
    assert not Territory.objects.filter(search_name="").exists()


# --- The loader -----------------------------------------------------------------------------------------------------


def test_the_loader_updates_changed_fields_and_keeps_what_the_source_does_not_give():
    orleans = Territory.objects.get(level="commune", code="45234")
    rows = [{"level": "commune", "code": "45234", "name": "Orléans-sur-Loire", "parent_code": "45"}]

    result = load_territory_rows(rows)

    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    orleans.refresh_from_db()
    assert orleans.search_name == "orleans sur loire"
    assert "45000" in orleans.postcodes  # no postcodes column: left as they were
    assert orleans.population > 100_000


def test_the_loader_reports_each_bad_row_with_its_line_and_keeps_the_good_ones():
    rows = [
        {"level": "region", "code": "94", "name": "Corse", "parent_code": ""},
        {"level": "canton", "code": "4501", "name": "Somewhere", "parent_code": "45"},
        {"level": "departement", "code": "2A", "name": "Corse-du-Sud", "parent_code": "94"},
        {"level": "departement", "code": "977", "name": "Saint-Barthélemy", "parent_code": "01"},
        {"level": "commune", "code": "2A004", "name": "Ajaccio", "parent_code": "2A", "postcodes": "20000 20090"},
        {"level": "commune", "code": "2A006", "name": "Afa", "parent_code": "2A", "postcodes": "2016"},
        {"level": "commune", "code": "2A008", "name": "Aullène", "parent_code": "2A", "population": "-3"},
        {"level": "commune", "code": "2B002", "name": "Aghione", "parent_code": "2B"},
        {"level": "commune", "code": "45234", "name": "", "parent_code": "45"},
        {"level": "commune", "code": "2A004", "name": "Ajaccio", "parent_code": "2A"},
    ]

    result = load_territory_rows(rows)

    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert [line for line, _message in result.errors] == [3, 5, 7, 8, 9, 10, 11]
    messages = dict(result.errors)
    assert "level 'canton' is unknown" in messages[3]
    assert "département code '977' is invalid" in messages[5]
    assert "postcode '2016' is invalid" in messages[7]
    assert "population '-3' is invalid" in messages[8]
    assert "its département 2B does not exist" in messages[9]
    assert "name is missing" in messages[10]
    assert "duplicate of line 6" in messages[11]
    ajaccio = Territory.objects.get(level="commune", code="2A004")
    assert ajaccio.parent.code == "2A"
    assert ajaccio.parent.parent.code == "94"
    assert ajaccio.postcodes == ["20000", "20090"]


# --- The import command ---------------------------------------------------------------------------------------------


def test_importing_an_insee_file_keeps_valid_communes_and_reports_bad_rows_by_line(tmp_path):
    path = write_insee_file(
        tmp_path,
        "COM,2A004,94,2A,2AD,2A1,0,AJACCIO,Ajaccio,Ajaccio,2AZZ,",
        "COM,ABCDE,24,45,45D,452,0,NULLEPART,Nulle-part,Nulle-part,4599,",
        "COMD,45998,24,45,45D,452,0,ANCIENNE,Ancienne,Ancienne,,45234",
        "COM,45234,24,45,45D,452,0,ORLEANS,Orleans,Orléans,4599,",
        "COM,2B033,94,2B,2BD,2B2,0,BASTIA,Bastia,Bastia,2BZZ,",
    )

    output = run_import(path)

    assert "line 3: commune code 'ABCDE' is invalid" in output
    assert "1 row(s) that are not current communes" in output
    assert "line 2: warning: région 94 is not in the database" in output
    assert "line 2: warning: département 2A is not in the database" in output
    assert "line 6: warning: département 2B is not in the database" in output
    # Ajaccio, Bastia, région 94 and départements 2A, 2B created; Orléans already there and unchanged.
    assert "5 created, 0 updated, 1 unchanged, 1 bad row(s) skipped" in output
    ajaccio = Territory.objects.communes().get(code="2A004")
    assert (ajaccio.name, ajaccio.parent.code, ajaccio.parent.parent.code) == ("Ajaccio", "2A", "94")
    assert ajaccio.parent.name == "2A"  # provisional, until a file names it
    assert Territory.objects.communes().get(code="45234").postcodes  # the INSEE file has none: kept
    assert not Territory.objects.filter(code="ABCDE").exists()
    assert not Territory.objects.filter(code="45998").exists()

    again = run_import(path)
    assert "0 created, 0 updated, 3 unchanged, 1 bad row(s) skipped" in again
    assert "warning" not in again


def test_a_project_format_file_names_the_provisional_departement(tmp_path):
    insee = write_insee_file(tmp_path, "COM,2A004,94,2A,2AD,2A1,0,AJACCIO,Ajaccio,Ajaccio,2AZZ,")
    run_import(insee)
    project = tmp_path / "corse.csv"
    project.write_text(
        "level,code,name,parent_code,postcodes,population\n"
        "region,94,Corse,,,\n"
        "departement,2A,Corse-du-Sud,94,,\n"
        "commune,2A004,Ajaccio,2A,20000 20090 20167,76320\n",
        encoding="utf-8",
    )

    output = run_import(project)

    assert "0 created, 3 updated, 0 unchanged, 0 bad row(s) skipped" in output
    corse_du_sud = Territory.objects.departements().get(code="2A")
    assert (corse_du_sud.name, corse_du_sud.search_name) == ("Corse-du-Sud", "corse du sud")
    assert Territory.objects.get(level="commune", code="2A004").population == 76320


def test_importing_a_file_with_an_unknown_header_fails(tmp_path):
    path = tmp_path / "communes.csv"
    path.write_text("insee;nom\n45234;Orléans\n", encoding="utf-8")
    with pytest.raises(CommandError, match="header not recognised"):
        run_import(path)


def test_importing_an_unreadable_file_fails(tmp_path):
    with pytest.raises(CommandError, match="cannot read the file"):
        run_import(tmp_path / "missing.csv")
    binary = tmp_path / "communes.xlsx"
    binary.write_bytes(b"PK\x03\x04\xff\xfe\x00\x81")
    with pytest.raises(CommandError, match="cannot read the file"):
        run_import(binary)


def test_importing_a_file_whose_rows_are_all_bad_fails_and_writes_nothing(tmp_path):
    path = write_insee_file(tmp_path, "COM,ABCDE,24,45,45D,452,0,NULLEPART,Nulle-part,Nulle-part,4599,")
    before = Territory.objects.count()
    with pytest.raises(CommandError, match="No valid row"):
        run_import(path)
    assert Territory.objects.count() == before


def test_the_command_help_states_the_business_rule():
    from network.management.commands.import_territories import Command

    assert "nothing is ever deleted" in Command.help
    assert "line N: message" in Command.help


# --- Search keys ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Orléans", "orleans"),
        ("Saint-Jean-de-Braye", "saint jean de braye"),
        ("L'Île-Bouchard", "l ile bouchard"),
        ("Œuilly", "oeuilly"),
    ],
)
def test_a_place_name_is_searched_without_accents_case_or_punctuation(name, key):
    assert search_key(name) == key

"""The backup/restore drill (SECURITY.md RE-9, ``scripts/backup_drill.py``), run on the test database.

The drill's own steps run against the test database (``test_<name>`` on the embedded server or the
``DATABASE_URL`` one): rows written here are committed (a transactional test) so that ``pg_dump``, a separate
process, sees them.
"""

import io
import re
import stat
import tempfile
from pathlib import Path

import pytest

from network.audit import log_action
from scripts import backup_drill
from tests.factories import (
    AffiliationFactory,
    CompanyContactFactory,
    ConventionFactory,
    NetworkStaffFactory,
    OfficeFactory,
)

drill_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fake_client_tools(directory: Path, dump_version: str, restore_version: str | None = None) -> Path:
    """A bin/ directory whose pg_dump and pg_restore only answer ``--version``, like Debian's builds do."""
    directory.mkdir(parents=True)
    for name, version in (("pg_dump", dump_version), ("pg_restore", restore_version or dump_version)):
        executable = directory / name
        executable.write_text(f'#!/bin/sh\necho "{name} (PostgreSQL) {version} (Debian {version}-1)"\n')
        executable.chmod(executable.stat().st_mode | stat.S_IXUSR)
    return directory


def test_the_client_tools_of_the_servers_major_version_are_chosen_over_newer_ones(tmp_path):
    newer = fake_client_tools(tmp_path / "18", "18.6")
    matching = fake_client_tools(tmp_path / "15", "15.20")

    tools = backup_drill.find_client_tools(15, [newer, matching])

    assert (tools.pg_dump, tools.pg_restore, tools.version) == (matching / "pg_dump", matching / "pg_restore", "15.20")


def test_the_drill_refuses_to_run_without_client_tools_of_the_servers_major_version(tmp_path):
    newer = fake_client_tools(tmp_path / "18", "18.6")
    mixed = fake_client_tools(tmp_path / "mixed", "16.4", restore_version="18.6")

    with pytest.raises(backup_drill.DrillError) as refused:
        backup_drill.find_client_tools(16, [newer, mixed, tmp_path / "absent"])

    message = str(refused.value)
    assert "No pg_dump/pg_restore for PostgreSQL 16" in message
    assert "(pg_dump 18.6, pg_restore 18.6)" in message
    assert "(pg_dump 16.4, pg_restore 18.6)" in message
    assert f"{tmp_path / 'absent'} (no working pg_dump/pg_restore)" in message


def matching_tools(source):
    """The real client tools for the test server; an external server without them skips (the embedded one has
    them in its wheel, so there a refusal fails the test)."""
    major = backup_drill.major_of(backup_drill.server_version_num(source))
    try:
        return backup_drill.find_client_tools(major, backup_drill.candidate_bin_dirs(major, embedded=source.embedded))
    except backup_drill.DrillError as error:
        if source.embedded:
            raise
        pytest.skip(str(error))


def seed_key_tables():
    """At least one row in most key tables, and the two people the smoke walk signs in as."""
    NetworkStaffFactory(user__full_name="Claire Martin")
    # The head office answers for uncovered communes; without one a system check fails ``migrate``.
    office = OfficeFactory(name="Antenne du Loiret", departement_codes=["45"], is_head_office=True)
    affiliation = AffiliationFactory(advisor__user__full_name="Léa Fournier")
    ConventionFactory(organisation=affiliation.organisation)
    contact = CompanyContactFactory(company__name="Bâtiments Durand Frères")
    log_action(actor=None, action="office.create", obj=office)
    return contact.company


@drill_db
def test_the_drill_restores_the_database_and_proves_the_copy_complete(territories):
    seed_key_tables()
    source = backup_drill.source_database()
    matching_tools(source)
    out = io.StringIO()

    status = backup_drill.run_drill(source, out=out)

    report = out.getvalue()
    assert status == backup_drill.EXIT_OK, report
    for table in ("network_user", "network_office", "members_affiliation", "referrals_company", "network_auditentry"):
        assert re.search(rf"^  {table}\s+[1-9][\d,]*\s+[1-9][\d,]*\s+equal$", report, re.MULTILINE), report
    assert re.search(r"smoke walk: 1[01] page\(s\) opened on \S+_restore_drill, 0 problem\(s\)", report), report
    assert f"dropped     {source.name}_restore_drill" in report
    with source.named("postgres").connect(autocommit=True) as conn:
        left = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [f"{source.name}_restore_drill"])
        assert left.fetchone() is None


@drill_db
def test_a_copy_with_a_changed_row_a_lost_row_or_a_missing_migration_fails_the_drill(territories):
    company = seed_key_tables()
    source = backup_drill.source_database()
    tools = matching_tools(source)
    tables = backup_drill.key_tables()
    restored = source.named(backup_drill.restored_name(source.name))
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "drill.dump"
        before = backup_drill.dump_with_fingerprint(source, tools, dump, tables)
        backup_drill.recreate_database(source, restored.name)
        try:
            backup_drill.restore(restored, tools, dump)
            assert backup_drill.compare(before, backup_drill.restored_fingerprint(restored, tables)) == []
            with restored.connect(autocommit=True) as conn:
                applied = conn.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
                conn.execute("UPDATE network_office SET name = 'Antenne du Loiret (modifiée)'")
                conn.execute("DELETE FROM referrals_companycontact")
                conn.execute("DELETE FROM django_migrations WHERE id = (SELECT max(id) FROM django_migrations)")

            problems = backup_drill.compare(before, backup_drill.restored_fingerprint(restored, tables))

            assert problems[0].startswith("network_office: same 1 rows but different content")
            assert problems[1:] == [
                f"django_migrations: {applied} rows in the source, {applied - 1} in the copy",
                "referrals_companycontact: 1 rows in the source, 0 in the copy",
            ]
            assert company.contacts.count() == 1  # the source kept its row
            with pytest.raises(backup_drill.CheckFailed, match="migrate --check exited with 1"):
                backup_drill.migrate_check(restored)
        finally:
            backup_drill.drop_database(source, restored.name)

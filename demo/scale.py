"""Volume scales of ``manage.py seed_demo --scale ...`` and the bulk-loading tools the apps' ``demo_scale.py`` share.

A scale extends the demo: the demo is seeded first (its logins keep working), then each app's
``<app>/demo_scale.py`` adds its share through ``seed(scale, steps) -> {table: rows added}``, all in one transaction:

- ``members``: organisations, advisors and services up to the scale's totals (small batches, ``bulk_create``);
- ``referrals``: the scale's companies, their people, and interactions over ten years with their themes, services
  and people met, written with PostgreSQL ``COPY`` (rows formatted by hand: four times faster than
  ``write_row``), with the loaded tables' secondary indexes and foreign keys dropped during the load and recreated
  from their saved definitions (same names) afterwards.

Seeded rows are nobody's action: no audit or access-log rows, no per-row signals (the advisors' search text is
refreshed once at the end).
"""

import contextlib
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from psycopg import sql

SEED = 20_260_701
HISTORY_YEARS = 10


@dataclass(frozen=True)
class Scale:
    name: str
    organisations: int  # in total, the demo's included
    advisors: int  # in total
    services: int  # in total
    companies: int  # added to the demo's
    interactions: int  # added to the demo's
    busiest_extra: int  # interactions added to the demo's busiest company (Bâtiments Durand Frères)
    contacts_per_company: float = 0.8
    confidential_share: float = 0.08

    def planned_rows(self) -> dict[str, int]:
        """Rows the load adds to its biggest tables, for the disk estimate."""
        return {
            "referrals_company": self.companies,
            "referrals_companycontact": int(self.companies * self.contacts_per_company),
            "referrals_interaction": self.interactions + self.busiest_extra,
            "referrals_interaction_themes": int(1.3 * self.interactions),
            "referrals_interaction_services": int(0.4 * self.interactions),
            "referrals_interaction_contacts": int(0.6 * self.interactions),
        }


SCALES = {
    "region": Scale("region", 120, 400, 5_000, 250_000, 1_000_000, busiest_extra=4_600),
    "small": Scale("small", 40, 150, 300, 2_500, 10_000, busiest_extra=100),
    # For the test suite only (not offered by --help): the same code path in a second or two.
    "tiny": Scale("tiny", 36, 140, 180, 300, 1_200, busiest_extra=10),
}

# On-disk bytes per row, indexes included, measured at small scale with pg_total_relation_size (PostgreSQL 15;
# region scale came out 5 to 15% smaller: the whole database is ~0.9 GB there).
BYTES_PER_ROW = {
    "referrals_company": 520,
    "referrals_companycontact": 270,
    "referrals_interaction": 450,
    "referrals_interaction_themes": 160,
    "referrals_interaction_services": 160,
    "referrals_interaction_contacts": 160,
}
# WAL written during the load, index builds' temporary files, and some room left afterwards.
DISK_SAFETY_FACTOR = 2.5


def estimated_bytes(scale: Scale) -> int:
    return int(sum(rows * BYTES_PER_ROW[table] for table, rows in scale.planned_rows().items()) * DISK_SAFETY_FACTOR)


def data_directory() -> Path:
    """Where the database keeps its files when that is on this machine: the embedded server's DATA_DIR, the
    server's own data_directory when it is readable here (a local superuser connection), else the current dir."""
    embedded = settings.DATABASES["default"].get("DATA_DIR")
    if embedded:
        return Path(embedded)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('data_directory', true)")
            path = cursor.fetchone()[0]
        if path and Path(path).exists():
            return Path(path)
    except Exception:  # not allowed to read it: fall back  # noqa: BLE001
        pass
    return Path.cwd()


def free_bytes(path: Path) -> int:
    while not path.exists() and path != path.parent:
        path = path.parent
    return shutil.disk_usage(path).free


class Steps:
    """Times each step of the seed: ``with steps("companies"): ...``; ``steps.seconds`` keeps them in order."""

    def __init__(self, write=None):
        self.seconds: dict[str, float] = {}
        self.write = write

    @contextlib.contextmanager
    def __call__(self, name: str):
        started = time.perf_counter()
        yield
        elapsed = time.perf_counter() - started
        self.seconds[name] = self.seconds.get(name, 0.0) + elapsed
        if self.write:
            self.write(f"  {name}: {elapsed:.1f} s")


# --- COPY -----------------------------------------------------------------------------------------------------------

_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
NULL = "\\N"
COPY_CHUNK = 4_000


def copy_text(value) -> str:
    """A value in COPY's text format (escape once, when building pools of strings, not per row)."""
    if value is None:
        return NULL
    return str(value).translate(_COPY_ESCAPES)


def copy_lines(cursor, table: str, columns: list[str], lines) -> int:
    """COPY ``lines`` (each a tab-separated row ending with a newline, already escaped) into ``table``."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(column) for column in columns)
    )
    count = 0
    with cursor.cursor.copy(statement) as copy:
        chunk = []
        for line in lines:
            chunk.append(line)
            if len(chunk) >= COPY_CHUNK:
                copy.write("".join(chunk))
                count += len(chunk)
                chunk = []
        if chunk:
            copy.write("".join(chunk))
            count += len(chunk)
    return count


class IdBlock:
    """Ids handed out from a table's own sequence while the table is locked, so COPY can write them itself (the
    rows that point at them, in other tables, are written in the same pass)."""

    def __init__(self, cursor, table: str):
        self.cursor = cursor
        self.table = table
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        self.sequence = cursor.fetchone()[0]
        cursor.execute("SELECT nextval(%s)", [self.sequence])
        self.first = self.next = cursor.fetchone()[0]

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value

    def close(self):
        """Move the sequence past the ids used."""
        if self.next > self.first:
            self.cursor.execute("SELECT setval(%s, %s)", [self.sequence, self.next - 1])


class BulkLoad:
    """Lock ``tables``, drop their secondary indexes and foreign keys (``drop``), and recreate them afterwards
    (``restore``) from the definitions PostgreSQL gives (``pg_get_indexdef``/``pg_get_constraintdef``: the same
    names and definitions as the migrations made). Primary keys and unique constraints stay: they guard the load.
    Use inside a transaction: if the load fails, the drops are rolled back with it."""

    def __init__(self, cursor, tables: list[str]):
        self.cursor = cursor
        self.tables = tables
        self.indexes = []
        self.foreign_keys = []

    def drop(self):
        cursor = self.cursor
        # Run the foreign key checks still pending in this transaction (rows the demo and the members app just
        # wrote): PostgreSQL refuses to alter a table that has some.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(
            sql.SQL("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE").format(
                sql.SQL(", ").join(map(sql.Identifier, self.tables))
            )
        )
        cursor.execute(
            """
            SELECT c.relname, pg_get_indexdef(i.indexrelid)
              FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             WHERE i.indrelid = ANY(%s::regclass[])
               AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
             ORDER BY 1
            """,
            [self.tables],
        )
        self.indexes = cursor.fetchall()
        cursor.execute(
            """
            SELECT t.relname, f.conname, pg_get_constraintdef(f.oid)
              FROM pg_constraint f JOIN pg_class t ON t.oid = f.conrelid
             WHERE f.contype = 'f' AND f.conrelid = ANY(%s::regclass[])
             ORDER BY 1, 2
            """,
            [self.tables],
        )
        self.foreign_keys = cursor.fetchall()
        for table, name, _definition in self.foreign_keys:
            cursor.execute(
                sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(sql.Identifier(table), sql.Identifier(name))
            )
        for name, _definition in self.indexes:
            cursor.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))

    def restore(self):
        cursor = self.cursor
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in self.indexes:
            cursor.execute(sql.SQL(definition))  # as the catalog gave it, its name included
        for table, name, definition in self.foreign_keys:
            cursor.execute(
                sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} {}").format(
                    sql.Identifier(table), sql.Identifier(name), sql.SQL(definition)
                )
            )

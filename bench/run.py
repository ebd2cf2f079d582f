"""The benchmark: ``python -m bench.run --scale small|region`` (``make bench SCALE=...``). See bench/README.md.

Steps: a database of its own (the embedded PostgreSQL's ``bench_<scale>``, or ``--database-url``), migrate, seed the
scale unless that database says it is already seeded, collect the static files, make the benchmark advisor
(bench/prepare.py), serve with gunicorn (sync workers, production settings), sign in once, read each page's
``X-Query-Count``, warm up, then drive each page with wrk at concurrency 1, 4 and 16, alternating ``/healthz`` and
the page ``--rounds`` times, while sampling the workers' memory. Writes the JSON and the Markdown table; exits 1 if
any page answered an unexpected status or is missing (the targets are reported, never enforced).
"""

import argparse
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from bench import report

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
CONCURRENCY = (1, 4, 16)
SCALES = ("small", "region", "demo")
# Seconds per wrk run (one /healthz or page segment) by scale: short for CI, longer where the numbers count.
DEFAULT_DURATION = {"small": 2, "demo": 2, "region": 3}
# Alternations of /healthz and the page per concurrency. At region scale four of 3 s rather than two of 5 s: a burst
# of the shared machine lasting a few seconds then spoils one alternation of four, which the median leaves out,
# instead of half of the figure (a run of 2026-11-24: the company page's two alternations 11.4 and 15.4 ms, with the
# /healthz runs next to them at 1.5 and 1.4 ms).
DEFAULT_ROUNDS = {"small": 2, "demo": 2, "region": 4}
HOST = "127.0.0.1"
MARKER = "bench-seeded:"
DEFAULT_OUT = BENCH_DIR / "results" / "latest.json"  # and a copy as <scale>.json beside it: each scale's latest run
README = BENCH_DIR / "README.md"
README_START, README_END = "<!-- bench-results:start -->", "<!-- bench-results:end -->"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=SCALES, default="small", help="data volume to seed and measure")
    parser.add_argument(
        "--database-url",
        help="benchmark this PostgreSQL database instead of the embedded server's bench_<scale> (it is migrated, "
        "seeded, and gets a benchmark advisor and the contacts the POST logs: never a database you care about)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="the JSON (the Markdown goes next to it, .md); the default one is also shown in bench/README.md",
    )
    parser.add_argument("--duration", type=int, help="seconds per wrk run (default: 2 small, 3 region)")
    parser.add_argument(
        "--rounds", type=int, help="/healthz + page alternations per concurrency (default: 2 small, 4 region)"
    )
    parser.add_argument("--warmup", type=int, default=1, help="seconds of warm-up load per page")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--pages", help="comma-separated page names (default: all of bench/pages.py)")
    parser.add_argument("--redis-url", help="use this Redis as the cache (default: per-process memory cache)")
    return parser.parse_args(argv)


# --- Environment and database ---------------------------------------------------------------------------------------


def bench_env(args, password: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DEBUG="false",
        SECRET_KEY="bench-" + secrets.token_urlsafe(48),
        ALLOWED_HOSTS=HOST,
        SITE_URL=f"http://{HOST}",
        SECURE_COOKIES="false",  # plain HTTP on loopback: no __Host- cookies, no HTTPS redirect, no HSTS
        SECURE_SSL_REDIRECT="false",
        MFA_REQUIRED="false",
        BENCH_QUERY_COUNT="1",
        EMBEDDED_DB_NAME=f"bench_{args.scale}",
        STATIC_ROOT=str(ROOT / "var" / "bench" / "static"),
        CELERY_BROKER_URL="memory://",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
        BENCH_PASSWORD=password,
        PYTHONUNBUFFERED="1",
    )
    env.setdefault("XDG_RUNTIME_DIR", tempfile.gettempdir())
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    return env


def database_connection(args, env):
    """A psycopg connection to the benchmark database. With the embedded server this process also registers as one
    of its users, so the server stays up from migrate to the end of the run."""
    import psycopg

    if args.database_url:
        return psycopg.connect(args.database_url, autocommit=True)
    from config.embedded_postgresql.server import ensure_server

    var_dir = Path(env.get("VAR_DIR", ROOT / "var"))
    endpoint = ensure_server(var_dir / "postgres", env["EMBEDDED_DB_NAME"])
    return psycopg.connect(
        host=endpoint.host, port=endpoint.port, user=endpoint.user, dbname=env["EMBEDDED_DB_NAME"], autocommit=True
    )


def seeded_scale(conn) -> str | None:
    row = conn.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()"
    ).fetchone()
    comment = (row[0] if row else None) or ""
    return comment[len(MARKER) :].split()[0] if comment.startswith(MARKER) else None


def mark_seeded(conn, scale: str) -> None:
    from psycopg import sql

    name = conn.execute("SELECT current_database()").fetchone()[0]
    text = f"{MARKER}{scale} {datetime.now(UTC).isoformat(timespec='seconds')}"
    try:
        conn.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(name), sql.Literal(text)))
    except Exception as error:  # not the owner: the next run seeds again (seed_demo is idempotent)
        log(f"Could not mark the database as seeded ({error}).")


def manage(env, *arguments, capture=False) -> str:
    command = [sys.executable, str(ROOT / "manage.py"), *arguments]
    result = subprocess.run(command, cwd=ROOT, env=env, text=True, capture_output=capture)
    if result.returncode != 0:
        if capture:
            sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"`manage.py {' '.join(arguments)}` failed (exit {result.returncode}).")
    return result.stdout if capture else ""


def seed(args, env, conn) -> float | None:
    """Seeds unless the database is marked as seeded with this scale: the seconds it took (seed_demo's SEED_RESULT),
    None when the data was already there."""
    if seeded_scale(conn) == args.scale:
        log(f"Database already seeded at scale {args.scale}: reused (seed_seconds is null).")
        return None
    log(f"Seeding scale {args.scale} (manage.py seed_demo --scale {args.scale} --force)…")
    started = time.monotonic()
    command = [sys.executable, str(ROOT / "manage.py"), "seed_demo", "--scale", args.scale, "--force"]
    # The demo app (seed_demo) is installed by the development settings only; the database and the rest come from
    # the benchmark's environment, which the development settings leave as they are.
    seed_env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    process = subprocess.Popen(command, cwd=ROOT, env=seed_env, text=True, stdout=subprocess.PIPE)
    result = None
    for line in process.stdout:
        print(f"    {line}", end="", flush=True)
        if line.startswith("SEED_RESULT "):
            result = json.loads(line[len("SEED_RESULT ") :])
    if process.wait() != 0:
        raise SystemExit(f"seed_demo --scale {args.scale} failed (exit {process.returncode}).")
    mark_seeded(conn, args.scale)
    if result is None:  # the plain demo prints no SEED_RESULT: the harness's own clock
        return round(time.monotonic() - started, 1)
    if result.get("already_seeded"):
        log("seed_demo found the scale already seeded: seed_seconds is null.")
        return None
    return result["seconds"]


def prepare(env) -> dict:
    command = [sys.executable, "-m", "bench.prepare"]
    result = subprocess.run(command, cwd=ROOT, env=env, text=True, capture_output=True)
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_PREPARED "):
            return json.loads(line[len("BENCH_PREPARED ") :])
    sys.stderr.write(result.stdout + result.stderr)
    raise SystemExit("bench.prepare failed: no benchmark advisor or pages.")


def logged_since(env, since: str) -> int:
    command = [sys.executable, "-m", "bench.prepare", "--logged-since", since]
    output = subprocess.run(command, cwd=ROOT, env=env, text=True, capture_output=True, check=True).stdout
    return int(re.search(r"BENCH_LOGGED (\d+)", output)[1])


# --- The server -----------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, env, workers: int):
        self.port = free_port()
        self.log_path = ROOT / "var" / "bench" / "gunicorn.log"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--timeout",
            "60",
            "--error-logfile",
            str(self.log_path),
        ]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env)
        self.peak_rss = 0
        self._sampling = False

    def wait_ready(self, timeout=60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited ({self.process.returncode}): see {self.log_path}")
            try:
                if request(self.port, "GET", "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer /healthz within {timeout:.0f} s: see {self.log_path}")

    def start_sampling(self, every=0.25) -> None:
        """Samples the workers' resident memory, and on Linux their high-water mark (``VmHWM``), which a sample
        taken every ``every`` seconds would miss: signing in hashes the password with Argon2, whose 100 MiB memory
        cost lasts a fraction of a second."""
        import psutil

        master = psutil.Process(self.process.pid)
        self._sampling = True

        def sample():
            while self._sampling:
                try:
                    for worker in master.children():
                        try:
                            self.peak_rss = max(self.peak_rss, worker.memory_info().rss, _high_water_mark(worker.pid))
                        except psutil.Error:
                            pass
                except psutil.Error:
                    return
                time.sleep(every)

        threading.Thread(target=sample, daemon=True).start()

    def stop(self) -> None:
        self._sampling = False
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def request(port, method, path, *, body: str | None = None, cookies: dict | None = None):
    """(status, headers, text) of one request, redirects not followed."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    headers = {"Host": HOST}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        return response.status, response.headers, text
    finally:
        connection.close()


def cookies_from(headers, jar: dict) -> dict:
    for header in headers.get_all("Set-Cookie") or []:
        parsed = SimpleCookie()
        parsed.load(header)
        for name, morsel in parsed.items():
            jar[name] = morsel.value
    return jar


def form_token(text: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
    if not match:
        raise SystemExit("No CSRF token in the page.")
    return match[1]


def _high_water_mark(pid: int) -> int:
    """The process's peak resident memory in bytes, from /proc (Linux); 0 where there is none."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def sign_in(port, email: str, password: str) -> tuple[dict, str]:
    """The benchmark advisor's cookies (session and CSRF), and a CSRF form token for POSTs."""
    jar: dict = {}
    status, headers, text = request(port, "GET", "/accounts/login/")
    cookies_from(headers, jar)
    body = urlencode({"csrfmiddlewaretoken": form_token(text), "login": email, "password": password})
    status, headers, _text = request(port, "POST", "/accounts/login/", body=body, cookies=jar)
    cookies_from(headers, jar)
    if status != 302 or "sessionid" not in jar:
        raise SystemExit(f"Signing in as {email} failed (status {status}).")
    status, headers, text = request(port, "GET", "/extranet/companies/log/", cookies=jar)
    cookies_from(headers, jar)
    if status != 200:
        raise SystemExit(f"The fast-entry form answered {status} to the benchmark advisor.")
    return {name: jar[name] for name in ("sessionid", "csrftoken")}, form_token(text)


# --- wrk --------------------------------------------------------------------------------------------------------


def lua_literal(value) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{lua_literal(k)}] = {lua_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "{" + ", ".join(lua_literal(item) for item in value) + "}"
    raise TypeError(value)


class Driver:
    """Builds each page's wrk script once and runs wrk against the server."""

    def __init__(self, port, pages: dict, cookies: dict, token: str, workdir: Path):
        self.port = port
        self.pages = pages
        self.scripts = {}
        body_template = (BENCH_DIR / "wrk.lua").read_text()
        for name, page in pages.items():
            headers = {}
            if page["login"]:
                headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in cookies.items())
            fixed = {}
            if page["method"] == "POST":
                fixed = {"csrfmiddlewaretoken": token, **(page["form"] or {})}
            config = {
                "path": page["path"],
                "method": page["method"],
                "headers": headers,
                "expect": page["status"],
                "body": urlencode(fixed),
                "choices": [[key, values] for key, values in (page["form_choices"] or {}).items()],
                "uuid_field": page["fresh_uuid"] or "",
            }
            path = workdir / f"{name}.lua"
            path.write_text(f"BENCH = {lua_literal(config)}\n\n{body_template}")
            self.scripts[name] = path

    def run(self, name: str, connections: int, seconds: float) -> dict:
        threads = min(2, connections)
        # The first 24 characters of a UUID (four groups and their dashes); the Lua script appends the thread number
        # and a counter, so every POST of the run carries a distinct submission key.
        prefix = str(uuid.uuid4())[:24]
        env = dict(os.environ, BENCH_UUID_PREFIX=prefix)
        script = self.scripts[name]
        command = [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",  # wrk takes whole seconds
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://{HOST}:{self.port}/",
        ]
        result = subprocess.run(command, env=env, text=True, capture_output=True)
        self.settle()
        for line in result.stdout.splitlines():
            if line.startswith("BENCH_WRK "):
                data = json.loads(line[len("BENCH_WRK ") :])
                data["errors"] = (
                    data["connect_errors"]
                    + data["read_errors"]
                    + data["write_errors"]
                    + data["timeouts"]
                    + data["unexpected_status"]
                )
                return data
        raise SystemExit(f"wrk gave no result for {name}:\n{result.stdout}\n{result.stderr}")

    def settle(self, quick=0.02, tries=100) -> None:
        """Wait until the requests wrk left queued in gunicorn's backlog are served (at concurrency 16 a slow page
        leaves seconds of work behind): the next run must not start behind them."""
        for _try in range(tries):
            began = time.monotonic()
            request(self.port, "GET", "/healthz")
            if time.monotonic() - began < quick:
                return

    def query_count(self, name: str, cookies: dict, token: str) -> tuple[int | None, int]:
        """(X-Query-Count, status) of one request of the page, as wrk will send it."""
        page = self.pages[name]
        body = None
        if page["method"] == "POST":
            fields = {"csrfmiddlewaretoken": token, **(page["form"] or {})}
            if page["fresh_uuid"]:
                fields[page["fresh_uuid"]] = str(uuid.uuid4())
            for key, values in (page["form_choices"] or {}).items():
                fields[key] = values[0]
            body = urlencode(fields)
        status, headers, _text = request(
            self.port, page["method"], page["path"], body=body, cookies=cookies if page["login"] else None
        )
        count = headers.get("X-Query-Count")
        return (int(count) if count is not None else None), status


def latest_of_other_scales(directory: Path, scale: str) -> dict:
    """The latest run of each other scale kept in ``directory`` (``<scale>.json``), by scale: the report's growth
    column compares the scales."""
    found = {}
    for other in SCALES:
        path = directory / f"{other}.json"
        if other != scale and path.exists():
            found[other] = json.loads(path.read_text())
    return found


def show_in_readme(table: str) -> None:
    """bench/README.md shows the committed results: its section between the markers is the latest table."""
    text = README.read_text()
    if README_START not in text or README_END not in text:
        return
    before, rest = text.split(README_START, 1)
    _old, after = rest.split(README_END, 1)
    body = table.split("\n", 1)[1].strip()  # without the table's own title
    README.write_text(f"{before}{README_START}\n{body}\n{README_END}{after}")


# --- The run --------------------------------------------------------------------------------------------------------


def measure(driver: Driver, names: list[str], reference: str, args, duration: float) -> tuple[dict, list]:
    """{page: {concurrency: [(reference segment, page segment), ...]}} and the reference medians in run order."""
    segments: dict = {}
    drift = []
    total = len([n for n in names if n != reference]) * len(CONCURRENCY) * args.rounds * 2 * duration
    log(f"Measuring {len(names) - 1} pages: about {total / 60:.1f} min of load.")
    for name in names:
        if name == reference:
            continue
        for connections in CONCURRENCY:
            pairs = []
            for _round in range(args.rounds):
                ref = driver.run(reference, connections, duration)
                page = driver.run(name, connections, duration)
                pairs.append((ref, page))
                drift.append(round(ref["p50_us"] / 1000, 3))
            segments.setdefault(name, {})[connections] = pairs
            for ref, page in pairs:
                log(
                    f"  {name:<24} c={connections:<2} median {page['p50_us'] / 1000:7.2f} ms, p95 "
                    f"{page['p95_us'] / 1000:7.2f} | healthz {ref['p50_us'] / 1000:5.2f}, {ref['p95_us'] / 1000:6.2f}"
                    f" | errors {page['errors'] + ref['errors']}"
                )
    return segments, drift


def machine(postgresql: str, args) -> dict:
    import psutil

    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = round(psutil.virtual_memory().total / 2**30, 1)
    banner = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    version = re.search(r"wrk \S*?(\d+\.\d+(?:\.\d+)?)", banner)
    cores = os.cpu_count()
    database = "external (--database-url)" if args.database_url else "embedded"
    return {
        "description": f"{cores} cores, {ram_gb:g} GiB RAM, {model}; PostgreSQL {postgresql} ({database})",
        "cores": cores,
        "ram_gb": ram_gb,
        "cpu_model": model,
        "postgresql": postgresql,
        "database": database,
        "python": platform.python_version(),
        "os": platform.platform(terse=True),
        "gunicorn_workers": args.workers,
        "load_tool": f"wrk {version[1]}" if version else "wrk",
        "cache": "redis" if args.redis_url else "locmem",
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is not installed: `apt-get install -y wrk` (Debian package wrk).", file=sys.stderr)
        return 2
    duration = args.duration or DEFAULT_DURATION[args.scale]
    args.rounds = args.rounds or DEFAULT_ROUNDS[args.scale]
    password = secrets.token_urlsafe(24)
    env = bench_env(args, password)
    started, started_at = time.monotonic(), datetime.now(UTC).isoformat(timespec="seconds")
    conn = database_connection(args, env)
    log(f"Database: {conn.info.dbname}. Migrating…")
    manage(env, "migrate", "--noinput", "-v", "0")
    seed_seconds = seed(args, env, conn)
    log("Collecting static files…")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    prepared = prepare(env)
    pages = prepared["pages"]
    if args.pages:
        wanted = {"healthz", *args.pages.split(",")}
        unknown = wanted - set(pages)
        if unknown:
            raise SystemExit(f"Unknown pages: {', '.join(sorted(unknown))}")
        pages = {name: page for name, page in pages.items() if name in wanted}
    names = list(pages)
    reference = "healthz"

    server = Server(env, args.workers)
    try:
        server.wait_ready()
        server.start_sampling()
        cookies, token = sign_in(server.port, prepared["email"], password)
        log(f"Signed in as {prepared['email']}; gunicorn on port {server.port} with {args.workers} sync workers.")
        with tempfile.TemporaryDirectory(prefix="bench-wrk-") as workdir:
            driver = Driver(server.port, pages, cookies, token, Path(workdir))
            for name in names:  # warm every worker, then read the queries of one request in steady state
                driver.run(name, 4, args.warmup)
            queries, statuses = {}, {}
            for name in names:
                queries[name], statuses[name] = driver.query_count(name, cookies, token)
                log(
                    f"  {name:<24} {pages[name]['method']:<4} {pages[name]['path']} -> {statuses[name]}, "
                    f"{queries[name]} queries"
                )
            since = datetime.now(UTC).isoformat()
            segments, drift = measure(driver, names, reference, args, duration)
        post_requests = sum(
            pair[1]["requests"] - pair[1]["errors"]
            for name, page in pages.items()
            if page["method"] == "POST"
            for pairs in segments.get(name, {}).values()
            for pair in pairs
        )
    finally:
        server.stop()
    logged = logged_since(env, since) if any(p["method"] == "POST" for p in pages.values()) else 0
    results = report.build(
        scale=args.scale,
        machine=machine(prepared["postgresql"], args),
        pages=pages,
        reference=reference,
        segments=segments,
        queries=queries,
        seed_seconds=seed_seconds,
        peak_rss=server.peak_rss,
        settings={
            "duration_s": duration,
            "rounds": args.rounds,
            "warmup_s": args.warmup,
            "concurrency": list(CONCURRENCY),
            "healthz_medians_ms_in_run_order": drift,
            "started_at": started_at,
            "wall_seconds": round(time.monotonic() - started, 1),
        },
    )
    problems = report.harness_problems(results, pages, statuses, names)
    if post_requests and logged < post_requests:
        problems.append(f"the fast-entry POST answered {post_requests} redirects but logged {logged} contacts")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=2, ensure_ascii=False) + "\n"
    args.out.write_text(text)
    args.out.with_name(f"{args.scale}.json").write_text(text)
    markdown = args.out.with_suffix(".md")
    markdown.write_text(report.markdown(results, latest_of_other_scales(args.out.parent, args.scale)))
    log(f"Wrote {args.out} and {markdown} in {results['settings']['wall_seconds']:.0f} s.")
    if args.out.resolve() == DEFAULT_OUT.resolve():
        show_in_readme(markdown.read_text())
    print(markdown.read_text())
    if problems:
        for problem in problems:
            print(f"BENCHMARK FAILED: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

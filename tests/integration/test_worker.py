"""A real Celery worker against a real Redis sends a mail from the outbox (the path `make run` uses)."""

import os
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from config.redis_embedded import EmbeddedRedis
from network.models import OutboxMessage

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _local_redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.3) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def broker_url(tmp_path):
    if _local_redis_answers():
        yield "redis://127.0.0.1:6379/15"
    else:
        with EmbeddedRedis(tmp_path / "redis") as server:
            yield server.url


def _database_url() -> str:
    params = connection.get_connection_params()
    host = params.get("host") or "127.0.0.1"
    user, port = params.get("user") or "postgres", params.get("port") or 5432
    return f"postgres://{user}@/{connection.settings_dict['NAME']}?host={host}&port={port}"


def test_a_real_worker_sends_a_pending_outbox_message(broker_url, tmp_path):
    message = OutboxMessage.objects.create(
        dedup_key="integration:1", to=["a@example.org"], subject="Hi", body_text="Hello"
    )
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "false",
        "SECURE_COOKIES": "false",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": broker_url,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
    }
    env["EMAIL_FILE_PATH"] = str(mail_dir)
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--hostname",
            f"test-{os.getpid()}@%h",
        ],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    from config.celery_app import app

    app.conf.update(broker_url=broker_url, task_always_eager=False)
    try:
        with app.connection_for_write() as conn:
            app.send_task("network.tasks.deliver_outbox_message", args=[message.pk], connection=conn)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            message.refresh_from_db()
            if message.status == OutboxMessage.Status.SENT:
                break
            assert worker.poll() is None, worker.stdout.read().decode()
            time.sleep(0.2)
        assert message.status == OutboxMessage.Status.SENT
        assert any(mail_dir.iterdir())
    finally:
        app.conf.update(broker_url=settings.CELERY_BROKER_URL, task_always_eager=settings.CELERY_TASK_ALWAYS_EAGER)
        worker.terminate()
        worker.wait(timeout=20)
        worker.stdout.close()

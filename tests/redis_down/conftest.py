"""The "Redis down" session (SECURITY.md RE-8): cache and broker at 127.0.0.1:1, where nothing listens.

Collected only under ``--ds=config.settings.redis_down`` (see ``pytest_ignore_collect`` in tests/conftest.py);
every test here carries the ``redis_down`` marker. The fixtures of the generated URL walk (``world``, the personas)
are reused from tests/test_registries.py so this walk covers the same URLs with the same objects.
"""

import socket
from pathlib import Path

import pytest
from django.conf import settings

from config.celery_app import app as celery_app
from network.cache import reset_breakers
from tests.test_registries import logging_advisor, world  # noqa: F401 (fixtures used by the tests here)

REDIS_DOWN_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if REDIS_DOWN_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.redis_down)


@pytest.fixture(scope="session", autouse=True)
def _redis_is_really_down():
    """The session proves nothing unless cache and broker point at an address that refuses connections."""
    if settings.SETTINGS_MODULE != "config.settings.redis_down":
        pytest.fail("tests/redis_down needs --ds=config.settings.redis_down (make pytest-redis-down)")
    assert settings.CACHES["default"]["BACKEND"] == "network.cache.FailOpenRedisCache"
    assert settings.CACHES["default"]["LOCATION"] == settings.CELERY_BROKER_URL == "redis://127.0.0.1:1/0"
    assert celery_app.conf.broker_url == settings.CELERY_BROKER_URL and not celery_app.conf.task_always_eager
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 1), timeout=0.5).close()


@pytest.fixture(autouse=True)
def _fresh_breakers():
    """Each test starts like a fresh process: its first cache call tries Redis, and the outage is logged again."""
    reset_breakers()
    yield
    reset_breakers()

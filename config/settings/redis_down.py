"""Settings for the "Redis down" test session (SECURITY.md RE-8): the test settings, with cache and broker pointed
at a port where nothing listens (127.0.0.1:1, refused at once).

Used only by ``pytest --ds=config.settings.redis_down tests/redis_down`` (``make test`` runs it after the main
session). Tasks are not run eagerly here, so the outbox's "send now" really tries the dead broker.
"""

from config.settings.test import *  # noqa: F403

DEAD_REDIS_URL = "redis://127.0.0.1:1/0"

REDIS_URL = DEAD_REDIS_URL
# The production cache backend and its options (config/settings/base.py), pointed at the dead address.
CACHES = {
    "default": {
        "BACKEND": REDIS_CACHE_BACKEND,  # noqa: F405
        "LOCATION": DEAD_REDIS_URL,
        "OPTIONS": REDIS_CACHE_OPTIONS,  # noqa: F405
    }
}
CELERY_BROKER_URL = DEAD_REDIS_URL
CELERY_TASK_ALWAYS_EAGER = False

"""Settings for the test suite: real PostgreSQL (embedded unless DATABASE_URL is set), tasks run eagerly."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ["DEBUG"] = "false"
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ["MFA_REQUIRED"] = "false"  # tests of the requirement switch it on with override_settings
os.environ.pop("REDIS_URL", None)

from config.settings.base import *  # noqa: E402,F403
from config.settings.base import TEMPLATES  # noqa: E402
from network.testing import FailOnUndefinedInOwnTemplates  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405  (seed_demo; never in production)
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEFAULT_FROM_EMAIL = "portal@example.org"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
SECURE_SSL_REDIRECT = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
# A missing variable in the project's own templates is a bug: the test that renders it fails.
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = FailOnUndefinedInOwnTemplates("%s")
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Static files come from the finders (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
HYPOTHESIS_FORM_EXAMPLES = int(os.environ.get("HYPOTHESIS_FORM_EXAMPLES", "50"))

"""Local development: what ``make run`` uses. Turns on DEBUG and plain-HTTP cookies explicitly."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
os.environ.setdefault("DEFAULT_FROM_EMAIL", "portal@localhost")
os.environ.setdefault("MFA_REQUIRED", "false")  # demo logins stay one step; production requires a second factor

from config.settings.base import *  # noqa: E402,F403

ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405  (seed_demo, run_portal; never in production)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

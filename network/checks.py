"""System checks for deployment settings that Django's own checks do not cover (SECURITY.md CF-4)."""

from urllib.parse import urlparse

from django.conf import settings
from django.core.checks import Error, Tags, register


def _redis_url_is_protected(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in {"redis+socket", "unix", "socket"}:
        return True
    if parsed.scheme in {"redis", "rediss"}:
        return bool(parsed.password)
    return True  # not Redis (memory://, amqp with its own credentials...)


@register(Tags.security, deploy=True)
def check_production_services(app_configs, **kwargs):
    errors = []
    for name in ("CELERY_BROKER_URL", "REDIS_URL", "CELERY_RESULT_BACKEND"):
        url = getattr(settings, name, "") or ""
        if url and not _redis_url_is_protected(url):
            errors.append(
                Error(
                    f"{name} points at Redis without a password.",
                    hint="Use redis://:PASSWORD@host:6379/0 (or an ACL user), rediss://, or a unix socket.",
                    id="network.E001",
                )
            )
    if "*" in settings.ALLOWED_HOSTS:
        errors.append(Error("ALLOWED_HOSTS contains '*'.", hint="List the host names you serve.", id="network.E002"))
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and not settings.BEHIND_PROXY:
        errors.append(
            Error(
                "SECURE_PROXY_SSL_HEADER is set without BEHIND_PROXY.",
                hint="Set BEHIND_PROXY=true only behind a proxy that overwrites X-Forwarded-* (see README).",
                id="network.E003",
            )
        )
    if not settings.SITE_URL.startswith("https://"):
        errors.append(
            Error(
                "SITE_URL is not an https:// address.",
                hint="Set SITE_URL to the portal's public address, e.g. https://portal.example.org.",
                id="network.E005",
            )
        )
    debug_apps = {"debug_toolbar", "django_extensions"} & set(settings.INSTALLED_APPS)
    if debug_apps:
        errors.append(Error(f"Debug apps installed in production: {sorted(debug_apps)}.", id="network.E004"))
    return errors


@register(Tags.database)
def check_office_coverage(app_configs, databases=None, **kwargs):
    """Every commune resolves to exactly one office (SECURITY/DESIGN: the head office is the fallback).

    Unique keys make the answer unique; this check makes sure it exists. Runs with ``migrate`` and
    ``check --database default``.
    """
    if not databases:
        return []
    from django.db import DatabaseError

    from network.models import Office, Territory

    try:
        if not Office.objects.exists() or Office.objects.filter(is_head_office=True).exists():
            return []
        orphans = (
            Territory.objects.communes().filter(office_override__isnull=True, parent__office_link__isnull=True).count()
        )
    except DatabaseError:  # tables not migrated yet
        return []
    if not orphans:
        return []
    return [
        Error(
            f"{orphans} commune(s) are covered by no office, and no office is marked as the head office.",
            hint="Mark one office as the head office (Manage → Offices): it answers for every uncovered commune.",
            id="network.E010",
        )
    ]

"""Technical endpoints: health probes, the theme stylesheet and logo, the language switch, error pages and the
allauth pages the portal switches off or replaces."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language as django_set_language

from network.models import Network

logger = logging.getLogger(__name__)


# --- Theme and language ----------------------------------------------------------------------------------------------


@login_not_required
@require_safe
@cache_control(public=True, max_age=31536000, immutable=True)
def theme_css(request):
    """The network's colours as CSS custom properties (a stylesheet, since the CSP forbids inline styles)."""
    network = Network.load()
    css = loader.render_to_string("network/theme.css", {"primary": _rgb(network.primary_colour), "network": network})
    return HttpResponse(css, content_type="text/css; charset=utf-8")


def _rgb(hex_value: str) -> str:
    return ", ".join(str(int(hex_value[i : i + 2], 16)) for i in (1, 3, 5))


@login_not_required
@require_POST
def set_language(request):
    """Switch language, keeping the current page; a signed-in user's preference is saved too."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language", "updated_at"])
    # Django translates ``next`` by resolving it in the active language: use the page's own language.
    page_language = get_language_from_path(request.POST.get("next", ""))
    if page_language:
        translation.activate(page_language)
    return django_set_language(request)


# --- Health ----------------------------------------------------------------------------------------------------------


@login_not_required
@require_safe
@never_cache
def healthz(request):
    """Liveness: the process answers and the database runs ``SELECT 1``. The benchmark's reference page."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("healthz: database unreachable")
        return JsonResponse({"status": "error", "database": "down"}, status=503)
    return JsonResponse({"status": "ok"})


@login_not_required
@require_safe
@never_cache
def readyz(request):
    """Readiness: database and broker both reachable; 503 otherwise. No versions or host names are shown."""
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    ready = all(checks.values())
    body = {"status": "ok" if ready else "unavailable", **{k: "ok" if v else "down" for k, v in checks.items()}}
    return JsonResponse(body, status=200 if ready else 503)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        logger.warning("readyz: database unreachable", exc_info=True)
        return False


def _broker_ok() -> bool:
    from config.celery_app import app

    try:
        with app.connection_for_write() as conn:
            # One attempt, no back-off sleep: the probe must answer quickly (RE-8: under 1 s with Redis down); the
            # orchestrator asks again anyway.
            conn.ensure_connection(max_retries=0, timeout=1)
        return True
    except Exception:
        logger.warning("readyz: broker unreachable", exc_info=True)
        return False


@login_not_required
@require_safe
def network_logo(request):
    """The network's logo, served by the application (uploads live outside the static root, never on whitenoise)."""
    network = Network.load()
    if not network.logo:
        raise Http404
    extension = network.logo.name.rsplit(".", 1)[-1].lower()
    content_type = LOGO_CONTENT_TYPES.get(extension)
    if content_type is None:
        raise Http404
    try:
        handle = network.logo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type)
    patch_cache_control(response, public=True, max_age=86400)
    return response


LOGO_CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}


# --- Errors ----------------------------------------------------------------------------------------------------------


def csrf_failure(request, reason=""):
    """A form sent without a valid token (expired page, cookies blocked): explain, in the site layout."""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """500 page in the site layout; falls back to plain HTML if even the layout cannot render."""
    try:
        return render(request, "500.html", status=500)
    except Exception:
        logger.exception("The 500 page itself failed to render")
        return HttpResponse(
            "<!doctype html><html lang='en'><title>Server error</title><main><h1>Server error</h1>"
            "<p>Something went wrong on our side. Please try again in a moment.</p></main></html>",
            status=500,
        )


# --- Accounts --------------------------------------------------------------------------------------------------------


@require_safe
def email_managed_by_invitation(request):
    """One address per account, bound to the invitation: people do not add or switch addresses themselves."""
    messages.info(
        request,
        _("Your email address comes from your invitation. To change it, ask the network team or your referent."),
    )
    return redirect("network:dashboard")


@login_not_required
def switched_off(request, *args, **kwargs):
    """A page of allauth's whose feature the portal switches off in settings: here it does not exist (404).

    Re-authentication by an emailed code (allauth 65.22) is off: confirming who you are before changing your
    password or second factor takes the password or the second factor, never access to the mailbox alone."""
    raise Http404

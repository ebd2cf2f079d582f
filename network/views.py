import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.i18n import set_language as django_set_language

from network import perms
from network.audit import Public, log_action
from network.forms import NetworkSettingsForm, PrivacyNoticeForm
from network.hooks import app_modules
from network.models import Network, PrivacyNotice

logger = logging.getLogger(__name__)


# --- Public pages ---------------------------------------------------------------------------------------------------


@login_not_required
@require_safe
def home(request):
    return render(request, "network/home.html")


@login_not_required
@require_safe
def legal_notice(request):
    return render(request, "network/legal_notice.html")


@login_not_required
@require_safe
def privacy_notice(request):
    notice = PrivacyNotice.objects.current()
    history = PrivacyNotice.objects.exclude(pk=getattr(notice, "pk", None)).only("version", "published_at")[:20]
    return render(request, "network/privacy_notice.html", {"notice": notice, "history": history})


@login_not_required
@require_safe
def accessibility(request):
    return render(request, "network/accessibility.html")


@login_not_required
@require_safe
def contact(request):
    return render(request, "network/contact.html")


@login_not_required
@require_safe
def cookies(request):
    cookie_list = [
        (settings.SESSION_COOKIE_NAME, _("Keeps you signed in. Deleted when you sign out or after 12 hours.")),
        (settings.CSRF_COOKIE_NAME, _("Protects the forms you send against forgery. Kept for one year.")),
        (settings.LANGUAGE_COOKIE_NAME, _("Remembers the language you chose. Kept for one year.")),
    ]
    return render(request, "network/cookies.html", {"cookie_list": cookie_list})


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


# --- Health ---------------------------------------------------------------------------------------------------------


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


# --- Errors ---------------------------------------------------------------------------------------------------------


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


# --- Extranet -------------------------------------------------------------------------------------------------------


def dashboard_panels(request) -> list[dict]:
    """Panels other apps add to the extranet home: ``<app>/dashboard.py`` defines ``panels(request)`` returning
    ``[{"template": ..., **context}]``. Found by name, so this app never imports the apps above it."""
    panels = []
    for module in app_modules("dashboard"):
        panels.extend(module.panels(request))
    return panels


@require_safe
def dashboard(request):
    from allauth.mfa.utils import is_mfa_enabled

    return render(
        request,
        "network/dashboard.html",
        {
            "mfa_enabled": is_mfa_enabled(request.user),
            "staff_role": perms.staff_role(request.user),
            "panels": dashboard_panels(request),
        },
    )


@require_safe
def email_managed_by_invitation(request):
    """One address per account, bound to the invitation: people do not add or switch addresses themselves."""
    messages.info(
        request,
        _("Your email address comes from your invitation. To change it, ask the network team or your referent."),
    )
    return redirect("extranet:dashboard")


# --- Management -----------------------------------------------------------------------------------------------------


def _require_network_manager(request):
    if not perms.can_edit_network_settings(request.user):
        raise PermissionDenied(_("Only network managers can change the network's settings."))


@require_http_methods(["GET", "HEAD", "POST"])
def network_settings(request):
    _require_network_manager(request)
    network = Network.objects.filter(id=1).first() or Network(id=1)
    form = NetworkSettingsForm(request.POST or None, request.FILES or None, instance=network)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            network = form.save()
            # Everything on this form is published on the site: the values are not personal data.
            log_action(
                actor=request.user,
                action="update",
                obj=network,
                changed_fields=form.changed_data,
                values={name: Public(form.cleaned_data.get(name)) for name in form.changed_data if name != "logo"},
            )
        messages.success(request, _("The network's settings are saved. Every page now shows them."))
        return redirect("manage:network_settings")
    status = 400 if request.method == "POST" else 200
    return render(request, "network/manage/network_settings.html", {"form": form}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def privacy_notices(request):
    from network.publishing import VersionTexts, publish_version_page

    _require_network_manager(request)

    def publish(*, form, by):
        with transaction.atomic():
            notice = form.save(commit=False)
            last = PrivacyNotice.objects.select_for_update().order_by("-version").first()
            notice.version = (last.version if last else 0) + 1
            notice.save()
            log_action(actor=by, action="create", obj=notice, values={"version": Public(notice.version)})
        return notice

    return publish_version_page(
        request,
        model=PrivacyNotice,
        form_class=PrivacyNoticeForm,
        fields=("body_en", "body_fr"),
        publish=publish,
        url_name="manage:privacy_notices",
        texts=VersionTexts(
            title=_("Privacy notice"),
            lead=_(
                "Each publication is a new version; earlier versions are kept, because forms record which version "
                "a person was shown."
            ),
            confirm=_(
                "Publish this text as the new privacy notice? It replaces the current version on the site at once."
            ),
            empty=_(
                "No version is published yet: the privacy page tells visitors so. Publish the first one with the form."
            ),
            published=_("Version %(version)s of the privacy notice is published."),
        ),
    )


@login_not_required
def switched_off(request, *args, **kwargs):
    """A page of allauth's whose feature the portal switches off in settings: here it does not exist (404).

    Re-authentication by an emailed code (allauth 65.22) is off: confirming who you are before changing your
    password or second factor takes the password or the second factor, never access to the mailbox alone."""
    raise Http404

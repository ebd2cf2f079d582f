import time
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _

from network.models import Network


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set: Permissions-Policy, X-Frame-Options on static files, a
    sandboxing CSP on downloads, and no caching of personal pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        # Static files are answered by WhiteNoise before Django's clickjacking middleware runs.
        response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        if response.get("Content-Disposition", "").startswith("attachment"):
            # A download (export, signed PDF, recovery codes) runs nothing, even if opened in the browser (FU-2).
            response["Content-Security-Policy"] = "sandbox; default-src 'none'"
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(settings.STATIC_URL):
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie"])
        return response


class SessionLifetimeMiddleware:
    """Ends a signed-in session after 30 minutes without activity or 12 hours after sign-in, whichever is first.

    The last-seen time is written at most once a minute, so most requests cost no session write.
    """

    SEEN_KEY = "_seen_at"
    STARTED_KEY = "_signed_in_at"
    WRITE_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.get(self.STARTED_KEY)
            seen = session.get(self.SEEN_KEY)
            if started is None:
                session[self.STARTED_KEY] = now
                session[self.SEEN_KEY] = now
            elif (
                now - started > settings.SESSION_ABSOLUTE_TIMEOUT
                or now - (seen or started) > settings.SESSION_IDLE_TIMEOUT
            ):
                logout(request)
                messages.info(request, _("Your session has ended for your security. Please sign in again."))
                return redirect_to_login(request.get_full_path())
            elif now - (seen or 0) > self.WRITE_EVERY:
                session[self.SEEN_KEY] = now
        return self.get_response(request)


class UserLanguageMiddleware:
    """Pages outside the /fr/ and /en/ prefixes (the extranet) follow the signed-in user's preferred language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and get_language_from_path(request.path_info) is None:
            language = request.user.preferred_language
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class NetworkTimezoneMiddleware:
    """Dates are shown in the network's time zone (a setting of the Network singleton)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            timezone.activate(zoneinfo.ZoneInfo(Network.load().time_zone))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

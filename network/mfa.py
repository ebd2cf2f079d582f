"""The second-factor requirement (SECURITY.md AU-4): with ``MFA_REQUIRED`` on, a signed-in account without an
authenticator is sent to set one up before it can open any extranet or management page."""

from django.conf import settings
from django.shortcuts import redirect


class MfaRequiredMiddleware:
    # Pages that stay open without a second factor: the account pages (to set it up, sign out, change password).
    EXEMPT_PREFIXES = ("/accounts/",)
    GUARDED_PREFIXES = ("/extranet/", "/manage/", "/admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MFA_REQUIRED
            and request.user.is_authenticated
            and request.path.startswith(self.GUARDED_PREFIXES)
            and not request.path.startswith(self.EXEMPT_PREFIXES)
            and not _has_second_factor(request)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_second_factor(request) -> bool:
    """Whether the account has a TOTP authenticator: part of the user context read with the user
    (``network/user_context.py``), so it costs no query of its own."""
    user = request.user
    if not hasattr(user, "_has_second_factor"):
        from network import user_context

        user_context.load_into(user)
    return user._has_second_factor

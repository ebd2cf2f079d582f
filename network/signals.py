import time

from allauth.account.signals import password_reset
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from network import throttling


@receiver(password_reset, dispatch_uid="network_clear_login_failures_on_reset")
def clear_login_failures_on_password_reset(sender, request, user, **kwargs):
    """Someone who proved they own the mailbox gets their sign-in back at once."""
    throttling.clear_account(email=user.email)


@receiver(user_logged_in, dispatch_uid="network_start_session_clock")
def start_session_clock(sender, request, user, **kwargs):
    """The 12-hour limit counts from sign-in (network.middleware.SessionLifetimeMiddleware)."""
    from network.middleware import SessionLifetimeMiddleware

    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SessionLifetimeMiddleware.STARTED_KEY] = now
        request.session[SessionLifetimeMiddleware.SEEN_KEY] = now

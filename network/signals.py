import logging
import time

from allauth.account.signals import password_changed, password_reset
from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset, authenticator_used
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from network import throttling
from network.security_log import account_reference, security_event


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


# --- Security log (SECURITY.md LG-1) ---------------------------------------------------------------------------------


@receiver(user_logged_in, dispatch_uid="network_log_login")
def log_login(sender, request, user, **kwargs):
    security_event("login", request=request, user=user)


@receiver(user_login_failed, dispatch_uid="network_log_login_failed")
def log_login_failed(sender, credentials, request=None, **kwargs):
    email = credentials.get("email") or credentials.get("username") or ""
    security_event("login", request=request, outcome="fail", level=logging.WARNING, account=account_reference(email))


@receiver(user_logged_out, dispatch_uid="network_log_logout")
def log_logout(sender, request, user, **kwargs):
    security_event("logout", request=request, user=user)


@receiver(password_reset, dispatch_uid="network_log_password_reset")
def log_password_reset(sender, request, user, **kwargs):
    security_event("password_reset", request=request, user=user)


@receiver(password_changed, dispatch_uid="network_log_password_changed")
def log_password_changed(sender, request, user, **kwargs):
    security_event("password_change", request=request, user=user)


@receiver(authenticator_used, dispatch_uid="network_log_mfa_used")
def log_mfa_used(sender, request, user, authenticator, **kwargs):
    security_event("mfa", request=request, user=user, method=authenticator.type)


@receiver(authenticator_added, dispatch_uid="network_log_mfa_added")
def log_mfa_added(sender, request, user, authenticator, **kwargs):
    security_event("mfa_added", request=request, user=user, method=authenticator.type)


@receiver(authenticator_removed, dispatch_uid="network_log_mfa_removed")
def log_mfa_removed(sender, request, user, authenticator, **kwargs):
    security_event("mfa_removed", request=request, user=user, method=authenticator.type, level=logging.WARNING)


@receiver(authenticator_reset, dispatch_uid="network_log_mfa_reset")
def log_mfa_reset(sender, request, user, authenticator, **kwargs):
    security_event("mfa_reset", request=request, user=user, method=authenticator.type)

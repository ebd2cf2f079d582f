"""Login throttling counted in the database.

Failed logins are rows in ``LoginFailure``, so several gunicorn workers (or
nodes) share the counts without Redis. An account is paused after
``LOGIN_FAILURES_PER_ACCOUNT`` failures in ``LOGIN_FAILURES_ACCOUNT_WINDOW``
seconds, even if the next password is right; a client IP is paused after
``LOGIN_FAILURES_PER_IP`` failures in ``LOGIN_FAILURES_IP_WINDOW`` seconds,
whatever the accounts. Unknown emails are counted exactly like known ones, so
the pause reveals nothing. A successful password reset clears the account's
count.
"""

import hashlib
import hmac
import ipaddress
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from network.models import LoginFailure, SecondFactorFailure

# Counts for a request without a readable address go to this one.
UNKNOWN_ADDRESS = str(ipaddress.IPv4Address(0))


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the address the trusted reverse proxy appended (BEHIND_PROXY)."""
    remote = request.META.get("REMOTE_ADDR", "") or UNKNOWN_ADDRESS
    if settings.BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            remote = forwarded[-1]
    try:
        return str(ipaddress.ip_address(remote))
    except ValueError:
        return UNKNOWN_ADDRESS


def account_key(email: str) -> str:
    """A keyed hash of the normalised email: the counter never stores the address itself."""
    normalised = (email or "").strip().lower().encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"login:" + normalised, hashlib.sha256).hexdigest()


def is_paused(*, email: str, ip: str) -> bool:
    now = timezone.now()
    account_failures = LoginFailure.objects.filter(
        account_key=account_key(email),
        created_at__gt=now - timedelta(seconds=settings.LOGIN_FAILURES_ACCOUNT_WINDOW),
    ).count()
    if account_failures >= settings.LOGIN_FAILURES_PER_ACCOUNT:
        return True
    ip_failures = LoginFailure.objects.filter(
        ip_address=ip, created_at__gt=now - timedelta(seconds=settings.LOGIN_FAILURES_IP_WINDOW)
    ).count()
    return ip_failures >= settings.LOGIN_FAILURES_PER_IP


def record_failure(*, email: str, ip: str) -> None:
    LoginFailure.objects.create(account_key=account_key(email), ip_address=ip)


# --- Second-factor codes (AU-5) --------------------------------------------------------------------------------------
# allauth counts wrong codes in the cache, which fails open while Redis is down (RE-8). They are counted in the
# database too, so a six-digit code cannot be guessed during an outage.


def second_factor_paused(user) -> bool:
    since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURES_ACCOUNT_WINDOW)
    failures = SecondFactorFailure.objects.filter(user=user, created_at__gt=since).count()
    return failures >= settings.SECOND_FACTOR_FAILURES_PER_ACCOUNT


def record_second_factor_failure(user) -> None:
    SecondFactorFailure.objects.create(user=user)


def clear_account(*, email: str) -> int:
    deleted, _ = LoginFailure.objects.filter(account_key=account_key(email)).delete()
    return deleted


def purge_old_failures() -> int:
    horizon = timezone.now() - timedelta(
        seconds=max(settings.LOGIN_FAILURES_ACCOUNT_WINDOW, settings.LOGIN_FAILURES_IP_WINDOW) * 2
    )
    deleted, _ = LoginFailure.objects.filter(created_at__lt=horizon).delete()
    codes, _ = SecondFactorFailure.objects.filter(created_at__lt=horizon).delete()
    return deleted + codes

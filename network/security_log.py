"""Security events (SECURITY.md LG-1, LG-2): one log line each, on the ``network.security`` logger.

A line carries the event, the outcome, the UTC time, the account's id and the client IP, never an email address
or a password: an unknown account is named by the keyed hash the login throttle uses.
"""

import logging
from datetime import UTC

from django.utils import timezone

from network import throttling

logger = logging.getLogger("network.security")


def security_event(event: str, *, request=None, user=None, outcome: str = "ok", level=logging.INFO, **fields):
    data = {
        "event": event,
        "outcome": outcome,
        "at": timezone.now().astimezone(UTC).isoformat(),
        "user_id": getattr(user, "pk", None),
        "ip": throttling.client_ip(request) if request is not None else None,
        **fields,
    }
    message = " ".join(f"{key}={value}" for key, value in data.items() if value is not None)
    logger.log(level, message, extra={"security": data})


def account_reference(email: str) -> str:
    """Pseudonymous reference to the account a failed attempt named (the first 12 hex digits of its keyed hash)."""
    return throttling.account_key(email)[:12]


class AuthzDeniedLogMiddleware:
    """Logs every 403 and 404 that a signed-in person gets on the extranet and management pages (LG-2)."""

    PREFIXES = ("/extranet/", "/manage/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            response.status_code in (403, 404)
            and user is not None
            and user.is_authenticated
            and request.path.startswith(self.PREFIXES)
        ):
            match = getattr(request, "resolver_match", None)
            security_event(
                "authz_denied",
                request=request,
                user=user,
                outcome=str(response.status_code),
                level=logging.WARNING,
                view=match.view_name if match else None,
            )
        return response

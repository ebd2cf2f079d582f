"""Page checks and per-object loaders, in healthchecks' ``_get_check_for_user`` style: 404 for an object outside the
user's reach, 403 when the page or the change is not for them. Built on the predicates of ``network/perms.py``; the
apps above use ``requires`` for their own pages (``members/access.py``)."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from network import perms
from network.models import Office

NOT_OFFICE_MANAGER = _("Only network managers can change the offices and what they cover.")
NOT_NETWORK_MANAGER = _("Only network managers can change the network's settings.")


def requires(predicate, message):
    """A page for those ``predicate(user)`` admits; anyone else gets 403 with ``message`` (before any lookup)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def get_office_for_user(request, pk, *, write=False) -> Office:
    """The office ``pk``. Offices are public, so reading needs no right; writing needs ``can_manage_offices``
    (checked first, so a visitor without the right cannot probe which offices exist)."""
    if write and not perms.can_manage_offices(request.user):
        raise PermissionDenied(NOT_OFFICE_MANAGER)
    return get_object_or_404(Office, pk=pk)

"""Per-object loaders: each answers 404 for an object that does not exist and 403 when the user may not do what
is asked, built on the predicates of ``network/perms.py``."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from network import perms
from network.models import Office


def require_office_manager(request) -> None:
    """403 unless the user may change offices and what they cover."""
    if not perms.can_manage_offices(request.user):
        raise PermissionDenied(_("Only network managers can change the offices and what they cover."))


def get_office_for_user(request, pk, *, write=False) -> Office:
    """The office ``pk``. Offices are public, so reading needs no right; writing needs ``can_manage_offices``
    (checked first, so a visitor without the right cannot probe which offices exist)."""
    if write:
        require_office_manager(request)
    return get_object_or_404(Office, pk=pk)


def require_network_manager(request) -> None:
    """403 unless the user may change the network's identity and legal texts."""
    if not perms.can_edit_network_settings(request.user):
        raise PermissionDenied(_("Only network managers can change the network's settings."))

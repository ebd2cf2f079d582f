"""Named predicates for the network's own roles. Views, templates and tests use these, never ad-hoc checks."""

from network import user_context
from network.models import NetworkStaff


def staff_role(user) -> str | None:
    """The user's network-staff role, read with the user (``network/user_context.py``)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if not hasattr(user, "_network_staff_role"):
        user_context.load_into(user)
    return user._network_staff_role


def is_network_staff(user) -> bool:
    """Network staff run the network; they are exempt from the convention and code-of-conduct rules."""
    return staff_role(user) is not None


def is_network_manager(user) -> bool:
    """Network managers administer everything network-wide: identity, legal texts, offices, organisations."""
    return staff_role(user) == NetworkStaff.Role.NETWORK_MANAGER


def can_edit_network_settings(user) -> bool:
    """Only network managers change the network's identity and legal texts: every public page shows them."""
    return is_network_manager(user)


def can_manage_offices(user) -> bool:
    """Offices and their coverage decide where every company's request goes: network managers only."""
    return is_network_manager(user)

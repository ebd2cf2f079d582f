"""Who may see and change member organisations. Referents (Members II) will join the editors of their own."""

from network import perms as network_perms


def can_view_organisations(user) -> bool:
    """Network staff follow every member: office managers read, network managers read and write."""
    return network_perms.is_network_staff(user)


def can_edit_organisations(user) -> bool:
    """Network managers create, edit and unpublish organisations, their services and conventions."""
    return network_perms.is_network_manager(user)


def can_download_convention(user, convention) -> bool:
    """A signed convention is a contract: network managers only (with Members II, its organisation's referents too)."""
    return network_perms.is_network_manager(user)

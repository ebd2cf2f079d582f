"""Who may see and change member organisations. Referents (Members II) will join the editors of their own."""

from dataclasses import dataclass

from members.user_context import member_context
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


# --- The gate (DESIGN.md §4, SECURITY.md AZ-5) ----------------------------------------------------------------------


@dataclass(frozen=True)
class Gate:
    """Whether a person may read and write company data now, and if not, what is missing (codes, in order)."""

    open: bool
    missing: tuple[str, ...] = ()


def company_data_gate(user) -> Gate:
    """An advisor reads and writes company data only while both hold: a countersigned signature of the current code
    of conduct, and a convention in force for an organisation they work for. Network staff are exempt. Checked on
    every request from the user context read with the user (``members/user_context.py``), so a lapse or a new
    version takes effect at once."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Gate(False, ("sign_in",))
    if network_perms.is_network_staff(user):
        return Gate(True)
    context = member_context(user)
    missing = []
    if context.advisor_id is None or not context.affiliations:
        missing.append("affiliation")
    elif not context.convention_in_force:
        missing.append("convention")
    if context.signature in ("unsigned", "outdated"):
        missing.append("code_sign")
    elif context.signature == "awaiting":
        missing.append("code_countersign")
    return Gate(not missing, tuple(missing))


def can_read_company_data(user) -> bool:
    """Reading the shared company records: the gate above."""
    return company_data_gate(user).open


def can_write_company_data(user) -> bool:
    """Logging contacts and editing companies: the same gate (both rules are the network's commitments)."""
    return company_data_gate(user).open


def can_publish_code_of_conduct(user) -> bool:
    """The code of conduct binds every advisor: network managers publish its versions."""
    return network_perms.is_network_manager(user)


# --- Referents: their own organisation ------------------------------------------------------------------------------


def referent_organisation_ids(user) -> frozenset:
    """The organisations where ``user`` is a current referent (from the request's user context)."""
    return member_context(user).referent_organisation_ids


def can_edit_organisation(user, organisation) -> bool:
    """Referents keep their own organisation's profile, services and invitations current; network managers any."""
    return network_perms.is_network_manager(user) or organisation.pk in referent_organisation_ids(user)


def can_view_organisation(user, organisation) -> bool:
    """Network staff see every organisation's file; a referent sees their own."""
    return network_perms.is_network_staff(user) or organisation.pk in referent_organisation_ids(user)


# --- The code of conduct's countersignature -------------------------------------------------------------------------


def is_current_referent(user, organisation_id) -> bool:
    """Whether ``user`` is a referent of the organisation today, read from the database (not the request's context),
    so a service deciding inside a transaction sees an affiliation ended a moment ago."""
    from members.models import Affiliation

    return (
        Affiliation.objects.current()
        .filter(organisation_id=organisation_id, role=Affiliation.Role.REFERENT, advisor__user_id=user.pk)
        .exists()
    )


def can_countersign(user, signature) -> bool:
    """A signature is countersigned by a current referent of the signer's organisation, never by the signer: the
    organisation vouches for its advisor (DESIGN §4). Whether the signature still needs it is the service's check."""
    if user is None or not user.is_authenticated:
        return False
    return signature.advisor.user_id != user.pk and is_current_referent(user, signature.organisation_id)


def can_view_signature(user, signature) -> bool:
    """The countersignature page opens for the signer and for those who may countersign; anyone else gets 404."""
    if user is None or not user.is_authenticated:
        return False
    return signature.advisor.user_id == user.pk or can_countersign(user, signature)


# --- Colleagues -----------------------------------------------------------------------------------------------------


def can_find_colleagues(user) -> bool:
    """Anyone working for a member organisation today, and the network team; the gate does not apply (DESIGN §4)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if network_perms.is_network_staff(user):
        return True
    return bool(member_context(user).affiliations)

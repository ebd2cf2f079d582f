"""Who reads what in the company records: every rule a named predicate, used by views, services, templates, the
hand-written SQL (which takes their result as a parameter) and tests; never an ad-hoc check.

Reading and writing company data at all is the members gate (``members.perms.can_read_company_data`` /
``can_write_company_data``). Inside it, an interaction marked confidential shows its content only to the
organisation that logged it: everyone else, network managers included, sees that a contact happened, when and by
which organisation (DESIGN §4).
"""

from django.db.models import Q

from members import perms as member_perms
from members.user_context import member_context
from network import perms as network_perms


def viewer_organisation_ids(user) -> frozenset:
    """The organisations ``user`` works for today (from the request's user context, ``members/user_context.py``)."""
    return member_context(user).organisation_ids


# --- Confidentiality: the one place the rule is written -----------------------------------------------------------


def confidential_readable_organisations(user) -> frozenset:
    """The organisations whose confidential contacts ``user`` may read in full: those they work for today, and no
    other (a network manager reads none but their own organisation's). Every other contact's content is readable by
    whoever reads company records. ``content_visible``, ``can_read_content`` and the statements of
    ``referrals/queries.py`` (the timeline, "already in contact") all take the rule from here."""
    return viewer_organisation_ids(user)


def can_read_content(user, interaction) -> bool:
    """Whether ``user`` may read what ``interaction`` says (summary, people, themes, services, advisor)."""
    return not interaction.is_confidential or interaction.organisation_id in confidential_readable_organisations(user)


def content_visible(user) -> Q:
    """``can_read_content`` as a filter on interactions."""
    return Q(is_confidential=False) | Q(organisation_id__in=confidential_readable_organisations(user))


# --- Company records ----------------------------------------------------------------------------------------------


def can_read_companies(user) -> bool:
    """The shared company records: advisors through the gate, and the network team."""
    return member_perms.can_read_company_data(user)


def can_log_interactions(user) -> bool:
    """Logging a contact needs someone who works for a member organisation today, through the gate."""
    return member_perms.can_write_company_data(user) and bool(viewer_organisation_ids(user))


def loggable_organisation_ids(user) -> list[int]:
    """The organisations ``user`` may log a contact for: those they work for today whose convention with the network
    is in force (as the request's user context read them)."""
    return sorted(a.organisation_id for a in member_context(user).affiliations if a.convention_in_force)


def can_log_for(user, organisation) -> bool:
    """A contact is logged for an organisation its advisor works for today (it is that organisation's record)."""
    return organisation.pk in viewer_organisation_ids(user)


def can_edit_companies(user) -> bool:
    """Identity fields and the people at a company: any advisor through the gate who works for a member today, and
    network managers. Office managers read (DESIGN §4: they triage and report)."""
    return network_perms.is_network_manager(user) or can_log_interactions(user)


def can_merge_companies(user) -> bool:
    """Merging two records rewires everything linked to them: network managers only."""
    return network_perms.is_network_manager(user)

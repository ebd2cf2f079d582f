"""Who reads what in the company records. Views, templates and tests use these, never ad-hoc checks.

Reading and writing company data at all is the members gate (``members.perms.can_read_company_data`` /
``can_write_company_data``). Inside it, an interaction marked confidential shows its content only to the
organisation that logged it: everyone else, network managers included, sees that a contact happened, when and by
which organisation (DESIGN §4).
"""

from django.db.models import Q

from members import perms as member_perms
from members.user_context import member_context


def viewer_organisation_ids(user) -> frozenset:
    """The organisations ``user`` works for today (from the request's user context, ``members/user_context.py``)."""
    return member_context(user).organisation_ids


def content_visible(user) -> Q:
    """Interactions whose content (summary, people, themes, services, advisor) ``user`` may read. The timeline's
    constant statement (``referrals.views.TIMELINE_SQL``) applies the same rule in SQL, with these organisations."""
    return Q(is_confidential=False) | Q(organisation_id__in=viewer_organisation_ids(user))


def can_read_companies(user) -> bool:
    """The shared company records: advisors through the gate, and the network team."""
    return member_perms.can_read_company_data(user)


def can_log_interactions(user) -> bool:
    """Logging a contact needs someone who works for a member organisation today, through the gate."""
    return member_perms.can_write_company_data(user) and bool(viewer_organisation_ids(user))


def can_edit_companies(user) -> bool:
    """Identity fields and the people at a company: any advisor through the gate who works for a member today, and
    network managers. Office managers read (DESIGN §4: they triage and report)."""
    from network import perms as network_perms

    return network_perms.is_network_manager(user) or can_log_interactions(user)


def can_merge_companies(user) -> bool:
    """Merging two records rewires everything linked to them: network managers only."""
    from network import perms as network_perms

    return network_perms.is_network_manager(user)

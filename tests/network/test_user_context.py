"""The request's user context (network/user_context.py, members/user_context.py): the signed-in user and what the
permission predicates ask about them, in one query, agreeing with the rules it replaces."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members import perms as member_perms
from members.models import CodeOfConduct, CodeOfConductSignature
from members.services import signature_status
from members.user_context import member_context
from network import perms as network_perms
from network import user_context
from network.models import NetworkStaff
from referrals import perms as referral_perms
from tests.factories import AffiliationFactory, ConventionFactory, UserFactory
from tests.referrals.conftest import make_gated_advisor

pytestmark = pytest.mark.django_db


def _publish(version):
    return CodeOfConduct.objects.create(
        version=version,
        text_en="Respect companies.",
        text_fr="Respectez les entreprises.",
        published_at=timezone.now(),
    )


def _sign(advisor, code, organisation, *, countersigned):
    now = timezone.now()
    signature = CodeOfConductSignature.recorded(
        advisor=advisor,
        code=code,
        organisation=organisation,
        language="en",
        signed_at=now,
        countersigned_by=UserFactory() if countersigned else None,
        countersigned_at=now,
    )
    signature.save()
    return signature


def test_one_query_reads_the_user_and_everything_the_predicates_ask():
    user = make_gated_advisor()
    with CaptureQueriesContext(connection) as queries:
        loaded = user_context.load(user.pk)
        gate = member_perms.company_data_gate(loaded)
        staff = network_perms.is_network_staff(loaded)
        organisations = referral_perms.viewer_organisation_ids(loaded)
        can_log = referral_perms.can_log_interactions(loaded)
        colleagues = member_perms.can_find_colleagues(loaded)
    assert len(queries) == 1
    assert gate.open and not staff and len(organisations) == 1 and can_log and colleagues


@pytest.mark.parametrize("state", ["unsigned", "awaiting", "valid", "outdated"])
def test_the_signature_status_agrees_with_the_members_service(state):
    affiliation = AffiliationFactory(organisation=ConventionFactory().organisation)
    first = _publish(1)
    if state in ("awaiting", "valid", "outdated"):
        _sign(affiliation.advisor, first, affiliation.organisation, countersigned=state != "awaiting")
    if state == "outdated":
        _publish(2)
    user = user_context.load(affiliation.advisor.user_id)
    assert member_context(user).signature == signature_status(affiliation.advisor) == state


def test_no_published_code_means_nothing_to_sign():
    affiliation = AffiliationFactory(organisation=ConventionFactory().organisation)
    user = user_context.load(affiliation.advisor.user_id)
    assert member_context(user).signature == signature_status(affiliation.advisor) == "none"
    assert member_perms.company_data_gate(user).open


def test_the_gate_explains_what_is_missing_in_order():
    affiliation = AffiliationFactory(organisation=ConventionFactory(lapsed=True).organisation)
    _publish(1)
    gate = member_perms.company_data_gate(user_context.load(affiliation.advisor.user_id))
    assert gate == member_perms.Gate(False, ("convention", "code_sign"))
    nobody = member_perms.company_data_gate(user_context.load(UserFactory().pk))
    assert nobody == member_perms.Gate(False, ("affiliation", "code_sign"))


def test_referents_and_network_staff_are_read_with_the_user():
    referent = make_gated_advisor(role="referent")
    loaded = user_context.load(referent.pk)
    organisation = loaded._member_context.affiliations[0].organisation_id
    assert member_perms.referent_organisation_ids(loaded) == {organisation}
    manager = UserFactory()
    NetworkStaff.objects.create(user=manager, role=NetworkStaff.Role.NETWORK_MANAGER)
    assert network_perms.is_network_manager(user_context.load(manager.pk))


def test_an_ended_affiliation_no_longer_counts():
    user = make_gated_advisor()
    user.advisor.affiliations.update(ended_on=timezone.localdate())
    loaded = user_context.load(user.pk)
    assert referral_perms.viewer_organisation_ids(loaded) == frozenset()
    assert member_perms.company_data_gate(loaded).missing == ("affiliation",)


def test_a_user_loaded_another_way_reads_the_context_once():
    user = make_gated_advisor()
    plain = type(user).objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        assert member_perms.company_data_gate(plain).open
        assert not network_perms.is_network_staff(plain)
        assert referral_perms.viewer_organisation_ids(plain)
    assert len(queries) == 1


def test_a_deleted_user_has_no_context():
    user = UserFactory()
    pk = user.pk
    user.delete()
    assert user_context.load(pk) is None
    user.pk = pk
    assert member_perms.company_data_gate(user).missing == ("affiliation",)  # no code published: nothing to sign


def test_conventions_in_force_are_judged_on_the_day_of_the_request(monkeypatch):
    """The statement is compiled once per day: tomorrow, a convention that ended today no longer opens the gate."""
    user = make_gated_advisor()
    convention = user.advisor.affiliations.get().organisation.conventions.get()
    today = timezone.localdate()
    convention.valid_until = today
    convention.save()
    assert member_perms.company_data_gate(user_context.load(user.pk)).open
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today + timedelta(days=1))
    assert member_perms.company_data_gate(user_context.load(user.pk)).missing == ("convention",)


def test_the_signed_in_request_loads_the_user_with_the_context(client):
    user = make_gated_advisor()
    client.force_login(user)
    client.get("/extranet/companies/")  # warms the per-process caches (the network's identity)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/extranet/companies/").status_code == 200
    assert len(queries) == 2  # the session, then the user with their context: the gate reads no more

"""The way in to a record (referrals/access.py) and the confidentiality rule (referrals/perms.py), on their own."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone

from referrals import perms
from referrals.access import get_company_for_user, get_contact_for_user, get_interaction_for_user
from referrals.models import Company, Interaction
from tests.factories import CompanyContactFactory, CompanyFactory, ConventionFactory, UserFactory

pytestmark = pytest.mark.django_db


def request_of(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def contact_with(company, user, *, confidential):
    advisor = user.advisor
    return Interaction.objects.create(
        company=company,
        advisor=advisor,
        organisation=advisor.affiliations.get().organisation,
        occurred_on=timezone.localdate() - timedelta(days=1),
        is_confidential=confidential,
        summary="Cession envisagée",
    )


@pytest.fixture
def two_advisors(gated_advisor):
    return gated_advisor(organisation=ConventionFactory().organisation), gated_advisor(
        organisation=ConventionFactory().organisation
    )


def test_a_company_is_loaded_for_anyone_through_the_gate_and_a_merged_one_gives_the_kept_record(two_advisors):
    advisor, _other = two_advisors
    kept = CompanyFactory(name="Durand SAS")
    merged = CompanyFactory(name="Durand")
    Company.objects.filter(pk=merged.pk).update(merged_into=kept)
    assert get_company_for_user(request_of(advisor), kept.pk) == kept
    assert get_company_for_user(request_of(advisor), merged.pk) == kept
    assert get_company_for_user(request_of(advisor), merged.pk, write=True) == kept


@pytest.mark.parametrize("pk", [0, -1, 10**6, 2**63, 10**30])
def test_a_company_that_does_not_exist_is_not_found(two_advisors, pk):
    with pytest.raises(Http404):
        get_company_for_user(request_of(two_advisors[0]), pk)


def test_outside_the_gate_every_record_is_not_found(two_advisors):
    company = CompanyFactory()
    person = CompanyContactFactory(company=company)
    shared = contact_with(company, two_advisors[0], confidential=False)
    outsider = request_of(UserFactory())  # no organisation, no staff role
    for load, pk in ((get_company_for_user, company.pk), (get_contact_for_user, person.pk)):
        with pytest.raises(Http404):
            load(outsider, pk)
    with pytest.raises(Http404):
        get_interaction_for_user(outsider, shared.pk)


def test_an_office_manager_reads_but_writing_is_forbidden(office_manager):
    company = CompanyFactory()
    person = CompanyContactFactory(company=company)
    reader = request_of(office_manager)
    assert get_company_for_user(reader, company.pk) == company
    assert get_contact_for_user(reader, person.pk) == person
    with pytest.raises(PermissionDenied):
        get_company_for_user(reader, company.pk, write=True)
    with pytest.raises(PermissionDenied):
        get_contact_for_user(reader, person.pk, write=True)


def test_a_confidential_contact_is_found_only_by_its_organisation(two_advisors, network_manager):
    mine, theirs = two_advisors
    company = CompanyFactory()
    secret = contact_with(company, theirs, confidential=True)
    shared = contact_with(company, theirs, confidential=False)
    assert get_interaction_for_user(request_of(theirs), secret.pk) == secret
    for user in (mine, network_manager):
        assert get_interaction_for_user(request_of(user), shared.pk) == shared
        with pytest.raises(Http404):
            get_interaction_for_user(request_of(user), secret.pk)


def test_the_confidentiality_rule_is_the_same_as_a_predicate_and_as_a_filter(two_advisors, network_manager):
    mine, theirs = two_advisors
    company = CompanyFactory()
    contacts = [contact_with(company, user, confidential=flag) for user in (mine, theirs) for flag in (False, True)]
    own_confidential, their_confidential = contacts[1], contacts[3]
    for user in (mine, theirs, network_manager):
        readable = {c.pk for c in contacts if perms.can_read_content(user, c)}
        assert readable == set(Interaction.objects.filter(perms.content_visible(user)).values_list("pk", flat=True))
    assert {c.pk for c in contacts if perms.can_read_content(mine, c)} == {
        contacts[0].pk,
        own_confidential.pk,
        contacts[2].pk,
    }
    assert not perms.can_read_content(network_manager, their_confidential)
    assert not perms.can_read_content(network_manager, own_confidential)
    assert perms.confidential_readable_organisations(mine) == {own_confidential.organisation_id}
    assert perms.confidential_readable_organisations(network_manager) == frozenset()

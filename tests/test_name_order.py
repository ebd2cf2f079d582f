"""Every list sorted by a name reads in the order people expect, not in byte order: "Caisse…" before "CCI…" (case
does not come first), "École…" between "Direction…" and "France…" (an accent does not send a name to the end)."""

import html

import pytest
from django.urls import reverse

from members.models import Affiliation
from network.models import NetworkStaff
from tests.factories import (
    AffiliationFactory,
    CompanyContactFactory,
    CompanyFactory,
    ConventionFactory,
    MemberOrganisationFactory,
    NetworkStaffFactory,
    OfficeFactory,
    ServiceFactory,
    UserFactory,
)
from tests.referrals.conftest import make_gated_advisor

pytestmark = pytest.mark.django_db

# In the order a reader expects; byte order gives CCI, Caisse, Direction, France, École.
ORGANISATIONS = ["Caisse Epargne Centre", "CCI Touraine", "Direction régionale", "École supérieure", "France Active"]
PEOPLE = ["Caroline Petit", "CHARLES Martin", "Denis Blanc", "Élodie Roux", "Fanny Morel"]


def assert_in_reading_order(response, names):
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    positions = [body.find(name) for name in names]
    assert -1 not in positions, [name for name, at in zip(names, positions, strict=True) if at == -1]
    shown = [name for _at, name in sorted(zip(positions, names, strict=True))]
    assert shown == names


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_public_directory_lists_organisations_in_reading_order(client):
    for name in reversed(ORGANISATIONS):
        ConventionFactory(organisation__name=name)
    assert_in_reading_order(client.get(reverse("members_public:organisation_list")), ORGANISATIONS)


def test_a_public_organisation_page_lists_its_services_and_advisors_in_reading_order(client):
    organisation = ConventionFactory().organisation
    for title, person in zip(reversed(ORGANISATIONS), reversed(PEOPLE), strict=True):
        ServiceFactory(organisation=organisation, title_en=f"Service {title}", title_fr=f"Service {title}")
        AffiliationFactory(organisation=organisation, advisor__user__full_name=person, advisor__public_profile=True)
    response = client.get(reverse("members_public:organisation_detail", args=[organisation.slug]))
    assert_in_reading_order(response, [f"Service {title}" for title in ORGANISATIONS])
    assert_in_reading_order(response, PEOPLE)


def test_the_management_list_of_organisations_is_in_reading_order(client, network_manager):
    for name in reversed(ORGANISATIONS):
        MemberOrganisationFactory(name=name)
    response = signed_in(client, network_manager).get(reverse("members:organisation_list"))
    assert_in_reading_order(response, ORGANISATIONS)


def test_an_organisation_management_page_lists_its_services_and_people_in_reading_order(client, network_manager):
    organisation = MemberOrganisationFactory()
    for title, person in zip(reversed(ORGANISATIONS), reversed(PEOPLE), strict=True):
        ServiceFactory(organisation=organisation, title_en=f"Service {title}", title_fr=f"Service {title}")
        AffiliationFactory(organisation=organisation, advisor__user__full_name=person)
    response = signed_in(client, network_manager).get(reverse("members:organisation_detail", args=[organisation.pk]))
    assert_in_reading_order(response, [f"Service {title}" for title in ORGANISATIONS])
    assert_in_reading_order(response, PEOPLE)


def test_the_people_list_is_in_reading_order(client, network_manager):
    organisation = MemberOrganisationFactory()
    for person in reversed(PEOPLE):
        AffiliationFactory(organisation=organisation, advisor__user__full_name=person)
    response = signed_in(client, network_manager).get(
        reverse("members:person_list"), {"organisation": organisation.pk}
    )
    assert_in_reading_order(response, PEOPLE)


def test_find_a_colleague_lists_people_in_reading_order(client):
    organisation = MemberOrganisationFactory(name="Agence Loire")
    for person in reversed(PEOPLE):
        AffiliationFactory(organisation=organisation, advisor__user__full_name=person)
    me = AffiliationFactory(organisation=organisation, advisor__user__full_name="Zoé Zeller").advisor.user
    response = signed_in(client, me).get(reverse("members:colleagues"))
    assert_in_reading_order(response, [*PEOPLE, "Zoé Zeller"])


def test_a_colleagues_organisations_are_in_reading_order(client):
    advisor = AffiliationFactory(organisation__name=ORGANISATIONS[-1], advisor__user__full_name="Hugo Petit").advisor
    for name in reversed(ORGANISATIONS[:-1]):
        Affiliation.objects.create(advisor=advisor, organisation=MemberOrganisationFactory(name=name))
    me = AffiliationFactory().advisor.user
    client = signed_in(client, me)
    assert_in_reading_order(client.get(reverse("members:colleagues"), {"q": "Hugo"}), ORGANISATIONS)
    assert_in_reading_order(client.get(reverse("members:colleague", args=[advisor.pk])), ORGANISATIONS)


def test_the_offices_are_listed_in_reading_order(client, network_manager):
    for name in reversed(ORGANISATIONS):
        OfficeFactory(name=f"Office {name}")
    offices = [f"Office {name}" for name in ORGANISATIONS]
    assert_in_reading_order(client.get(reverse("network_public:office_list")), offices)
    assert_in_reading_order(signed_in(client, network_manager).get(reverse("network:office_list")), offices)


def test_an_offices_staff_are_listed_in_reading_order(client):
    office = OfficeFactory()
    for person in reversed(PEOPLE):
        NetworkStaffFactory(user=UserFactory(full_name=person), office=office, role=NetworkStaff.Role.OFFICE_MANAGER)
    assert_in_reading_order(client.get(reverse("network_public:office_detail", args=[office.slug])), PEOPLE)


def test_companies_found_and_a_companys_contacts_are_in_reading_order(client):
    advisor = make_gated_advisor()
    for name in reversed(ORGANISATIONS):
        CompanyFactory(name=f"Boulangerie {name}")
    client = signed_in(client, advisor)
    response = client.get(reverse("referrals:company_search"), {"q": "boulangerie"})
    assert_in_reading_order(response, [f"Boulangerie {name}" for name in ORGANISATIONS])
    company = CompanyFactory(name="Garage Central")
    for person in reversed(PEOPLE):
        CompanyContactFactory(company=company, full_name=person)
    assert_in_reading_order(client.get(reverse("referrals:company_detail", args=[company.pk])), PEOPLE)

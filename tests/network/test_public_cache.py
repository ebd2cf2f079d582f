"""The cached fragments of the public pages (network/public_cache.py): served from the cache while nothing they show
changes, and shown anew as soon as it does."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network import public_cache
from network.models import OfficeCommune, Territory
from referrals.models import Company
from tests.factories import ConventionFactory, MemberOrganisationFactory, NetworkStaffFactory


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_directory_is_served_from_the_cache_until_an_organisation_changes(client, db):
    first = ConventionFactory(organisation=MemberOrganisationFactory(name="Banque Alpha")).organisation
    url = reverse("members_public:organisation_list")
    body, _queries = _get(client, url)
    assert "Banque Alpha" in body
    body, queries = _get(client, url)
    assert "Banque Alpha" in body and queries == 0  # nothing read: the fragment, the network's identity cached

    ConventionFactory(organisation=MemberOrganisationFactory(name="Agence Beta"))
    first.name = "Banque Alpha Centre"
    first.save()
    body, queries = _get(client, url)
    assert "Agence Beta" in body and "Banque Alpha Centre" in body and queries > 0


def test_the_office_page_shows_a_new_commune_and_a_new_team_member_at_once(client, cvl_offices):
    office = cvl_offices["37"]
    url = reverse("network_public:office_detail", kwargs={"slug": office.slug})
    body, _queries = _get(client, url)
    assert "Montrichard Val de Cher" not in body
    _body, queries = _get(client, url)
    assert queries == 1  # the office itself (its 404 is never cached); team and communes come from the cache

    OfficeCommune.objects.create(commune=Territory.objects.communes().get(code="41151"), office=office)
    staff = NetworkStaffFactory(office=office, user__full_name="Camille Fragment")
    body, _queries = _get(client, url)
    assert "Montrichard Val de Cher" in body and staff.user.full_name in body


def test_only_the_models_the_public_pages_show_change_the_version(db):
    before = public_cache.version()
    Company.objects.create(name="Not on the public pages")
    assert public_cache.version() == before
    MemberOrganisationFactory()
    assert public_cache.version() > before

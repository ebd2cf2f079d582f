"""Referents keep their own organisation's profile, services and invitations; nothing else (AZ-2, AZ-6)."""

import pytest
from django.test import Client
from django.urls import reverse

from members.models import Invitation, MemberOrganisation, Service
from tests.factories import AffiliationFactory, ConventionFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return ConventionFactory().organisation


@pytest.fixture
def referent(organisation):
    user = AffiliationFactory(organisation=organisation, referent=True).advisor.user
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def test_a_referent_finds_their_organisation_from_the_extranet_home(referent, organisation):
    home = referent.get(reverse("network:dashboard")).content.decode()
    assert reverse("members:organisation_detail", args=[organisation.pk]) in home


def test_a_referent_edits_the_profile_adds_a_service_and_invites(referent, organisation):
    edit = reverse("members:organisation_edit", args=[organisation.pk])
    data = {
        "name": "Renamed By Referent",
        "slug": organisation.slug,
        "kind": organisation.kind,
        "registration_number": organisation.registration_number,
    }
    assert referent.post(edit, data).status_code == 302
    assert MemberOrganisation.objects.get(pk=organisation.pk).name == "Renamed By Referent"
    service_url = reverse("members:service_create", args=[organisation.pk])
    assert referent.post(service_url, {"title_en": "Mentoring", "cost": "free"}).status_code == 302
    service = Service.objects.get(title_en="Mentoring")
    assert (
        referent.post(
            reverse("members:service_edit", args=[service.pk]), {"title_en": "Mentoring 2", "cost": "paid"}
        ).status_code
        == 302
    )
    invite = reverse("members:invitation_create", args=[organisation.pk])
    assert referent.post(invite, {"email": "colleague@example.org", "role": "advisor"}).status_code == 302
    assert Invitation.objects.filter(organisation=organisation, email="colleague@example.org").exists()


def test_a_referent_cannot_record_conventions_or_unpublish(referent, organisation):
    page = referent.get(reverse("members:organisation_detail", args=[organisation.pk])).content.decode()
    assert reverse("members:convention_create", args=[organisation.pk]) not in page
    assert referent.get(reverse("members:convention_create", args=[organisation.pk])).status_code == 403
    assert (
        referent.post(
            reverse("members:organisation_publication", args=[organisation.pk]), {"publish": "0"}
        ).status_code
        == 403
    )
    assert MemberOrganisation.objects.get(pk=organisation.pk).is_published
    assert referent.get(reverse("members:organisation_list")).status_code == 403


def test_another_organisation_is_out_of_reach_and_answers_404(referent):
    other = ServiceFactory(organisation=ConventionFactory().organisation)
    for url in (
        reverse("members:organisation_detail", args=[other.organisation_id]),
        reverse("members:organisation_edit", args=[other.organisation_id]),
        reverse("members:service_edit", args=[other.pk]),
    ):
        assert referent.get(url).status_code == 404, url
    response = referent.post(
        reverse("members:invitation_create", args=[other.organisation_id]),
        {"email": "x@example.org", "role": "referent"},
    )
    assert response.status_code == 404 and not Invitation.objects.exists()


def test_a_plain_advisor_is_not_a_referent(organisation):
    user = AffiliationFactory(organisation=organisation).advisor.user
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    assert client.get(reverse("members:organisation_edit", args=[organisation.pk])).status_code == 403

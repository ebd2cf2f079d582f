"""members/access.py loads one object for the user: 404 outside their reach, 403 when they may only read it; and
perms.can_countersign, the countersignature rule the view and the service share."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from members import access, perms
from members.models import (
    Advisor,
    Affiliation,
    CodeOfConduct,
    CodeOfConductSignature,
    Convention,
    Invitation,
    MemberOrganisation,
    Service,
)
from members.services import code_publish
from network.models import User
from tests.factories import (
    AffiliationFactory,
    ConventionFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def request_by(user):
    request = RequestFactory().get("/")
    request.user = User.objects.get(pk=user.pk)  # a fresh user, as each request reads it
    return request


@pytest.fixture
def organisation():
    return ConventionFactory().organisation


@pytest.fixture
def referent(organisation):
    return AffiliationFactory(organisation=organisation, referent=True).advisor.user


@pytest.fixture
def other_organisation():
    return ConventionFactory().organisation


# --- Organisations and what hangs from them -------------------------------------------------------------------------


def test_a_referent_reaches_their_own_organisation_to_read_and_to_write(referent, organisation):
    assert access.get_organisation_for_user(request_by(referent), organisation.pk) == organisation
    assert access.get_organisation_for_user(request_by(referent), organisation.pk, write=True) == organisation


def test_another_organisation_is_a_404_for_a_referent_even_to_read(referent, other_organisation):
    with pytest.raises(Http404):
        access.get_organisation_for_user(request_by(referent), other_organisation.pk)


def test_an_office_manager_reads_every_organisation_but_changing_one_is_a_403(office_manager, organisation):
    assert access.get_organisation_for_user(request_by(office_manager), organisation.pk) == organisation
    with pytest.raises(PermissionDenied):
        access.get_organisation_for_user(request_by(office_manager), organisation.pk, write=True)


def test_a_network_manager_changes_any_organisation_and_an_unknown_one_is_a_404(network_manager, organisation):
    assert access.get_organisation_for_user(request_by(network_manager), organisation.pk, write=True) == organisation
    with pytest.raises(Http404):
        access.get_organisation_for_user(request_by(network_manager), organisation.pk + 1000)


def test_an_account_with_no_organisation_is_told_with_a_403(user, organisation):
    with pytest.raises(PermissionDenied):
        access.get_organisation_for_user(request_by(user), organisation.pk)


def test_a_service_is_reached_through_its_organisation(referent, organisation, other_organisation, office_manager):
    own, foreign = ServiceFactory(organisation=organisation), ServiceFactory(organisation=other_organisation)
    assert access.get_service_for_user(request_by(referent), own.pk, write=True) == own
    with pytest.raises(Http404):
        access.get_service_for_user(request_by(referent), foreign.pk, write=True)
    assert access.get_service_for_user(request_by(office_manager), foreign.pk) == foreign
    with pytest.raises(PermissionDenied):
        access.get_service_for_user(request_by(office_manager), foreign.pk, write=True)


def test_an_invitation_of_another_organisation_is_a_404_for_a_referent(referent, organisation, other_organisation):
    own = Invitation.objects.create(organisation=organisation, email="a@example.org", token_hash="a" * 64)
    foreign = Invitation.objects.create(organisation=other_organisation, email="b@example.org", token_hash="b" * 64)
    assert access.get_invitation_for_user(request_by(referent), own.pk) == own
    with pytest.raises(Http404):
        access.get_invitation_for_user(request_by(referent), foreign.pk)


def test_a_signed_convention_is_a_403_for_an_office_manager_before_anything_is_looked_up(
    office_manager, network_manager, organisation
):
    convention = Convention.objects.get(organisation=organisation)
    assert access.get_convention_for_user(request_by(network_manager), convention.pk) == convention
    for pk in (convention.pk, convention.pk + 1000):
        with pytest.raises(PermissionDenied):
            access.get_convention_for_user(request_by(office_manager), pk)


def test_the_convention_loader_asks_the_download_rule_of_the_convention_itself(
    network_manager, organisation, monkeypatch
):
    """The object-level rule decides after the lookup (with Members II a referent may download their own): a
    convention the rule refuses is a 403, even to someone who passed the page's check."""
    convention = Convention.objects.get(organisation=organisation)
    monkeypatch.setattr(perms, "can_download_convention", lambda user, asked: asked.pk != convention.pk)
    with pytest.raises(PermissionDenied):
        access.get_convention_for_user(request_by(network_manager), convention.pk)


# --- People ---------------------------------------------------------------------------------------------------------


def test_network_staff_read_a_person_and_only_managers_change_them(office_manager, network_manager, referent):
    person = access.get_person_for_user(request_by(office_manager), referent.pk)
    assert person == referent and person.signature_status == "unsigned"
    with pytest.raises(PermissionDenied):
        access.get_person_for_user(request_by(office_manager), referent.pk, write=True)
    assert access.get_person_for_user(request_by(network_manager), referent.pk, write=True) == referent


def test_an_account_without_an_advisor_profile_is_not_a_person_of_the_network(network_manager):
    with pytest.raises(Http404):
        access.get_person_for_user(request_by(network_manager), UserFactory().pk)


def test_the_people_pages_are_a_403_for_a_referent(referent):
    with pytest.raises(PermissionDenied):
        access.get_person_for_user(request_by(referent), referent.pk)


# --- Signatures and the countersignature rule -----------------------------------------------------------------------


@pytest.fixture
def code(network_manager):
    return code_publish(text_en="Respect companies.", text_fr="Respectez les entreprises.", by=network_manager)


def signature_of(user, organisation, code):
    return CodeOfConductSignature.objects.create(
        advisor=Advisor.objects.get(user=user), code=code, organisation=organisation, language="en", text_sha256="0"
    )


@pytest.fixture
def signature(organisation, code):
    signer = AffiliationFactory(organisation=organisation).advisor.user
    return signature_of(signer, organisation, code)


def test_a_referent_of_the_signers_organisation_countersigns(referent, signature):
    assert perms.can_countersign(referent, signature)


def test_nobody_countersigns_their_own_signature_even_a_referent(referent, organisation, code):
    assert not perms.can_countersign(referent, signature_of(referent, organisation, code))


def test_a_referent_of_another_organisation_or_a_former_one_does_not_countersign(signature, organisation):
    elsewhere = AffiliationFactory(referent=True).advisor.user
    today = timezone.localdate()
    former = AffiliationFactory(
        organisation=organisation, referent=True, started_on=today - timedelta(days=30), ended_on=today
    ).advisor.user
    assert not perms.can_countersign(elsewhere, signature)
    assert not perms.can_countersign(former, signature)


def test_network_staff_and_anonymous_visitors_do_not_countersign(signature, network_manager):
    from django.contrib.auth.models import AnonymousUser

    assert not perms.can_countersign(network_manager, signature)
    assert not perms.can_countersign(AnonymousUser(), signature)


def test_a_signature_opens_for_its_signer_and_its_referents_and_is_a_404_for_anyone_else(referent, signature):
    for user in (signature.advisor.user, referent):
        assert access.get_signature_for_user(request_by(user), signature.public_id) == signature
    for user in (AffiliationFactory(referent=True).advisor.user, UserFactory()):
        with pytest.raises(Http404):
            access.get_signature_for_user(request_by(user), signature.public_id)


# --- Admin ----------------------------------------------------------------------------------------------------------


def test_every_members_model_has_an_admin_list_and_page(client, signature):
    ServiceFactory(organisation=signature.organisation)
    Invitation.objects.create(organisation=signature.organisation, email="a@example.org", token_hash="c" * 64)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for model in (
        MemberOrganisation,
        Service,
        Convention,
        Advisor,
        Affiliation,
        Invitation,
        CodeOfConduct,
        CodeOfConductSignature,
    ):
        name = f"admin:members_{model._meta.model_name}"
        listing = client.get(reverse(f"{name}_changelist"), {"q": "a"})
        assert listing.status_code == 200, name
        page = client.get(reverse(f"{name}_change", args=[model.objects.order_by("pk").first().pk]))
        assert page.status_code == 200, name


def test_signatures_and_published_codes_cannot_be_changed_in_the_admin(client, signature):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:members_codeofconductsignature_add")).status_code == 403
    response = client.post(
        reverse("admin:members_codeofconduct_change", args=[signature.code.pk]), {"text_en": "Changed"}
    )
    assert response.status_code == 403
    assert CodeOfConduct.objects.get().text_en == "Respect companies."

"""The people pages: list with filters, deactivation that ends every session (SE-4), second-factor reset."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.urls import reverse

from members.services import code_publish
from network.models import AuditEntry, OutboxMessage
from tests.factories import DEFAULT_PASSWORD, AffiliationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("people:list")


def signed_in(user):
    client = Client(headers={"accept-language": "en"})
    assert client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD}).status_code == 302
    return client


def test_deactivating_an_account_ends_all_its_sessions_at_once(manager_client):
    person = AffiliationFactory().advisor.user
    laptop, phone = signed_in(person), signed_in(person)
    assert laptop.get(reverse("extranet:dashboard")).status_code == 200
    response = manager_client.post(reverse("people:deactivate", args=[person.pk]), follow=True)
    assert "2 open session(s) ended" in response.content.decode()
    for browser in (laptop, phone):
        assert browser.get(reverse("extranet:dashboard")).status_code == 302
    again = Client()
    response = again.post("/accounts/login/", {"login": person.email, "password": DEFAULT_PASSWORD})
    assert response["Location"] == reverse("account_inactive") and "_auth_user_id" not in again.session
    assert AuditEntry.objects.filter(action="deactivate", object_id=str(person.pk)).exists()
    manager_client.post(reverse("people:reactivate", args=[person.pk]))
    assert signed_in(person).get(reverse("extranet:dashboard")).status_code == 200


def test_a_manager_cannot_deactivate_themselves(manager_client, network_manager):
    from members.models import Advisor

    Advisor.objects.create(user=network_manager)
    response = manager_client.post(reverse("people:deactivate", args=[network_manager.pk]), follow=True)
    assert "cannot deactivate your own account" in response.content.decode()
    network_manager.refresh_from_db()
    assert network_manager.is_active


def test_the_second_factor_is_reset_only_after_the_identity_check(manager_client):
    person = AffiliationFactory().advisor.user
    TOTP.activate(person, generate_totp_secret())
    url = reverse("people:mfa_reset", args=[person.pk])
    refused = manager_client.post(url, {})
    assert refused.status_code == 400 and Authenticator.objects.filter(user=person).exists()
    assert manager_client.post(url, {"identity_checked": "on"}).status_code == 302
    assert not Authenticator.objects.filter(user=person).exists()
    assert OutboxMessage.objects.get().to == [person.email]
    assert AuditEntry.objects.filter(action="mfa_reset").exists()


def test_office_managers_see_people_but_change_nothing(client, office_manager):
    person = AffiliationFactory().advisor.user
    client.force_login(office_manager)
    assert client.get(LIST).status_code == 200
    assert client.get(reverse("people:detail", args=[person.pk])).status_code == 200
    assert client.post(reverse("people:deactivate", args=[person.pk])).status_code == 403
    person.refresh_from_db()
    assert person.is_active


def test_the_list_filters_by_organisation_role_signature_and_name(manager_client, network_manager):
    code_publish(text_en="Code", text_fr="Charte", by=network_manager)
    signer = AffiliationFactory(advisor__user__full_name="Élodie Signer")
    AffiliationFactory(advisor__user__full_name="Noé Unsigned", referent=True, organisation=signer.organisation)
    from members.models import CodeOfConduct, CodeOfConductSignature

    CodeOfConductSignature.objects.create(
        advisor=signer.advisor,
        code=CodeOfConduct.objects.current(),
        organisation=signer.organisation,
        language="en",
        text_sha256="0" * 64,
    )

    def names(**params):
        return manager_client.get(LIST, params).content.decode()

    assert "Élodie Signer" in names(signature="awaiting") and "Noé Unsigned" not in names(signature="awaiting")
    assert "Noé Unsigned" in names(role="referent") and "Élodie Signer" not in names(role="referent")
    assert "Élodie Signer" in names(q="elodie")
    assert "Élodie Signer" in names(organisation=signer.organisation.pk)
    assert manager_client.get(LIST, {"q": "x" * 2000, "organisation": "abc", "page": "zz"}).status_code == 200


def test_the_list_query_count_does_not_grow_with_rows(manager_client, django_assert_max_num_queries):
    AffiliationFactory.create_batch(3)
    with django_assert_max_num_queries(12) as few:
        manager_client.get(LIST)
    AffiliationFactory.create_batch(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        manager_client.get(LIST)

"""The people at a company: their details with the legal basis for holding them, the GDPR art. 14 information text,
audit and access log, and who may read or change them (LG-3, PR-6, IN-3, AZ-5)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members.models import CodeOfConductSignature
from network.models import AccessLog, AuditEntry, Network
from referrals.models import Company, CompanyContact, Interaction
from referrals.services import ContactError, contact_save
from tests.factories import CompanyContactFactory, CompanyFactory, ConventionFactory, UserFactory

pytestmark = pytest.mark.django_db

PAYLOAD = "<img src=x onerror=alert(1)>\"'"


def client_for(user=None):
    client = Client(headers={"accept-language": "en"})
    if user is not None:
        client.force_login(user)
    return client


def url(name, pk):
    return reverse(f"referrals:{name}", kwargs={"pk": pk})


def audit_rows(contact_pk, **filters):
    content_type = ContentType.objects.get_for_model(CompanyContact)
    return AuditEntry.objects.filter(content_type=content_type, object_id=str(contact_pk), **filters)


def access_rows(contact):
    content_type = ContentType.objects.get_for_model(CompanyContact)
    return AccessLog.objects.filter(content_type=content_type, object_id=str(contact.pk))


def person(**overrides):
    data = {
        "full_name": "Jeanne Dupain",
        "job_title": "Gérante",
        "email": "jeanne@dupain.example",
        "phone": "02 47 12 34 56",
        "legal_basis": "legitimate_interest",
        "consent_text_version": "",
        "consent_given_on": "",
        "consent_purpose": "",
    }
    return data | overrides


def consent(**overrides):
    given = (timezone.localdate() - timedelta(days=3)).isoformat()
    return (
        person(
            legal_basis="consent",
            consent_text_version="2025-01",
            consent_given_on=given,
            consent_purpose="Invitations to the network's export events",
        )
        | overrides
    )


@pytest.fixture
def organisation(db):
    return ConventionFactory().organisation


@pytest.fixture
def advisor(gated_advisor, organisation):
    return gated_advisor(organisation=organisation)


@pytest.fixture
def company(db):
    return CompanyFactory(name="Boulangerie Dupain")


@pytest.fixture
def contact(company):
    return CompanyContactFactory(company=company, full_name="Jeanne Dupain", email="jeanne@dupain.example")


def name_in_an_interaction(contact, user):
    advisor = user.advisor
    interaction = Interaction.objects.create(
        company=contact.company, advisor=advisor, organisation=advisor.affiliations.get().organisation
    )
    interaction.contacts.add(contact)
    return interaction


# --- Adding a person ----------------------------------------------------------------------------------------------


def test_an_advisor_adds_a_person_on_legitimate_interest_with_one_audit_row(advisor, company):
    response = client_for(advisor).post(url("contact_create", company.pk), person())
    contact = CompanyContact.objects.get()
    assert response.status_code == 302 and response["Location"] == url("contact_detail", contact.pk)
    assert (contact.company, contact.full_name, contact.email, contact.phone) == (
        company,
        "Jeanne Dupain",
        "jeanne@dupain.example",
        "02 47 12 34 56",
    )
    assert contact.legal_basis == "legitimate_interest" and contact.created_by == advisor
    entry = audit_rows(contact.pk).get()
    assert entry.action == "create" and entry.actor_id == advisor.pk
    assert {"full_name", "email", "phone", "legal_basis"} <= set(entry.changed_fields)
    assert entry.values["legal_basis"] == "legitimate_interest" and entry.values["company"] == company.pk
    assert entry.values["full_name"].startswith("hmac:") and entry.values["email"].startswith("hmac:")
    assert "Jeanne" not in str(entry.values) and "dupain.example" not in str(entry.values)


def test_an_advisor_adds_a_person_who_consented_with_the_consent_record(advisor, company):
    response = client_for(advisor).post(url("contact_create", company.pk), consent())
    assert response.status_code == 302
    contact = CompanyContact.objects.get()
    assert contact.legal_basis == "consent" and contact.consent_text_version == "2025-01"
    assert contact.consent_given_on == timezone.localdate() - timedelta(days=3)
    assert contact.consent_purpose == "Invitations to the network's export events"
    assert audit_rows(contact.pk).count() == 1


def test_consent_without_its_record_gets_a_message_per_field_and_saves_nothing(advisor, company):
    data = consent(consent_text_version="", consent_given_on="", consent_purpose="  ")
    response = client_for(advisor).post(url("contact_create", company.pk), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body
    assert "With consent, enter the version of the text the person agreed to." in body
    assert "With consent, enter the date the person gave it." in body
    assert "With consent, enter what the person agreed to." in body
    assert not CompanyContact.objects.exists() and not AuditEntry.objects.filter(action="create").exists()


def test_a_consent_date_in_the_future_is_refused(advisor, company):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for(advisor).post(url("contact_create", company.pk), consent(consent_given_on=tomorrow))
    assert response.status_code == 400
    assert "The consent date cannot be in the future." in response.content.decode()
    assert not CompanyContact.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "jeanne@", "Enter an email address like name@company.fr."),
        ("phone", "call me maybe", "Enter a phone number with digits, spaces, dots or dashes only"),
        ("phone", "12 34", "A phone number has between 6 and 15 digits (this one has 4)."),
        ("phone", "+33 2 47 +12 34 56", "Enter a phone number with digits, spaces, dots or dashes only"),
        ("full_name", "   ", "Enter the person&#x27;s full name."),
    ],
)
def test_bad_details_get_a_clear_message_and_save_nothing(advisor, company, field, value, message):
    response = client_for(advisor).post(url("contact_create", company.pk), person(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CompanyContact.objects.exists()


def test_usual_phone_formats_are_accepted_and_spaces_tidied(advisor, company):
    for phone in ("+33 (0)2 47 12 34 56", "02.47.12.34.56", "+44 20 7946 0000"):
        response = client_for(advisor).post(url("contact_create", company.pk), person(phone=f"  {phone} "))
        assert response.status_code == 302, phone
    assert sorted(CompanyContact.objects.values_list("phone", flat=True)) == sorted(
        ["+33 (0)2 47 12 34 56", "02.47.12.34.56", "+44 20 7946 0000"]
    )


def test_legitimate_interest_keeps_no_consent_record(advisor, company):
    client_for(advisor).post(url("contact_create", company.pk), consent(legal_basis="legitimate_interest"))
    contact = CompanyContact.objects.get()
    assert (contact.consent_text_version, contact.consent_given_on, contact.consent_purpose) == ("", None, "")


def test_posted_protected_fields_change_nothing(advisor, company):
    other = CompanyFactory()
    data = person(company=other.pk, informed_on="2020-01-01", created_by=UserFactory().pk, id=999)
    client_for(advisor).post(url("contact_create", company.pk), data)
    contact = CompanyContact.objects.get()
    assert contact.company == company and contact.informed_on is None and contact.created_by == advisor
    assert contact.pk != 999


def test_the_database_refuses_a_consent_without_its_record(company):
    with pytest.raises(IntegrityError), transaction.atomic():
        CompanyContact.objects.create(company=company, full_name="X", legal_basis="consent")


def test_the_service_refuses_a_consent_without_its_record(company, advisor):
    with pytest.raises(ContactError):
        contact_save(
            contact=CompanyContact(company=company),
            values={"full_name": "X", "legal_basis": "consent", "consent_given_on": timezone.localdate()},
            by=advisor,
        )
    assert not CompanyContact.objects.exists()


def test_adding_a_person_to_a_merged_company_goes_to_the_live_record(advisor):
    live = CompanyFactory()
    merged = CompanyFactory()
    Company.objects.filter(pk=merged.pk).update(merged_into=live)
    client = client_for(advisor)
    response = client.get(url("contact_create", merged.pk))
    assert response.status_code == 302 and response["Location"] == url("contact_create", live.pk)
    assert client.post(url("contact_create", merged.pk), person()).status_code == 302
    assert CompanyContact.objects.get().company == live


# --- Changing a person --------------------------------------------------------------------------------------------


def test_an_edit_saves_and_writes_one_audit_row_naming_the_changed_fields(advisor, contact):
    response = client_for(advisor).post(url("contact_edit", contact.pk), person(phone="02 38 00 00 01"))
    assert response.status_code == 302 and response["Location"] == url("contact_detail", contact.pk)
    contact.refresh_from_db()
    assert contact.phone == "02 38 00 00 01"
    entry = audit_rows(contact.pk).get()
    assert entry.action == "update" and entry.actor_id == advisor.pk
    assert "phone" in entry.changed_fields and "full_name" not in entry.changed_fields
    assert entry.values["phone"].startswith("hmac:")


def test_switching_to_consent_needs_the_consent_record(advisor, contact):
    client = client_for(advisor)
    response = client.post(url("contact_edit", contact.pk), person(legal_basis="consent"))
    assert response.status_code == 400
    contact.refresh_from_db()
    assert contact.legal_basis == "legitimate_interest" and not audit_rows(contact.pk).exists()
    assert client.post(url("contact_edit", contact.pk), consent()).status_code == 302
    contact.refresh_from_db()
    assert contact.legal_basis == "consent" and contact.consent_text_version == "2025-01"
    assert audit_rows(contact.pk, action="update").count() == 1


def test_an_edit_that_changes_nothing_writes_no_audit_row(advisor, contact):
    data = person(job_title=contact.job_title, phone=contact.phone)
    assert client_for(advisor).post(url("contact_edit", contact.pk), data).status_code == 302
    assert not audit_rows(contact.pk).exists()


# --- Reading a person: the access log -----------------------------------------------------------------------------


def test_the_detail_page_shows_the_details_and_writes_one_access_row(advisor, contact):
    response = client_for(advisor).get(url("contact_detail", contact.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert "jeanne@dupain.example" in body and contact.phone in body and "Legitimate interest" in body
    row = access_rows(contact).get()
    assert row.actor_id == advisor.pk and row.action == "view" and row.detail == {"page": "detail"}


def test_an_unknown_person_is_a_404_and_the_detail_page_takes_no_post(advisor, contact):
    client = client_for(advisor)
    assert client.get(url("contact_detail", contact.pk + 1000)).status_code == 404
    assert client.post(url("contact_detail", contact.pk)).status_code == 405
    assert not access_rows(contact).exists()


def test_the_detail_page_query_count_does_not_grow_with_its_history(advisor, contact, django_assert_num_queries):
    client = client_for(advisor)
    client.get(url("contact_detail", contact.pk))  # warms the content-type cache
    for phone in ("02 38 00 00 01", "02 38 00 00 02", "02 38 00 00 03"):
        client.post(url("contact_edit", contact.pk), person(phone=phone))
    with django_assert_num_queries(5):  # session, the user with their context, the person, their company, access log
        assert client.get(url("contact_detail", contact.pk)).status_code == 200


# --- The information text (GDPR art. 14) --------------------------------------------------------------------------


def test_the_information_text_names_the_network_the_basis_the_duration_the_rights_and_the_notice(advisor, contact):
    Network.objects.filter(id=1).update(
        name="Réseau Entreprendre Centre", address="1 place du Martroi, 45000 Orléans", contact_email="dpo@reseau.fr"
    )
    response = client_for(advisor).get(url("contact_information", contact.pk) + "?language=en")
    body = response.content.decode()
    assert response.status_code == 200
    for expected in (
        "Dear Jeanne Dupain,",
        "Réseau Entreprendre Centre",
        "1 place du Martroi, 45000 Orléans",
        "legitimate interest",
        "object to their use",
        "36 months after the network",
        "write to dpo@reseau.fr",
        "CNIL",
        settings.SITE_URL + "/en/privacy/",
    ):
        assert expected in body, expected
    row = access_rows(contact).get()
    assert row.actor_id == advisor.pk and row.detail == {"page": "information", "language": "en"}


def test_the_information_text_for_consent_gives_its_date_and_purpose_and_the_right_to_withdraw(advisor, company):
    contact = CompanyContactFactory(company=company, consent=True)
    body = client_for(advisor).get(url("contact_information", contact.pk) + "?language=en").content.decode()
    assert "Your consent, given on" in body and "Receive the network&#x27;s invitations to events" in body
    assert "withdraw your consent" in body and "legitimate interest" not in body


def test_the_information_text_switches_to_french(advisor, contact):
    response = client_for(advisor).get(url("contact_information", contact.pk) + "?language=fr")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'lang="fr" readonly' in body or 'readonly lang="fr"' in body
    assert "/fr/" in body.split('id="information-text"', 1)[1]  # the privacy notice in French
    assert 'href="?language=en"' in body and 'aria-current="true"' in body
    assert access_rows(contact).get().detail["language"] == "fr"


def test_marking_as_informed_records_today_once_with_one_audit_row(advisor, contact):
    client = client_for(advisor)
    response = client.post(url("contact_information", contact.pk), {"language": "fr"})
    assert response.status_code == 302
    assert response["Location"] == url("contact_information", contact.pk) + "?language=fr"
    assert client.post(url("contact_information", contact.pk)).status_code == 302  # a double submit
    contact.refresh_from_db()
    assert contact.informed_on == timezone.localdate()
    entry = audit_rows(contact.pk).get()
    assert entry.action == "update" and entry.changed_fields == ["informed_on"]
    assert entry.values == {"informed_on": timezone.localdate().isoformat()}


# --- Deleting a person --------------------------------------------------------------------------------------------


def test_an_advisor_deletes_a_person_after_confirming_with_one_audit_row(advisor, contact):
    client = client_for(advisor)
    confirm = client.get(url("contact_delete", contact.pk))
    assert confirm.status_code == 200 and "Delete the person" in confirm.content.decode()
    assert CompanyContact.objects.filter(pk=contact.pk).exists()  # the page alone deletes nothing
    response = client.post(url("contact_delete", contact.pk))
    assert response.status_code == 302 and response["Location"] == reverse(
        "referrals:company_detail", kwargs={"pk": contact.company_id}
    )
    assert not CompanyContact.objects.filter(pk=contact.pk).exists()
    entry = audit_rows(contact.pk).get()
    assert entry.action == "delete" and entry.actor_id == advisor.pk


def test_a_person_named_in_an_interaction_is_not_deleted_and_the_page_says_why(advisor, contact):
    name_in_an_interaction(contact, advisor)
    client = client_for(advisor)
    page = client.get(url("contact_delete", contact.pk)).content.decode()
    assert "is named in contacts logged with this company" in page and "Delete the person" not in page
    response = client.post(url("contact_delete", contact.pk))
    assert response.status_code == 409 and "part of the company&#x27;s history" in response.content.decode()
    assert CompanyContact.objects.filter(pk=contact.pk).exists()
    assert not audit_rows(contact.pk).exists()


# --- Escaping (IN-3) ----------------------------------------------------------------------------------------------


def test_html_typed_in_every_field_is_shown_escaped(advisor, company):
    data = consent(
        full_name=PAYLOAD, job_title=PAYLOAD, consent_text_version=PAYLOAD[:40], consent_purpose=PAYLOAD, phone=""
    )
    client = client_for(advisor)
    assert client.post(url("contact_create", company.pk), data).status_code == 302
    contact = CompanyContact.objects.get()
    assert contact.full_name == PAYLOAD
    Company.objects.filter(pk=company.pk).update(name=PAYLOAD)
    for name in ("contact_detail", "contact_edit", "contact_delete", "contact_information"):
        body = client.get(url(name, contact.pk)).content.decode()
        assert "<img src=x onerror" not in body, name
        assert "&lt;img src=x onerror=alert(1)&gt;" in body, name
    listed = render_to_string(
        "referrals/contacts/_list.html", {"company": company, "contacts": [contact], "can_edit": True}
    )
    assert "<img src=x onerror" not in listed


def test_the_company_page_snippet_lists_name_and_role_only(contact):
    listed = render_to_string(
        "referrals/contacts/_list.html",
        {"company": contact.company, "contacts": [contact], "can_edit": False},
    )
    assert contact.full_name in listed and contact.job_title in listed
    assert contact.email not in listed and contact.phone not in listed
    assert url("contact_detail", contact.pk) in listed


# --- Who may read and change ----------------------------------------------------------------------------------------


def test_an_advisor_without_a_countersigned_code_gets_the_explanation(advisor, contact, company):
    CodeOfConductSignature.objects.filter(advisor__user=advisor).update(countersigned_at=None, countersigned_by=None)
    client = client_for(advisor)
    for path in (
        url("contact_detail", contact.pk),
        url("contact_information", contact.pk),
        url("contact_edit", contact.pk),
        url("contact_create", company.pk),
    ):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "must countersign your signature" in response.content.decode(), path
    assert client.post(url("contact_delete", contact.pk)).status_code == 403
    assert CompanyContact.objects.filter(pk=contact.pk).exists() and not access_rows(contact).exists()


def test_an_advisor_of_another_organisation_reads_and_adds_people(gated_advisor, contact, company):
    other = gated_advisor()  # company records are shared by the whole network
    client = client_for(other)
    assert client.get(url("contact_detail", contact.pk)).status_code == 200
    assert client.post(url("contact_create", company.pk), person(full_name="Paul Dupain")).status_code == 302


def test_someone_without_an_organisation_gets_403_and_changes_nothing(contact, company):
    client = client_for(UserFactory())
    for path in (url("contact_detail", contact.pk), url("contact_information", contact.pk)):
        assert client.get(path).status_code == 403, path
    assert client.post(url("contact_create", company.pk), person()).status_code == 403
    assert client.post(url("contact_delete", contact.pk)).status_code == 403
    assert client.post(url("contact_information", contact.pk)).status_code == 403
    contact.refresh_from_db()
    assert CompanyContact.objects.count() == 1 and contact.informed_on is None
    assert not AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(CompanyContact)).exists()


def test_network_managers_read_people_and_anonymous_visitors_sign_in(network_manager, contact):
    assert client_for(network_manager).get(url("contact_detail", contact.pk)).status_code == 200
    response = client_for().get(url("contact_detail", contact.pk))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")

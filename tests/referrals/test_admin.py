"""The company records in the Django admin: every model there, read only, without what the extranet keeps from
staff (the content of an interaction, a person's email and phone)."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from referrals.models import CompanyActivity, Interaction
from tests.factories import CompanyContactFactory, CompanyFactory, ConventionFactory, UserFactory
from tests.referrals.conftest import make_gated_advisor

pytestmark = pytest.mark.django_db

CONFIDENTIAL_SUMMARY = "Rachat envisagé par un concurrent"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, preferred_language="en"))
    return client


@pytest.fixture
def records():
    organisation = ConventionFactory().organisation
    advisor = make_gated_advisor(organisation=organisation).advisor
    company = CompanyFactory(name="Durand SAS")
    person = CompanyContactFactory(company=company, full_name="Jeanne Durand", email="jeanne@durand.example")
    secret = Interaction.objects.create(
        company=company,
        advisor=advisor,
        organisation=organisation,
        occurred_on=timezone.localdate() - timedelta(days=2),
        is_confidential=True,
        summary=CONFIDENTIAL_SUMMARY,
    )
    return {"company": company, "companycontact": person, "interaction": secret}


def test_every_referrals_model_is_in_the_admin():
    assert set(apps.get_app_config("referrals").get_models()) <= set(admin.site._registry)


def test_the_admin_lists_and_shows_every_record_read_only_without_confidential_content_or_contact_details(
    admin_client, records
):
    records["companyactivity"] = CompanyActivity.objects.get()  # kept by the triggers
    for name, record in records.items():
        listed = admin_client.get(reverse(f"admin:referrals_{name}_changelist"), {"q": "Durand"})
        assert listed.status_code == 200, name
        shown = admin_client.get(reverse(f"admin:referrals_{name}_change", args=[record.pk]))
        assert shown.status_code == 200, name
        page = listed.content.decode() + shown.content.decode()
        assert CONFIDENTIAL_SUMMARY not in page and "jeanne@durand.example" not in page, name
        assert 'type="submit"' not in shown.content.decode().split('id="content-main"')[1], name  # nothing to save
        assert admin_client.get(reverse(f"admin:referrals_{name}_add")).status_code == 403, name

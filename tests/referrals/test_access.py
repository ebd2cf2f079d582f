"""Generated over every URL of the referrals app, with the personas of issue 6 (SECURITY.md AZ-3, AZ-5):

- advisor_A works for organisation 1 and passes the gate; advisor_A_nocode works there too but their signature
  awaits its countersignature; referent_A is organisation 1's referent (through the gate);
- advisor_B works for organisation 2 and logged a confidential contact whose summary is a sentinel.

AZ-5: advisor_A_nocode gets the gate's explanation (403) on every page, GET and POST, and nothing changes.
AZ-3: advisor_A never sees organisation 2's confidential sentinel, on any page, list, search, lookup or fragment.
"""

from datetime import timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from members.models import CodeOfConductSignature
from network.registries import collect
from referrals.models import Interaction
from tests.factories import CompanyContactFactory, CompanyFactory, ConventionFactory
from tests.referrals.conftest import make_gated_advisor
from tests.urlwalk import path_for, reversible_entries

pytestmark = pytest.mark.django_db

SENTINEL = "SENTINEL-7f3a confidential summary"
REFERRALS = [entry for entry in reversible_entries() if entry.name.startswith("referrals:")]


def ids(entry):
    return entry.name


@pytest.fixture
def personas(territories):
    one, two = ConventionFactory().organisation, ConventionFactory().organisation
    referent_a = make_gated_advisor(organisation=one, role="referent")
    advisor_a = make_gated_advisor(organisation=one)
    nocode = make_gated_advisor(organisation=one)
    CodeOfConductSignature.objects.filter(advisor__user=nocode).update(countersigned_at=None, countersigned_by=None)
    advisor_b = make_gated_advisor(organisation=two)
    company = CompanyFactory(name="Durand SAS")
    contact = CompanyContactFactory(company=company, full_name="Jeanne Durand")
    secret = Interaction.objects.create(
        company=company,
        advisor=advisor_b.advisor,
        organisation=two,
        occurred_on=timezone.localdate() - timedelta(days=2),
        is_confidential=True,
        summary=SENTINEL,
    )
    return {
        "advisor_A": advisor_a,
        "advisor_A_nocode": nocode,
        "referent_A": referent_a,
        "advisor_B": advisor_b,
        "company": company,
        "contact": contact,
        "secret": secret,
    }


def kwargs_for(entry, world):
    if not entry.parameters():
        return {}
    name = entry.name
    target = (
        world["contact"] if "contact_" in name else world["secret"] if name == "referrals:interaction_detail" else None
    )
    return {"pk": (target or world["company"]).pk}


def client_for(user):
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def _row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_every_referrals_url_is_covered():
    names = {entry.name for entry in REFERRALS}
    assert {
        "referrals:company_search",
        "referrals:company_detail",
        "referrals:contact_log",
        "referrals:company_lookup",
    } <= names
    assert names <= set(collect().access)


@pytest.mark.parametrize("entry", REFERRALS, ids=ids)
def test_an_advisor_without_a_countersigned_code_gets_the_explanation_and_changes_nothing(entry, personas):
    client = client_for(personas["advisor_A_nocode"])
    path = path_for(entry, kwargs_for(entry, personas))
    response = client.get(path)
    assert response.status_code == 403, entry.name
    assert "must countersign your signature" in response.content.decode(), entry.name
    before = _row_counts()
    posted = client.post(path, {"name": "Hijacked", "summary": "x", "full_name": "x", "q": "x"})
    assert posted.status_code in (403, 405), entry.name
    assert _row_counts() == before, entry.name


@pytest.mark.parametrize("entry", REFERRALS, ids=ids)
@pytest.mark.parametrize("persona", ["advisor_A", "referent_A"])
def test_another_organisations_confidential_content_never_shows(entry, personas, persona):
    client = client_for(personas[persona])
    path = path_for(entry, kwargs_for(entry, personas))
    for query in ({}, {"q": "SENTINEL-7f3a"}, {"q": "Durand"}, {"company": personas["company"].pk}):
        response = client.get(path, query, headers={"HX-Request": "true"} if query.get("q") == "Durand" else {})
        assert SENTINEL not in response.content.decode(), (entry.name, query)
        assert response.status_code in (200, 302, 400, 403, 404, 405), (entry.name, query)


def test_the_organisation_that_logged_it_reads_it(personas):
    page = client_for(personas["advisor_B"]).get(path_for_name("referrals:company_detail", personas["company"].pk))
    assert SENTINEL in page.content.decode()


def path_for_name(name, pk):
    from django.urls import reverse

    return reverse(name, args=[pk])

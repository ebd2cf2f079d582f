""" "Who works with this company": the stored counts per company and organisation (``CompanyActivity``), kept by the
triggers of migration 0002 whatever writes the contacts, and the page that shows them."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Count, Max
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from referrals.models import Company, CompanyActivity, Interaction
from referrals.services import company_merge
from tests.factories import ConventionFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def counted() -> set[tuple]:
    """What the stored counts must say: the contacts counted now."""
    rows = Interaction.objects.values("company", "organisation").annotate(n=Count("id"), last=Max("occurred_on"))
    return {(row["company"], row["organisation"], row["n"], row["last"]) for row in rows}


def stored() -> set[tuple]:
    return set(CompanyActivity.objects.values_list("company", "organisation", "contacts", "last_on"))


def log(company, user, days_ago=1, organisation=None, **fields):
    advisor = user.advisor
    return Interaction.objects.create(
        company=company,
        advisor=advisor,
        organisation=organisation or advisor.affiliations.get(ended_on__isnull=True).organisation,
        occurred_on=TODAY - timedelta(days=days_ago),
        **fields,
    )


@pytest.fixture
def two(gated_advisor):
    first, second = ConventionFactory().organisation, ConventionFactory().organisation
    return gated_advisor(organisation=first), gated_advisor(organisation=second)


def test_the_counts_follow_every_write_to_the_contacts(two):
    alice, bruno = two
    durand = Company.objects.create(name="Durand SAS", registration_number="443061841")
    garage = Company.objects.create(name="Garage du Centre")
    oldest = log(durand, alice, days_ago=30)
    latest = log(durand, alice, days_ago=2)
    log(durand, bruno, days_ago=9)
    log(garage, bruno, days_ago=4)
    organisation_a = alice.advisor.affiliations.get().organisation
    assert CompanyActivity.objects.get(company=durand, organisation=organisation_a).contacts == 2
    assert stored() == counted()

    latest.summary = "Relance export"  # an edit that moves nothing
    latest.save()
    assert stored() == counted()

    latest.delete()  # the last contact: the pair's last date is read again
    assert CompanyActivity.objects.get(company=durand, organisation=organisation_a).last_on == oldest.occurred_on
    assert stored() == counted()

    oldest.occurred_on = TODAY  # a corrected date
    oldest.save()
    assert CompanyActivity.objects.get(company=durand, organisation=organisation_a).last_on == TODAY
    assert stored() == counted()

    oldest.organisation = bruno.advisor.affiliations.get().organisation  # logged for the wrong organisation
    oldest.save()
    assert not CompanyActivity.objects.filter(company=durand, organisation=organisation_a).exists()
    assert stored() == counted()

    Interaction.objects.filter(company=garage).delete()
    assert not CompanyActivity.objects.filter(company=garage).exists()
    assert stored() == counted()


def test_a_merge_adds_the_duplicates_counts_to_the_kept_record(two, network_manager):
    alice, bruno = two
    kept = Company.objects.create(name="Brasserie du Val", registration_number="443061841")
    duplicate = Company.objects.create(name="Projet de brasserie")
    log(kept, alice, days_ago=40)
    log(duplicate, alice, days_ago=3)
    log(duplicate, bruno, days_ago=12)
    company_merge(source=duplicate, target=kept, by=network_manager)
    assert not CompanyActivity.objects.filter(company=duplicate).exists()
    assert sorted(CompanyActivity.objects.filter(company=kept).values_list("contacts", flat=True)) == [1, 2]
    assert stored() == counted()


def test_rebuilding_recounts_everything_from_the_contacts(two):
    alice, bruno = two
    durand = Company.objects.create(name="Durand SAS")
    for days in (1, 5, 9):
        log(durand, alice, days_ago=days)
    log(durand, bruno)
    CompanyActivity.objects.update(contacts=99)  # as if the counts had drifted
    with connection.cursor() as cursor:
        cursor.execute("SELECT referrals_rebuild_company_activity()")
        assert cursor.fetchone()[0] == 2
    assert stored() == counted()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_advisors_logging_at_once_are_both_counted(two, gated_advisor):
    alice, _bruno = two
    colleague = gated_advisor(organisation=alice.advisor.affiliations.get().organisation)  # the same counter row
    durand = Company.objects.create(name="Durand SAS")
    errors = []

    def write(user, ready, days_ago):
        try:
            ready.wait(timeout=10)
            log(durand, user, days_ago=days_ago)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    # First both create the pair's row at the same moment (the upsert's ON CONFLICT), then both add to it.
    for first, second in ((3, 4), (1, 2)):
        ready = threading.Barrier(2)
        threads = [
            threading.Thread(target=write, args=(user, ready, days))
            for user, days in ((alice, first), (colleague, second))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not errors
    (row,) = CompanyActivity.objects.filter(company=durand)
    assert (row.contacts, row.last_on) == (4, TODAY - timedelta(days=1))


def test_the_page_lists_who_works_with_the_company_latest_first_with_counts(two, gated_advisor):
    alice, bruno = two
    durand = Company.objects.create(name="Durand SAS", registration_number="443061841")
    log(durand, alice, days_ago=200)
    log(durand, alice, days_ago=150)
    log(durand, bruno, days_ago=20)
    others = [gated_advisor(organisation=ConventionFactory().organisation) for _ in range(10)]
    for days, other in enumerate(others, start=300):
        log(durand, other, days_ago=days)
    client = Client(headers={"accept-language": "en"})
    client.force_login(alice)
    page = client.get(reverse("referrals:company_detail", args=[durand.pk]))
    lines = page.context["organisations"]
    organisation_a, organisation_b = (user.advisor.affiliations.get().organisation.name for user in two)
    with translation.override("en"):
        last_b, last_a = (date_format(TODAY - timedelta(days=days), "SHORT_DATE_FORMAT") for days in (20, 150))
    assert [(line["organisation__name"], line["contacts"]) for line in lines[:2]] == [
        (organisation_b, 1),
        (organisation_a, 2),
    ]
    assert len(lines) == 10
    oldest = others[-1].advisor.affiliations.get().organisation.name
    text = page.content.decode()
    assert "and 2 other organisations" in text and oldest in page.context["other_organisations"]
    assert f"<li>{organisation_b} · 1 contact, last {last_b}</li>" in text
    assert f"<li>{organisation_a} · 2 contacts, last {last_a}</li>" in text


def test_a_company_nobody_contacted_says_so(two):
    alice, _bruno = two
    quiet = Company.objects.create(name="Atelier Calme")
    client = Client(headers={"accept-language": "en"})
    client.force_login(alice)
    assert "No member yet." in client.get(reverse("referrals:company_detail", args=[quiet.pk])).content.decode()

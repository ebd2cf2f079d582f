"""Dates follow the network's country, not the page's language: a French or UK network writes day month year in
English too, never the US month/day/year."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from network.models import Network
from referrals.models import Company, Interaction
from tests.factories import ConventionFactory
from tests.referrals.conftest import make_gated_advisor

pytestmark = pytest.mark.django_db


def a_day_whose_order_shows(days_back=90):
    """A day of the last ``days_back`` days that reads differently day-first and month-first (7 December, not 12 July
    nor 7 July)."""
    today = timezone.localdate()
    return next(
        day
        for day in (today - timedelta(days=back) for back in range(1, days_back))
        if day.day <= 12 and day.day != day.month
    )


def company_page_after_a_contact_by_another_member(country, language, day):
    network, _created = Network.objects.get_or_create(id=1)
    network.country = country
    network.save()
    reader = make_gated_advisor(organisation=ConventionFactory().organisation)
    reader.preferred_language = language
    reader.save(update_fields=["preferred_language"])
    other = make_gated_advisor(organisation=ConventionFactory(organisation__name="Initiative Loiret").organisation)
    company = Company.objects.create(name="Durand SAS", registration_number="443061841")
    Interaction.objects.create(
        company=company,
        advisor=other.advisor,
        organisation=other.advisor.affiliations.get().organisation,
        occurred_on=day,
        summary="Diagnostic export",
    )
    client = Client()
    client.force_login(reader)
    response = client.get(reverse("referrals:company_detail", args=[company.pk]))
    assert response.status_code == 200
    return response.content.decode()


ENGLISH_MONTHS = "January February March April May June July August September October November December".split()
FRENCH_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()


@pytest.mark.parametrize("country", [Network.Country.FRANCE, Network.Country.UNITED_KINGDOM])
def test_english_pages_of_a_french_or_uk_network_write_dates_day_month_year(country):
    day = a_day_whose_order_shows()

    page = company_page_after_a_contact_by_another_member(country, "en", day)

    assert f"last on {day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}" in page
    assert f"last {day:%d/%m/%Y}" in page
    assert f"{day:%m/%d/%Y}" not in page


@pytest.mark.parametrize("country", [Network.Country.FRANCE, Network.Country.UNITED_KINGDOM])
def test_french_pages_write_dates_day_month_year(country):
    day = a_day_whose_order_shows()

    page = company_page_after_a_contact_by_another_member(country, "fr", day)

    assert f"dernier contact le {day.day} {FRENCH_MONTHS[day.month - 1]} {day.year}" in page
    assert f"dernier le {day:%d/%m/%Y}" in page


def test_every_country_a_network_may_choose_has_its_date_order_checked_here():
    assert set(Network.Country.values) == {"FR", "GB"}, (
        "A new country: check how it writes dates (network/formats/) and add it to the tests above."
    )

"""The SQL queries of every page the benchmark drives (bench/pages.py), pinned at the tests' data size and checked
again after the data grows: a page whose query count depends on its rows fails here, long before the benchmark.

The counts are those the benchmark reads in ``X-Query-Count`` (config/bench.py), in steady state: each page is
requested once to fill the caches, then counted. No wrk, no server: the Django test client.

A page added to bench/pages.py fails ``test_every_benchmarked_page_is_pinned`` until its count is added below.
"""

import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from bench.pages import COLLEAGUE_QUERY, COMPANY_NAME_QUERY, PAGES, find_subjects
from config.bench import QueryCountMiddleware
from demo.companies import BUSIEST_NAME
from members.models import Affiliation
from network.models import Theme
from referrals.models import Interaction
from referrals.views.companies import TIMELINE_PAGE
from tests.factories import (
    AffiliationFactory,
    CompanyContactFactory,
    CompanyFactory,
    ConventionFactory,
    OfficeFactory,
    ServiceFactory,
)
from tests.referrals.conftest import make_gated_advisor

# Issue 7 asks for at most 12 per page, independent of data size. Pages above it are pinned at what they run today
# (the benchmark marks them ✗) so that a change either way is seen; lower a pin when a page gets leaner.
QUERIES = {
    "healthz": 1,
    "home": 0,
    "office_finder": 1,
    "office": 1,
    "organisations": 0,
    "colleague_search": 3,
    "company": 7,
    "company_timeline": 4,
    "company_search_name": 3,
    "company_search_number": 3,
    "contact_log_post": 9,
}

COUNTING = ["config.bench.QueryCountMiddleware", *settings.MIDDLEWARE]


class World:
    """Small fixtures shaped like the demo: a busiest company with more than one timeline page, companies and
    colleagues the searches find, an office, two organisations logging contacts. ``grow()`` adds more of each."""

    def __init__(self):
        OfficeFactory(departement_codes=["45"], is_head_office=True)
        self.mine = ConventionFactory().organisation
        self.other = ConventionFactory().organisation
        self.user = make_gated_advisor(self.mine)
        self.colleague = make_gated_advisor(self.other)
        self.busiest = CompanyFactory(name=BUSIEST_NAME)
        self.themes = list(Theme.objects.filter(parent__isnull=False)[:3])
        self.services = [ServiceFactory(organisation=self.mine), ServiceFactory(organisation=self.other)]
        self.grown = 0
        self.grow()

    def grow(self):
        """About as many rows again: contacts at the busiest company, companies matching the name search,
        colleagues matching the colleague search."""
        self.grown += 1
        for number in range(3):
            CompanyContactFactory(company=self.busiest)
            CompanyFactory(name=f"{COMPANY_NAME_QUERY.title()} du marché {self.grown}-{number}")
            AffiliationFactory(
                organisation=self.other if number % 2 else self.mine,
                advisor__job_title=f"Chargé d'affaires {COMPANY_NAME_QUERY if number == 2 else COLLEAGUE_QUERY}",
            )
        people = list(self.busiest.contacts.all())
        today = timezone.localdate()
        for number in range(TIMELINE_PAGE + 5):
            mine = number % 3 != 0
            user = self.user if mine else self.colleague
            interaction = Interaction.objects.create(
                company=self.busiest,
                advisor=user.advisor,
                organisation=self.mine if mine else self.other,
                occurred_on=today - timedelta(days=number * 3 + self.grown),
                is_confidential=number % 5 == 0,
                summary=f"Contact {self.grown}-{number}",
                minutes=30,
            )
            interaction.contacts.set(people[: 1 + number % 2])
            interaction.themes.set(self.themes[: 1 + number % 3])
            interaction.services.set([self.services[0 if mine else 1]])


def _request(client, page, subjects):
    path = page.path(subjects)
    if page.method == "GET":
        return client.get(path)
    data = page.form(subjects)
    data[page.fresh_uuid] = str(uuid.uuid4())
    for field, values in page.form_choices(subjects).items():
        data[field] = values[0]
    return client.post(path, data)


def _count(client, page, world) -> int:
    subjects = find_subjects(world.user)
    with override_settings(MIDDLEWARE=COUNTING):
        _request(client, page, subjects)  # fills the caches, sets the session's sign-in time
        response = _request(client, page, subjects)
    assert response.status_code == page.status, (page.name, response.status_code)
    return int(response[QueryCountMiddleware.HEADER])


@pytest.fixture
def world(db, network, territories):
    return World()


def test_every_benchmarked_page_is_pinned():
    assert set(QUERIES) == {page.name for page in PAGES}


def test_the_query_count_middleware_is_off_unless_benchmarking():
    assert "config.bench.QueryCountMiddleware" not in settings.MIDDLEWARE


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_queries_per_page_are_pinned_and_do_not_grow_with_the_data(client, world, page):
    if page.login:
        client.force_login(world.user)
    counted = _count(client, page, world)
    world.grow()
    assert (counted, _count(client, page, world)) == (QUERIES[page.name], QUERIES[page.name])


def test_the_subjects_are_the_busiest_company_and_a_second_timeline_page(world):
    subjects = find_subjects(world.user)
    assert subjects.busiest_pk == world.busiest.pk
    assert subjects.timeline_cursor
    assert world.busiest.pk not in subjects.post_company_pks
    assert Affiliation.objects.filter(advisor__user=world.user, organisation_id=subjects.organisation_pk).exists()

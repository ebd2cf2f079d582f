"""Company search by name: the page's constant statement (``NAMED_SQL``) against the ORM's ranked search, the bounded
candidate set, the "more than 50" message, the htmx answer while typing."""

import pytest
from django.test import Client
from django.urls import reverse

from referrals import services
from referrals.models import Company
from referrals.views import companies as company_views
from tests.factories import siren_from

pytestmark = pytest.mark.django_db

SEARCH = reverse("referrals:company_search")


@pytest.fixture
def client_a(gated_advisor):
    client = Client(headers={"accept-language": "en"})
    client.force_login(gated_advisor())
    return client


def listed(response) -> list[str]:
    return [company["name"] for company in response.context["companies"]]


@pytest.fixture
def companies(territories):
    commune = territories.communes().order_by("code").first()
    names = [
        "Boulangerie Pâtisserie Élodie",
        "Boulangerie-Pâtisserie du Centre",
        "Boulangeries Réunies",
        "Boulevard des Artisans",
        "Le Fournil de Bou",
        "Boucherie Martin",
        "Garage Martineau",
        "Martin Frères",
        "SA Dupont",
        "Projet de reprise d'une boulangerie",
    ]
    for number, name in enumerate(names):
        # Every other one is a project holder (no number yet) and in no commune.
        Company.objects.create(
            name=name,
            registration_number=siren_from(number + 1) if number % 2 else None,
            commune=commune if number % 2 else None,
        )
    kept = Company.objects.create(name="Menuiserie Martin", registration_number=siren_from(90), commune=commune)
    Company.objects.create(name="Menuiserie Martin SARL", merged_into=kept)


@pytest.mark.parametrize(
    "query",
    [
        "boulangerie",
        "BOULANGERIE",
        "boul",  # while typing: the start of a word
        "bou",  # three letters: the start of a word only
        "boulangeries",  # stemmed: finds "Boulangerie"
        "patisserie",  # without its accent
        "elodie boulangerie",  # every word, in any order
        "martin",
        "menuiserie",  # the merged record is not listed
        "sa",  # two letters: the whole word only
        "reprise boulangerie",
        "garage boulevard",  # no company has both
        "de la",  # stop words only: nobody
        "²",  # no word PostgreSQL keeps: nobody
        "'",
        "a:* & !b",
    ],
)
def test_the_page_lists_what_the_ranked_search_finds_in_its_order(client_a, companies, query):
    found, _error = services.search_companies(query)
    expected = [(company.name, company.pk) for company in found]
    response = client_a.get(SEARCH, {"q": query})
    assert response.status_code == 200
    shown = [(company["name"], company["pk"]) for company in response.context["companies"]]
    assert shown == expected, query


def test_each_line_links_to_the_company_with_its_number_or_project_and_commune(client_a, companies):
    response = client_a.get(SEARCH, {"q": "boulangerie"})
    page = response.content.decode()
    registered = Company.objects.get(name="Boulangerie-Pâtisserie du Centre")
    project = Company.objects.get(name="Boulangerie Pâtisserie Élodie")
    assert f'href="{reverse("referrals:company_detail", args=[registered.pk])}"' in page
    assert f"{registered.registration_number} · {registered.commune.name}" in page
    assert f'href="{reverse("referrals:company_detail", args=[project.pk])}"' in page
    assert "project (no number yet)" in page


def test_when_very_many_match_whole_words_are_ranked_before_prefixes(client_a, companies, monkeypatch):
    """Beyond SEARCH_CANDIDATES matches, the candidates are the whole-word matches first, though a prefix-only match
    ("Garage Martineau") was recorded earlier; up to SEARCH_CANDIDATES, every match."""
    monkeypatch.setattr(company_views, "SEARCH_CANDIDATES", 3)
    assert sorted(listed(client_a.get(SEARCH, {"q": "martin"}))) == [
        "Boucherie Martin",
        "Martin Frères",
        "Menuiserie Martin",
    ]
    monkeypatch.setattr(company_views, "SEARCH_CANDIDATES", 4)
    assert "Garage Martineau" in listed(client_a.get(SEARCH, {"q": "martin"}))


def test_more_matches_than_shown_ask_for_another_word(client_a, companies, monkeypatch):
    monkeypatch.setattr(company_views, "SEARCH_LIMIT", 2)
    response = client_a.get(SEARCH, {"q": "boulangerie"})
    assert len(response.context["companies"]) == 2
    assert "More than 2 companies match: add a word to narrow the search." in response.content.decode()
    assert "More than" not in client_a.get(SEARCH, {"q": "elodie"}).content.decode()


def test_typing_gets_the_results_alone_from_htmx(client_a, companies):
    response = client_a.get(SEARCH, {"q": "boul"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert page.startswith('<section id="company-results"') and "Boulangeries Réunies" in page
    assert "<form" not in page and "HX-Request" in response["Vary"]


def test_a_search_by_name_reads_one_statement(client_a, companies, django_assert_num_queries):
    client_a.get(SEARCH, {"q": "boulangerie"})  # the session and the user, once loaded
    with django_assert_num_queries(3):  # the session, the user with their context, the search
        client_a.get(SEARCH, {"q": "boulangerie"})

"""The extranet home of every role links to every page that role starts from (issue 14, item 8).

The pages come from the URL registry (``tests/persona_pages.py``): a page a new role can open, or a new top-level page,
joins this test by itself, and the test fails until the dashboard links to it.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests import test_registries
from tests.persona_pages import PERSONAS, make_personas, pages_for, signed_in_client, top_level_pages

pytestmark = pytest.mark.django_db

world = test_registries.world  # the objects the registry examples point at


class MainLinks(HTMLParser):
    """The paths of the links inside ``<main>`` (the page itself, not the header or the footer)."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.hrefs = set()

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        elif tag == "a" and self.depth:
            href = dict(attrs).get("href") or ""
            self.hrefs.add(href.split("?")[0].split("#")[0])

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1


def dashboard_links(user) -> set[str]:
    response = signed_in_client(user).get(reverse("network:dashboard"))
    assert response.status_code == 200
    parser = MainLinks()
    parser.feed(response.content.decode())
    return parser.hrefs


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_dashboard_of_each_role_links_to_every_top_level_page_the_role_can_open(persona, world, request):
    user = make_personas(world, request)[persona]
    top_level = top_level_pages(pages_for(user, world))
    assert top_level, f"the {persona} opens no page at all: the registry walk is broken"
    unlinked = sorted(page.path for page in top_level if page.path not in dashboard_links(user))
    assert unlinked == [], f"the {persona}'s dashboard has no link to {unlinked}"


def test_the_network_manager_reaches_organisations_people_and_offices_from_the_dashboard(world, request):
    links = dashboard_links(make_personas(world, request)["network_manager"])
    for name in ("members:organisation_list", "members:person_list", "network:office_list"):
        assert reverse(name) in links, name

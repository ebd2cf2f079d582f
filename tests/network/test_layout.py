"""The layout every page shares: the header's current entry and language buttons."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import NetworkStaffFactory

pytestmark = pytest.mark.django_db


def current_entries(page: str) -> list[str]:
    """The labels of the header links marked as the current page."""
    return re.findall(r'class="nav-link" href="[^"]*" aria-current="page">([^<]+)</a>', page)


@pytest.mark.parametrize(
    "path, entry",
    [
        ("/en/", "Home"),
        ("/en/organisations/", "Who does what"),
        ("/en/offices/", "Offices"),
        ("/en/contact/", "Contact"),
        ("/en/legal-notice/", None),
    ],
)
def test_the_header_marks_the_current_entry_on_public_pages(client, path, entry):
    response = client.get(path)
    assert response.status_code == 200
    assert current_entries(response.content.decode()) == ([entry] if entry else [])


def test_the_header_marks_the_extranet_and_manage_entries():
    staff = NetworkStaffFactory().user
    client = Client()
    client.force_login(staff)
    assert current_entries(client.get(reverse("network:dashboard")).content.decode()) == ["Extranet"]
    assert current_entries(client.get(reverse("network:network_settings")).content.decode()) == ["Manage"]


def test_the_language_buttons_offer_the_other_languages_by_their_own_names(client):
    english = client.get("/en/").content.decode()
    assert 'value="fr" class="btn btn-sm btn-outline-light" lang="fr">Français</button>' in english
    assert 'value="en" class="btn' not in english
    assert 'lang="en">English</button>' in client.get("/fr/").content.decode()

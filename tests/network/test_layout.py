"""The layout every page shares: the header's current entry and language buttons, and dates formatted once."""

import re
from datetime import date

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from network.dates import day_format
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
    assert current_entries(client.get(reverse("extranet:dashboard")).content.decode()) == ["Extranet"]
    assert current_entries(client.get(reverse("manage:network_settings")).content.decode()) == ["Manage"]


def test_the_language_buttons_offer_the_other_languages_by_their_own_names(client):
    english = client.get("/en/").content.decode()
    assert 'value="fr" class="btn btn-sm btn-outline-light" lang="fr">Français</button>' in english
    assert 'value="en" class="btn' not in english
    assert 'lang="en">English</button>' in client.get("/fr/").content.decode()


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("format_name", ["DATE_FORMAT", "SHORT_DATE_FORMAT"])
def test_day_formats_a_date_as_the_date_filter_does_in_each_language(language, format_name):
    day = date(2026, 2, 3)
    with translation.override(language):
        expected = Template(f'{{{{ day|date:"{format_name}" }}}}').render(Context({"day": day}))
        assert day_format(day, format_name) == expected
        rendered = Template(f'{{% load portal %}}{{{{ day|day:"{format_name}" }}}}').render(Context({"day": day}))
        assert rendered == expected
    assert day_format(None) == "" and Template("{% load portal %}{{ nothing|day }}").render(Context({})) == ""


@pytest.mark.parametrize("language", ["fr", "en"])
def test_link_gives_what_url_gives_for_a_keyed_view_in_each_language(language):
    context = Context({"pk": 42, "slug": "loiret"})
    with translation.override(language):
        for name, argument, kwarg in (
            ("referrals:company_detail", "pk", "pk"),
            ("referrals:contact_create", "pk", "pk"),
            ("public:office_detail", "slug", "slug"),
        ):
            expected = Template(f"{{% url '{name}' {kwarg}={argument} %}}").render(context)
            extra = f' kwarg="{kwarg}"' if kwarg != "pk" else ""
            rendered = Template(f"{{% load portal %}}{{% link '{name}' {argument}{extra} %}}").render(context)
            assert rendered == expected, (name, language)

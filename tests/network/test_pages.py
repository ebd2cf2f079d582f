import pytest
from django.urls import reverse
from django.utils import translation

from network.models import Network, PrivacyNotice

pytestmark = pytest.mark.django_db


def test_root_redirects_to_a_language_prefixed_home(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_home_page_explains_the_network_and_names_it(client):
    Network.objects.update_or_create(id=1, defaults=dict(name="Growth Hub North", region="North East"))
    response = client.get("/en/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1" in body and "Growth Hub North" in body
    assert "How the network works" in body
    assert 'hreflang="fr"' in body and 'hreflang="en"' in body


@pytest.mark.parametrize("name", ["legal_notice", "privacy_notice", "accessibility", "contact", "cookies"])
def test_every_legal_page_renders_in_both_languages(client, name):
    for language in ("en", "fr"):
        with translation.override(language):
            url = reverse(f"network_public:{name}")
        assert url.startswith(f"/{language}/")
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<html lang="{language}">' in response.content.decode()


def test_legal_notice_shows_the_networks_text_in_the_page_language(client):
    Network.objects.update_or_create(
        id=1, defaults=dict(legal_notice_en="Published by Hub Ltd.", legal_notice_fr="Édité par Hub SAS.")
    )
    with translation.override("en"):
        english = client.get(reverse("network_public:legal_notice")).content.decode()
    with translation.override("fr"):
        french = client.get(reverse("network_public:legal_notice")).content.decode()
    assert "Published by Hub Ltd." in english and "Édité par Hub SAS." not in english
    assert "Édité par Hub SAS." in french


def test_privacy_page_shows_the_current_version_and_lists_earlier_ones(client):
    PrivacyNotice.objects.create(version=1, body_en="First text", body_fr="Premier texte")
    PrivacyNotice.objects.create(version=2, body_en="Second text", body_fr="Second texte")
    body = client.get("/en/privacy/").content.decode()
    assert "Second text" in body and "First text" not in body
    assert "Version 2, published on" in body
    assert "Version 1 of" in body


def test_privacy_page_says_so_when_nothing_is_published(client):
    body = client.get("/en/privacy/").content.decode()
    assert "has not published its privacy notice yet" in body


def test_cookies_page_lists_only_essential_cookies(client, settings):
    body = client.get("/en/cookies/").content.decode()
    assert settings.SESSION_COOKIE_NAME in body and settings.CSRF_COOKIE_NAME in body
    assert "no advertising" in body


def test_unknown_page_is_a_404_in_the_site_layout(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and 'id="main"' in body and "Legal notice" in body


def test_theme_stylesheet_carries_the_networks_colours(client):
    Network.objects.update_or_create(id=1, defaults=dict(primary_colour="#123456"))
    response = client.get("/theme.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert "--bs-primary: #123456" in response.content.decode()
    assert "--bs-primary-rgb: 18, 52, 86" in response.content.decode()


def test_home_page_query_count_is_small_and_fixed(client, django_assert_max_num_queries):
    client.get("/en/")  # warm the network cache
    with django_assert_max_num_queries(2):
        assert client.get("/en/").status_code == 200


def test_language_switch_keeps_the_current_page(client):
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/en/contact/"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/contact/"


def test_language_switch_saves_a_signed_in_users_preference(user_client, user):
    user_client.post(reverse("set_language"), {"language": "fr", "next": "/extranet/"})
    user.refresh_from_db()
    assert user.preferred_language == "fr"


def test_extranet_follows_the_users_preferred_language(user_client, user):
    user.preferred_language = "fr"
    user.save()
    body = user_client.get(reverse("network:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="fr">' in body


def test_healthz_answers_ok_with_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}

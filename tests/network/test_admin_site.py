"""The Django admin is the network staff's technical tool: who reaches it, and what the others are told."""

import html

import pytest

pytestmark = pytest.mark.django_db

EXPLANATION = "The admin site is for network staff"


@pytest.mark.parametrize("path", ["/admin/", "/admin/network/user/", "/admin/login/?next=/admin/"])
def test_a_signed_in_account_without_admin_access_is_told_why_instead_of_sent_round_in_circles(user_client, path):
    response = user_client.get(path)
    assert response.status_code == 403
    body = response.content.decode()
    assert EXPLANATION in body
    assert 'href="/extranet/"' in body  # their home


def test_the_explanation_is_in_the_language_of_the_account(client, user):
    user.preferred_language = "fr"
    user.save()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 403
    body = html.unescape(response.content.decode())
    assert "Le site d'administration est réservé à l'équipe du réseau" in body
    assert "Aller à l'accueil de votre extranet" in body
    assert EXPLANATION not in body


def test_a_network_manager_with_admin_access_gets_the_admin(client, network_manager):
    network_manager.is_staff = True
    network_manager.save()
    client.force_login(network_manager)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Site administration" in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in_first(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    assert client.get(response["Location"])["Location"] == "/accounts/login/?next=%2Fadmin%2F"


def test_a_post_to_the_admin_by_an_account_without_access_changes_nothing(user_client, user):
    response = user_client.post("/admin/network/user/add/", {"email": "new@example.org", "password1": "x"})
    assert response.status_code == 403
    assert EXPLANATION in response.content.decode()
    assert not type(user).objects.filter(email="new@example.org").exists()

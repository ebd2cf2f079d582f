"""Authentication events and refused object access are logged, without personal data (SECURITY.md LG-1, LG-2)."""

import re

import pytest
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def events(caplog):
    return [record.security for record in caplog.records if record.name == "network.security"]


@pytest.fixture
def caplog(caplog):
    caplog.set_level("INFO", logger="network.security")
    return caplog


def test_a_successful_sign_in_and_sign_out_are_logged_with_time_user_and_ip(client, user, caplog):
    client.post(LOGIN, {"login": user.email, "password": DEFAULT_PASSWORD}, REMOTE_ADDR="203.0.113.7")
    client.post(reverse("account_logout"), REMOTE_ADDR="203.0.113.7")
    logged = events(caplog)
    assert [(e["event"], e["outcome"]) for e in logged] == [("login", "ok"), ("logout", "ok")]
    assert all(e["user_id"] == user.pk and e["ip"] == "203.0.113.7" for e in logged)
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d.*\+00:00$", logged[0]["at"])


def test_a_failed_sign_in_is_logged_without_the_email_or_password(client, user, caplog):
    client.post(LOGIN, {"login": user.email, "password": "wrong secret 123"})
    (event,) = events(caplog)
    assert event["event"] == "login" and event["outcome"] == "fail" and len(event["account"]) == 12
    text = caplog.text
    assert user.email not in text and "wrong secret 123" not in text


def test_a_paused_account_is_logged_as_a_lockout(client, user, caplog):
    for _ in range(6):
        client.post(LOGIN, {"login": user.email, "password": "wrong"})
    assert ("lockout", "refused") in [(e["event"], e["outcome"]) for e in events(caplog)]


def test_a_password_reset_is_logged(client, user, caplog):
    from network.models import OutboxMessage

    client.post(reverse("account_reset_password"), {"email": user.email})
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", OutboxMessage.objects.get().body_text)[1]
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"password1": "a brand new passphrase 42", "password2": "a brand new passphrase 42"})
    assert ("password_reset", "ok") in [(e["event"], e["outcome"]) for e in events(caplog)]


def test_a_refused_management_page_is_logged_as_authz_denied(client, office_manager, caplog):
    client.force_login(office_manager)
    assert client.get(reverse("network:office_list")).status_code == 403
    assert client.get(reverse("network:office_edit", args=[987654])).status_code == 403
    denied = [e for e in events(caplog) if e["event"] == "authz_denied"]
    assert len(denied) == 2 and denied[0]["user_id"] == office_manager.pk and denied[0]["outcome"] == "403"
    assert denied[0]["view"] == "network:office_list"


def test_a_missing_object_on_a_management_page_is_logged_as_authz_denied(manager_client, network_manager, caplog):
    assert manager_client.get(reverse("network:office_edit", args=[987654])).status_code == 404
    assert [e["outcome"] for e in events(caplog) if e["event"] == "authz_denied"] == ["404"]


def test_public_404s_are_not_security_events(client, caplog):
    client.get("/en/no-such-page/")
    assert events(caplog) == []


def test_a_wrong_second_factor_code_is_logged(client, user, caplog):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    response = client.post(LOGIN, {"login": user.email, "password": DEFAULT_PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert ("mfa", "fail") in [(e["event"], e["outcome"]) for e in events(caplog)]
    assert "_auth_user_id" not in client.session

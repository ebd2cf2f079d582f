import json
import os
import re
import statistics
import subprocess
import sys
import time
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from config.settings import base as production_settings
from network.models import LoginFailure, OutboxMessage, User
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def login(client, email, password, **extra):
    return client.post(LOGIN, {"login": email, "password": password}, **extra)


# --- Login, logout, sessions ----------------------------------------------------------------------------------------


def test_a_person_signs_in_with_email_and_lands_on_the_extranet(client, user):
    response = login(client, user.email.upper(), DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("network:dashboard")
    assert "Welcome" in client.get(response["Location"]).content.decode()


def test_a_wrong_password_shows_an_error_and_signs_nobody_in(client, user):
    response = login(client, user.email, "not the password")
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_every_extranet_page_requires_sign_in(client):
    response = client.get(reverse("network:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN}?next=")


def test_session_key_rotates_on_sign_in(client, user):
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    login(client, user.email, DEFAULT_PASSWORD)
    assert client.session.session_key != before


def test_sign_out_invalidates_the_session_on_the_server(client, user):
    login(client, user.email, DEFAULT_PASSWORD)
    old_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("account_logout"))
    client.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    response = client.get(reverse("network:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_an_idle_session_ends_after_thirty_minutes(client, user):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        login(client, user.email, DEFAULT_PASSWORD)
        assert client.get(reverse("network:dashboard")).status_code == 200
        traveller.shift(timedelta(minutes=29))
        assert client.get(reverse("network:dashboard")).status_code == 200
        traveller.shift(timedelta(minutes=31))
        response = client.get(reverse("network:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_a_session_ends_twelve_hours_after_sign_in_even_when_active(client, user):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        login(client, user.email, DEFAULT_PASSWORD)
        for _ in range(72):  # every 10 minutes for 12 hours
            traveller.shift(timedelta(minutes=10))
            response = client.get(reverse("network:dashboard"))
            if response.status_code != 200:
                break
        traveller.shift(timedelta(minutes=1))
        response = client.get(reverse("network:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_production_cookies_are_host_prefixed_secure_and_http_only():
    names = [
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_NAME",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT",
        "DEBUG",
    ]
    script = f"import json, config.settings.base as s; print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    env = {"PATH": os.environ["PATH"], "SECRET_KEY": "x" * 60, "HOME": os.environ.get("HOME", "/tmp")}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True, cwd=settings.BASE_DIR
    )
    production = json.loads(result.stdout)
    assert production["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert production["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    assert production["SESSION_COOKIE_HTTPONLY"] and production["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert production["SECURE_HSTS_SECONDS"] >= 31536000 and production["SECURE_SSL_REDIRECT"]
    assert production["DEBUG"] is False


# --- Password policy ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["short-pw-1", "password1234", "123456789012345"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, User(email="someone@example.org"))


def test_a_long_password_of_any_characters_is_accepted():
    validate_password("é" * 40 + '🙂 ~`!@#$%^&*()_+{}|:"<>?' + "x" * 63, User(email="someone@example.org"))


def test_argon2_is_the_first_password_hasher_in_production():
    assert production_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


# --- Throttling -----------------------------------------------------------------------------------------------------


def test_the_sixth_attempt_on_an_account_is_refused_even_with_the_right_password(client, user):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(5):
            assert "There is a problem" in login(client, user.email, "wrong password").content.decode()
        response = login(client, user.email, DEFAULT_PASSWORD)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Sign-in is paused" in body and reverse("account_reset_password") in body
        assert "_auth_user_id" not in client.session
        traveller.shift(timedelta(minutes=16))
        assert login(client, user.email, DEFAULT_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("language", "heading", "summary"),
    [
        ("en", "Sign-in is paused for this account", "There is a problem"),
        ("fr", "La connexion est suspendue pour ce compte", "Il y a un problème"),
    ],
)
def test_a_paused_sign_in_says_so_once_with_the_way_back_in(client, user, language, heading, summary):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    for _ in range(5):
        login(client, user.email, "wrong password")

    response = login(client, user.email, DEFAULT_PASSWORD)

    assert response.status_code == 200
    body = response.content.decode()
    assert body.count(heading) == 1 and body.count(reverse("account_reset_password")) >= 1
    assert summary not in body  # the error summary would say the same thing a second time
    assert body.count("data-error-summary") == 1  # the alert takes the focus the error summary would have had
    assert body.lower().count("15 minutes") == 1


def test_an_unknown_email_is_paused_exactly_like_a_known_one(client):
    for _ in range(5):
        login(client, "nobody@example.org", "wrong password")
    assert "Sign-in is paused" in login(client, "nobody@example.org", "wrong password").content.decode()


def test_failures_are_counted_in_the_database_without_the_email(client, user):
    login(client, user.email, "wrong password")
    failure = LoginFailure.objects.get()
    assert user.email not in failure.account_key and len(failure.account_key) == 64


def test_the_eleventh_failure_from_one_ip_is_refused_across_accounts(client):
    users = UserFactory.create_batch(11)
    for index, person in enumerate(users[:10]):
        # A forged X-Forwarded-For header changes nothing: only the proxy-appended address counts.
        login(
            client, person.email, "wrong password", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"10.0.0.{index}"
        )
    response = login(client, users[10].email, DEFAULT_PASSWORD, REMOTE_ADDR="203.0.113.9")
    assert "Sign-in is paused" in response.content.decode()
    assert login(client, users[10].email, DEFAULT_PASSWORD, REMOTE_ADDR="198.51.100.1").status_code == 302


def test_a_successful_password_reset_lifts_the_pause(client, user):
    for _ in range(5):
        login(client, user.email, "wrong password")
    client.post(reverse("account_reset_password"), {"email": user.email})
    message = OutboxMessage.objects.get()
    reset_path = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", message.body_text).group(1)
    response = client.get(reset_path, follow=True)
    new_password = "a brand new passphrase 42"
    client.post(response.redirect_chain[-1][0], {"password1": new_password, "password2": new_password})
    assert not LoginFailure.objects.exists()
    assert login(client, user.email, new_password).status_code == 302


def test_the_admin_login_is_not_a_way_around_the_throttle(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=%2Fadmin%2F"
    posted = client.post("/admin/login/?next=/admin/", {"username": "x", "password": "y"})
    assert posted.status_code == 302 and posted["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


# --- No user enumeration --------------------------------------------------------------------------------------------


def _normalised(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_login_answers_the_same_for_known_and_unknown_emails(client, user):
    known = login(client, user.email, "wrong password")
    unknown = login(client, "nobody@example.org", "wrong password")
    assert known.status_code == unknown.status_code
    assert _normalised(known).replace(user.email, "EMAIL") == _normalised(unknown).replace(
        "nobody@example.org", "EMAIL"
    )


def test_password_reset_answers_the_same_for_known_and_unknown_emails(client, user):
    known = client.post(reverse("account_reset_password"), {"email": user.email}, follow=True)
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert _normalised(known) == _normalised(unknown)
    assert OutboxMessage.objects.count() == 1  # only the real account gets a mail


@pytest.mark.slow
def test_login_takes_as_long_for_unknown_as_for_known_emails(client, user):
    """AU-6: 30 tries each, alternated, so that whatever else the machine is doing weighs on both sides alike."""
    timings = {user.email: [], "nobody@example.org": []}
    for _ in range(30):
        for email, measured in timings.items():
            LoginFailure.objects.all().delete()
            start = time.perf_counter()
            login(client, email, "wrong password")
            measured.append(time.perf_counter() - start)

    known, unknown = (statistics.median(measured) for measured in timings.values())
    assert abs(known - unknown) < 0.05


# --- Closed sign-up and the list of ways in -------------------------------------------------------------------------


def test_signup_is_closed_and_says_how_to_get_an_account(client):
    response = client.get("/accounts/signup/")
    assert "Accounts are opened by invitation" in response.content.decode()
    client.post("/accounts/signup/", {"email": "new@example.org", "password1": "x" * 20})
    assert not User.objects.filter(email="new@example.org").exists()


def test_password_reset_mail_goes_through_the_outbox_from_the_network(
    client, user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert settings.DEFAULT_FROM_EMAIL in mail.outbox[0].from_email
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT


def test_the_signed_in_message_is_in_the_language_of_the_account_not_of_the_sign_in_page(client):
    """The sign-in page follows the browser (English here); the extranet page after it follows the account
    (French): the message it shows is written in the account's language too."""
    person = UserFactory(full_name="Claire Martin", preferred_language="fr")
    response = login(client, person.email, DEFAULT_PASSWORD, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="fr"' in body
    assert "Claire Martin" in body and "Successfully signed in" not in body

"""RE-8: with Redis down, people still sign in (sessions are in the database), password-login throttling still
pauses an account (its counter is in the database), and the rate limits kept in the cache fail open with a warning.
"""

import logging
import time

import pytest
import time_machine
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from network.models import LoginFailure, SecondFactorFailure
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
SECOND_FACTOR = reverse("mfa_authenticate")
DASHBOARD = reverse("network:dashboard")
RESET = reverse("account_reset_password")
CACHE_LOGGER = "network.cache"


def browser():
    return Client(headers={"accept-language": "en"})


def timed_post(client, path, data):
    started = time.perf_counter()
    response = client.post(path, data)
    return response, time.perf_counter() - started


def test_a_person_signs_in_and_the_session_is_kept_in_the_database(user):
    client = browser()
    response, elapsed = timed_post(client, LOGIN, {"login": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302 and response["Location"] == DASHBOARD
    assert elapsed < 1
    assert Session.objects.filter(session_key=client.session.session_key).exists()
    assert "Welcome" in client.get(DASHBOARD).content.decode()


def test_a_person_with_a_second_factor_signs_in_with_their_code(user):
    """allauth takes a lock in the cache before counting attempts and marks the code used there: both must let the
    person through while the cache is unreachable."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    period = mfa_settings.TOTP_PERIOD
    step_start = int(time.time()) // period * period + period  # one code stays current for the whole test
    with time_machine.travel(step_start, tick=False):
        client = browser()
        response, _elapsed = timed_post(client, LOGIN, {"login": user.email, "password": DEFAULT_PASSWORD})
        assert response["Location"] == SECOND_FACTOR
        code = format_hotp_value(hotp_value(secret, step_start // period))
        response, elapsed = timed_post(client, SECOND_FACTOR, {"code": code})
    assert response.status_code == 302 and response["Location"] == DASHBOARD
    assert elapsed < 1
    assert client.session["_auth_user_id"] == str(user.pk)


def test_password_login_throttling_still_pauses_the_account_after_five_failures(user):
    client = browser()
    for _ in range(5):
        response, _elapsed = timed_post(client, LOGIN, {"login": user.email, "password": "wrong password"})
        assert "There is a problem" in response.content.decode()
    assert LoginFailure.objects.count() == 5

    response, _elapsed = timed_post(client, LOGIN, {"login": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 200 and "Sign-in is paused" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_rate_limits_kept_in_the_cache_fail_open_and_say_so_once_in_the_log(user, caplog):
    """ACCOUNT_RATE_LIMITS allows 5 reset requests a minute per address; with the cache gone nothing counts them."""
    client = browser()
    with caplog.at_level(logging.WARNING, logger=CACHE_LOGGER):
        for _ in range(7):
            response, elapsed = timed_post(client, RESET, {"email": user.email})
            assert response.status_code == 302 and response["Location"] == reverse("account_reset_password_done")
            assert elapsed < 1
    warnings = [record.getMessage() for record in caplog.records if record.name == CACHE_LOGGER]
    assert len(warnings) == 1, warnings  # an outage is reported, not every call that meets it
    assert "unreachable" in warnings[0] and "rate limits fail open" in warnings[0]


def test_wrong_second_factor_codes_still_pause_the_check_while_the_cache_is_down(user):
    """allauth counts wrong codes in the cache, which fails open now: the database counter still pauses the check
    after ten, even for the right code, so a code cannot be guessed during an outage (AU-5)."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    period = mfa_settings.TOTP_PERIOD
    step_start = int(time.time()) // period * period + period
    with time_machine.travel(step_start, tick=False):
        client = browser()
        client.post(LOGIN, {"login": user.email, "password": DEFAULT_PASSWORD})
        right = format_hotp_value(hotp_value(secret, step_start // period))
        wrong = f"{(int(right) + 1) % 10**6:06d}"
        for _ in range(10):
            assert "Incorrect code." in client.post(SECOND_FACTOR, {"code": wrong}).content.decode()
        paused = client.post(SECOND_FACTOR, {"code": right})
    assert "Too many wrong codes: the code check is paused" in paused.content.decode()
    assert "_auth_user_id" not in client.session
    assert SecondFactorFailure.objects.filter(user=user).count() == 10

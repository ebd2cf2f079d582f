"""Second-factor codes, password reset and account changes (SECURITY.md AU-5, AU-7, SE-5).

AU-5: a TOTP code or a recovery code lets one sign-in through, never two; ten wrong codes pause the code check.
AU-7: a password reset still ends at the second factor; its link works once and expires; email addresses
cannot be changed by the account holder at all, so there is no email-change link to replay.
SE-5: changing the password, setting up or removing a second factor, or new recovery codes, needs a password
confirmation from the last five minutes (allauth's reauthentication; config/urls.py wraps the password change,
which allauth does not); without it the POST is sent to that page and changes nothing.
"""

import re
import time
from datetime import timedelta
from urllib.parse import urlencode

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from network.models import OutboxMessage, User
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
SECOND_FACTOR = reverse("mfa_authenticate")
REAUTHENTICATE = reverse("account_reauthenticate")
DASHBOARD = reverse("network:dashboard")
NEW_PASSWORD = "a brand new passphrase 42"
INVALID_LINK = "The password reset link was invalid"


def browser():
    return Client(headers={"accept-language": "en"})


def current_code(secret):
    """The code an authenticator app shows now (allauth's own HOTP helpers, at the clock's TOTP step)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def password_step(client, user, password=DEFAULT_PASSWORD):
    response = client.post(LOGIN, {"login": user.email, "password": password})
    assert response.status_code == 302 and response["Location"] == SECOND_FACTOR
    return response


def second_factor(client, code):
    return client.post(SECOND_FACTOR, {"code": code})


def signed_in(client):
    return "_auth_user_id" in client.session


def reset_link(user):
    """Ask for a reset mail, and read the link from the outbox like the person would from their mailbox."""
    browser().post(reverse("account_reset_password"), {"email": user.email})
    message = OutboxMessage.objects.filter(to=[user.email]).latest("created_at")
    return re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", message.body_text)[1]


def reset_with(client, link, password=NEW_PASSWORD):
    opened = client.get(link, follow=True)
    return client.post(opened.redirect_chain[-1][0], {"password1": password, "password2": password})


@pytest.fixture
def clock():
    """Time stands still at the start of a TOTP step, so one code stays the current one until the test moves on."""
    period = mfa_settings.TOTP_PERIOD
    start = int(time.time()) // period * period + period
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


@pytest.fixture
def secret(user):
    value = generate_totp_secret()
    TOTP.activate(user, value)
    return value


# --- AU-5: second-factor codes are single-use and rate-limited ------------------------------------------------------


def test_a_totp_code_opens_one_sign_in_and_is_refused_when_replayed(user, secret, clock):
    code = current_code(secret)
    owner, eavesdropper = browser(), browser()
    password_step(owner, user)
    assert second_factor(owner, code)["Location"] == DASHBOARD and signed_in(owner)

    password_step(eavesdropper, user)
    replayed = second_factor(eavesdropper, code)
    assert replayed.status_code == 200 and "Incorrect code." in replayed.content.decode()
    assert not signed_in(eavesdropper)

    clock.shift(timedelta(seconds=mfa_settings.TOTP_PERIOD))  # the app shows the next code
    assert second_factor(eavesdropper, current_code(secret))["Location"] == DASHBOARD


def test_a_recovery_code_opens_one_sign_in_and_is_refused_when_replayed(user, secret):
    first, second, *_others = RecoveryCodes.activate(user).generate_codes()
    owner, eavesdropper = browser(), browser()
    password_step(owner, user)
    assert second_factor(owner, first)["Location"] == DASHBOARD

    password_step(eavesdropper, user)
    replayed = second_factor(eavesdropper, first)
    assert "Incorrect code." in replayed.content.decode() and not signed_in(eavesdropper)
    assert second_factor(eavesdropper, second)["Location"] == DASHBOARD
    codes = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES).wrap()
    assert len(codes.get_unused_codes()) == settings.MFA_RECOVERY_CODE_COUNT - 2


def test_ten_wrong_codes_pause_the_second_factor_even_for_the_right_code(user, secret, clock):
    attacker = browser()
    password_step(attacker, user)
    wrong = f"{(int(current_code(secret)) + 1) % 10**6:06d}"
    for _ in range(10):
        assert "Incorrect code." in second_factor(attacker, wrong).content.decode()

    paused = second_factor(attacker, current_code(secret))
    assert "Too many wrong codes: the code check is paused" in paused.content.decode() and not signed_in(attacker)
    # The pause belongs to the account: a fresh browser and a fresh password step do not lift it.
    owner = browser()
    password_step(owner, user)
    assert "Too many wrong codes" in second_factor(owner, current_code(secret)).content.decode()
    assert not signed_in(owner)

    clock.shift(timedelta(minutes=15, seconds=1))
    later = browser()
    password_step(later, user)
    assert second_factor(later, current_code(secret))["Location"] == DASHBOARD


# --- AU-7: password reset keeps the second factor; reset links are single-use and expire ----------------------------


def test_a_password_reset_does_not_skip_the_second_factor(user, secret):
    client = browser()
    done = reset_with(client, reset_link(user))
    assert done["Location"] == reverse("account_reset_password_from_key_done")
    assert not signed_in(client)  # the reset itself signs nobody in

    password_step(client, user, NEW_PASSWORD)
    assert not signed_in(client)
    assert client.get(DASHBOARD)["Location"].startswith(LOGIN)
    assert second_factor(client, current_code(secret))["Location"] == DASHBOARD


def test_a_reset_link_works_only_once(user):
    link = reset_link(user)
    client = browser()
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new_password = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert client.post(form_url, new_password)["Location"] == reverse("account_reset_password_from_key_done")

    other_password = {"password1": "yet another passphrase 7", "password2": "yet another passphrase 7"}
    assert INVALID_LINK in client.post(form_url, other_password).content.decode()
    assert INVALID_LINK in browser().get(link, follow=True).content.decode()
    assert INVALID_LINK in browser().post(link, other_password).content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_reset_link_expires_after_the_reset_timeout(user):
    new_password = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        link = reset_link(user)
        traveller.shift(timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT - 60))
        assert INVALID_LINK not in browser().get(link, follow=True).content.decode()

        traveller.shift(timedelta(seconds=61))
        assert INVALID_LINK in browser().get(link, follow=True).content.decode()
        assert INVALID_LINK in browser().post(link, new_password).content.decode()
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)


def test_the_email_address_cannot_be_changed_by_its_owner(user_client, user):
    """No self-service email change, hence no email-change link that could be replayed or outlive its use."""
    assert reverse("account_email") == reverse("account_email_managed")
    page = user_client.get(reverse("account_email"), follow=True)
    assert page.redirect_chain[-1][0] == DASHBOARD
    assert "Your email address comes from your invitation" in page.content.decode()

    refused = user_client.post(reverse("account_email"), {"action_add": "", "email": "elsewhere@example.org"})
    assert refused.status_code == 405
    user.refresh_from_db()
    assert user.email != "elsewhere@example.org"
    assert not OutboxMessage.objects.filter(to=["elsewhere@example.org"]).exists()


# --- SE-5: changing the password or the second factor needs a re-authentication from the last five minutes --------


def with_totp(user):
    TOTP.activate(user, generate_totp_secret())


def with_recovery_codes(user):
    with_totp(user)
    RecoveryCodes.activate(user)


def recovery_seed(user):
    return Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES).data["seed"]


def totp_post(client):
    """The activation form: the secret the page showed (kept in the session) and the code the app computed."""
    secret = generate_totp_secret()
    session = client.session
    session["mfa.totp.secret"] = secret
    session.save()
    return {"code": current_code(secret)}


# name: (URL name, set-up, form data, what the account looks like before and after a successful POST)
SENSITIVE_ACTIONS = {
    "activate TOTP": (
        "mfa_activate_totp",
        lambda user: None,
        totp_post,
        lambda user: Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
    ),
    "deactivate TOTP": (
        "mfa_deactivate_totp",
        with_totp,
        lambda client: {},
        lambda user: Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
    ),
    "regenerate recovery codes": (
        "mfa_generate_recovery_codes",
        with_recovery_codes,
        lambda client: {},
        recovery_seed,
    ),
    "change password": (
        "account_change_password",
        lambda user: None,
        lambda client: {"oldpassword": DEFAULT_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        lambda user: User.objects.get(pk=user.pk).password,
    ),
}


def sensitive_cases():
    """Each action, with no confirmation since sign-in, one 4 minutes old (allowed) and one 6 minutes old."""
    timings = {
        "signed-in-but-not-reconfirmed": (False, 0, False),
        "reconfirmed-4-min-ago": (True, 4, True),
        "reconfirmed-6-min-ago": (True, 6, False),
    }
    for action in SENSITIVE_ACTIONS:
        for timing, (reauthenticated, minutes_later, allowed) in timings.items():
            yield pytest.param(action, reauthenticated, minutes_later, allowed, id=f"{action}-{timing}")


def sign_in_and_confirm(client, user, *, reauthenticate):
    """A full sign-in, then (optionally) the password confirmation allauth asks for before sensitive changes."""
    response = client.post(LOGIN, {"login": user.email, "password": DEFAULT_PASSWORD})
    if response["Location"] == SECOND_FACTOR:
        totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        response = second_factor(client, current_code(decrypt(totp.data["secret"])))
    assert response["Location"] == DASHBOARD
    if reauthenticate:
        assert client.post(REAUTHENTICATE, {"password": DEFAULT_PASSWORD}).status_code == 302


@pytest.mark.parametrize(("action", "reauthenticated", "minutes_later", "allowed"), sensitive_cases())
def test_account_changes_need_a_recent_reauthentication(client, user, action, reauthenticated, minutes_later, allowed):
    url_name, set_up, form_data, state = SENSITIVE_ACTIONS[action]
    set_up(user)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sign_in_and_confirm(client, user, reauthenticate=reauthenticated)
        before = state(user)
        traveller.shift(timedelta(minutes=minutes_later))
        response = client.post(reverse(url_name), form_data(client))

    if allowed:
        assert response.status_code == 302 and not response["Location"].startswith(REAUTHENTICATE)
        assert state(user) != before
    else:
        assert response.status_code == 302
        assert response["Location"] == f"{REAUTHENTICATE}?{urlencode({'next': reverse(url_name)})}"
        assert state(user) == before


def change_password(client, current):
    return client.post(
        reverse("account_change_password"),
        {"oldpassword": current, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )


def test_changing_the_password_always_asks_for_the_current_one(client, user):
    """Even just after the re-authentication, the form asks for the current password itself."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sign_in_and_confirm(client, user, reauthenticate=True)
        traveller.shift(timedelta(minutes=1))
        refused = change_password(client, "a guess at the password")
        assert refused.status_code == 200 and "Please type your current password." in refused.content.decode()
        user.refresh_from_db()
        assert user.check_password(DEFAULT_PASSWORD)

        assert change_password(client, DEFAULT_PASSWORD).status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_reauthentication_by_an_emailed_code_is_switched_off(client, user):
    """allauth 65.22 offers "send me a sign-in code" to confirm who you are: the portal keeps the password or the
    second factor, so the page to confirm offers neither the code nor its URLs, which answer 404."""
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    sign_in_and_confirm(client, user, reauthenticate=False)

    page = client.get(REAUTHENTICATE)
    assert page.status_code == 200
    assert reverse("account_request_reauthentication_code") not in page.content.decode()
    for name in ("account_request_reauthentication_code", "account_confirm_reauthentication_code"):
        assert client.get(reverse(name)).status_code == 404
        assert client.post(reverse(name), {"email": user.email}).status_code == 404
    assert not mail.outbox and not OutboxMessage.objects.exists()

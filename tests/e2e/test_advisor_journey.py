"""A network manager invites an advisor, who creates an account, sets up a second factor (MFA_REQUIRED on) and
signs the code of conduct; the referent countersigns and the advisor passes the gate; a new version closes it until
signed and countersigned again; a lapsed convention closes it with the explanation."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from members.models import CodeOfConduct
from members.services import code_publish
from network.models import OutboxMessage
from tests.factories import DEFAULT_PASSWORD, AffiliationFactory, ConventionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a long enough passphrase 2026"
GATE = "Before you can see and log company contacts"


def sign_in(page, live_server, email, password, totp_secret=None):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if totp_secret:
        page.get_by_label("Code").fill(totp_code(totp_secret))
        page.get_by_role("button", name="Sign In", exact=True).click()
    # Wait for the sign-in to finish: a page.goto() while its POST is in flight aborts it, and the next page is the
    # second-factor step again (seen once in CI, on a loaded machine).
    expect(page).not_to_have_url(re.compile(r"/accounts/(login|2fa/authenticate)/"))


def totp_code(secret):
    """The code an authenticator app would show now; each 30-second step's code is accepted only once (AU-5), so
    the test moves the clock on between sign-ins."""
    from tests.network.test_account_security import current_code

    return current_code(secret)


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def latest_link(pattern):
    body = OutboxMessage.objects.latest("created_at").body_text
    return re.search(pattern, body)[1]


def test_invited_advisor_signs_referent_countersigns_and_the_gate_follows_the_rules(
    page, live_server, network_manager, settings
):
    settings.MFA_REQUIRED = True
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    convention = ConventionFactory(valid_until=timezone.localdate() + timedelta(days=100))
    organisation = convention.organisation
    referent = AffiliationFactory(organisation=organisation, referent=True, advisor__user__preferred_language="en")
    referent_secret = generate_totp_secret()
    TOTP.activate(referent.advisor.user, referent_secret)
    manager_secret = generate_totp_secret()
    TOTP.activate(network_manager, manager_secret)
    code_publish(text_en="Share what you do.", text_fr="Partagez ce que vous faites.", by=network_manager)

    sign_in(page, live_server, network_manager.email, DEFAULT_PASSWORD, manager_secret)
    page.goto(f"{live_server.url}/manage/organisations/{organisation.pk}/")
    page.get_by_label("Email address").fill("nina@example.org")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator("#main")).to_contain_text("An invitation is on its way to nina@example.org")
    sign_out(page)

    page.goto(live_server.url + latest_link(r"https?://[^/\s]+(/accounts/invitation/[^/\s]+/)"))
    page.get_by_label("Your full name").fill("Nina Advisor")
    page.get_by_label("Language of the extranet and of your emails").select_option("en")
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("The same password again").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()

    # MFA_REQUIRED: the new account goes straight to setting up an authenticator (no second password prompt).
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.goto(f"{live_server.url}/extranet/")
    expect(page.locator("#main")).to_contain_text(GATE)
    page.get_by_role("link", name="Read and sign it").click()
    page.get_by_role("button", name="I have read the code of conduct and I sign it").click()
    expect(page.locator("#main")).to_contain_text("must countersign your signature")
    sign_out(page)

    countersign_path = latest_link(r"https?://[^/\s]+(/extranet/code-of-conduct/countersign/[^/\s]+/)")
    sign_in(page, live_server, referent.advisor.user.email, DEFAULT_PASSWORD, referent_secret)
    page.goto(live_server.url + countersign_path)
    expect(page.locator("#main")).to_contain_text("Nina Advisor")
    page.get_by_role("button", name="I countersign").click()
    expect(page.locator("#main")).to_contain_text("You countersigned the code of conduct of Nina Advisor")
    sign_out(page)

    with time_machine.travel(timezone.now() + timedelta(seconds=31), tick=True):
        sign_in(page, live_server, "nina@example.org", PASSWORD, secret)
        expect(page.locator("#main")).to_contain_text("You have access to the shared company records")

        code_publish(text_en="Version two.", text_fr="Version deux.", by=network_manager)
        page.reload()
        expect(page.locator("#main")).to_contain_text("Sign the current version of the code of conduct")
        assert CodeOfConduct.objects.current().version == 2
        page.get_by_role("link", name="Read and sign it").click()
        expect(page.locator("#main")).to_contain_text("Version two.")
        page.get_by_role("button", name="I have read the code of conduct and I sign it").click()
        expect(page.locator("#main")).to_contain_text("must countersign your signature")
        sign_out(page)

    with time_machine.travel(timezone.now() + timedelta(seconds=62), tick=True):
        sign_in(page, live_server, referent.advisor.user.email, DEFAULT_PASSWORD, referent_secret)
        page.goto(live_server.url + latest_link(r"https?://[^/\s]+(/extranet/code-of-conduct/countersign/[^/\s]+/)"))
        page.get_by_role("button", name="I countersign").click()
        expect(page.locator("#main")).to_contain_text("You countersigned the code of conduct of Nina Advisor")
        sign_out(page)

    with time_machine.travel(timezone.now() + timedelta(seconds=93), tick=True):
        sign_in(page, live_server, "nina@example.org", PASSWORD, secret)
        expect(page.locator("#main")).to_contain_text("You have access to the shared company records")

    with time_machine.travel(timezone.now() + timedelta(days=101)):
        page.reload()  # the session has ended long ago: sign in again
        sign_in(page, live_server, "nina@example.org", PASSWORD, secret)
        expect(page.locator("#main")).to_contain_text("convention with the network is not in force")

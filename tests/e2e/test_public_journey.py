"""The public journey in a real browser: home page in both languages, accessibility (axe-core), sign-in."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from network.models import Network, NetworkStaff, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NETWORK_NAME = "Réseau Entreprendre Occitanie Test"
EMAIL = "claire.martin@example.org"
PASSWORD = "a-long-test-password-2026"
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def network():
    # The row comes from a migration, but transactional tests truncate the tables after them: update or create it.
    network, _ = Network.objects.update_or_create(id=1, defaults={"name": NETWORK_NAME, "region": "Occitanie"})
    return network


@pytest.fixture
def manager():
    user = User.objects.create_user(email=EMAIL, password=PASSWORD, full_name="Claire Martin")
    NetworkStaff.objects.create(user=user, role=NetworkStaff.Role.NETWORK_MANAGER)
    return user


class BrowserErrors:
    """Console errors (CSP violations among them), uncaught exceptions and failed or 4xx/5xx requests of a page.

    Requests the browser cancels itself because the page navigated on (net::ERR_ABORTED) are not failures.
    """

    def __init__(self, page):
        self.messages = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.messages.append(f"pageerror: {error}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _request_failed(self, request):
        if request.failure != "net::ERR_ABORTED":
            self.messages.append(f"request failed: {request.url} ({request.failure})")

    def _console(self, message):
        if message.type == "error":
            self.messages.append(f"console error: {message.text} ({message.location})")

    def _response(self, response):
        if response.status >= 400:
            self.messages.append(f"HTTP {response.status}: {response.url}")


def assert_accessible(page, label):
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n"
        + "\n".join(f"    {node['target']}: {node['html']}\n      {node['failureSummary']}" for node in v["nodes"])
        for v in blocking
    )
    assert not blocking, f"axe-core found serious or critical violations on {label} ({page.url}):\n{details}"


def test_public_journey(page, live_server, network, manager):
    errors = BrowserErrors(page)

    page.goto(f"{live_server.url}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(NETWORK_NAME)
    expect(page).to_have_title(f"Business support for companies in the region · {NETWORK_NAME}")
    # The stylesheets were served and applied (the skip link is moved off-screen by portal.css).
    assert page.locator(".skip-link").bounding_box()["x"] < 0
    assert_accessible(page, "the English home page")

    page.get_by_role("button", name="Français").click()
    expect(page).to_have_url(f"{live_server.url}/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_have_text(NETWORK_NAME)
    assert_accessible(page, "the French home page")

    page.set_viewport_size({"width": 375, "height": 812})
    assert_accessible(page, "the French home page on a phone")
    page.goto(f"{live_server.url}/en/")
    assert_accessible(page, "the English home page on a phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page, "the sign-in page")
    page.locator("[name=login]").fill(EMAIL)
    page.locator("[name=password]").fill(PASSWORD)
    page.locator("form[action='/accounts/login/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/extranet/$"))
    expect(page.locator("h1")).to_have_text(re.compile(r"^(Welcome|Bienvenue), Claire$"))
    assert_accessible(page, "the extranet dashboard")

    assert not errors.messages, "The browser reported errors:\n" + "\n".join(errors.messages)


def test_wrong_password_shows_the_error_summary(page, live_server, network, manager):
    errors = BrowserErrors(page)
    page.goto(f"{live_server.url}/en/")
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("[name=login]").fill(EMAIL)
    page.locator("[name=password]").fill("not-the-password")
    page.locator("form[action='/accounts/login/'] button[type=submit]").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary.locator("h2")).to_have_text("There is a problem")
    expect(summary).to_be_focused()  # static/js/portal.js moves the focus to it
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    assert_accessible(page, "the sign-in page with errors")
    # The 400 of the failed sign-in itself is expected; nothing else may go wrong.
    assert not [m for m in errors.messages if not m.startswith("HTTP 400")], "\n".join(errors.messages)


def test_first_tab_focuses_the_skip_link(page, live_server, network):
    page.goto(f"{live_server.url}/en/")
    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    expect(skip_link).to_have_text("Skip to main content")
    expect(skip_link).to_have_attribute("href", "#main")
    expect(skip_link).to_be_in_viewport()  # visible once focused
    expect(page.locator("#main")).to_have_count(1)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("#main")).to_be_focused()

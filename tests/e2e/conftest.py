"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import os
from pathlib import Path

import pytest

from tests.e2e.chromium import CHROMIUM, MISSING_CHROMIUM, launch

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make around it are safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        print(MISSING_CHROMIUM)
        pytest.skip(MISSING_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _fresh_content_types():
    """A transactional test's database is flushed and reloaded, so content types may come back under other keys
    than the ones the process cached in an earlier test: an audit entry written with a cached key then breaks its
    foreign key (seen with tests/referrals/test_companies.py run before the journeys). Read them afresh."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield

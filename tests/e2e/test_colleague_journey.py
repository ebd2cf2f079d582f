"""An advisor going on leave names a backup in their profile; a colleague types a skill in "Find a colleague", the
results follow the typing (htmx), and the away advisor shows with whom to contact instead."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from network.models import Theme
from network.themes import load_default_themes
from tests.e2e.test_members_journey import sign_in
from tests.e2e.test_public_journey import BrowserErrors, assert_accessible
from tests.factories import AffiliationFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_absence_with_a_backup_shows_in_the_live_colleague_search(browser, live_server, territories):
    load_default_themes()
    away = AffiliationFactory(advisor__user__full_name="Léa Fournier", advisor__user__preferred_language="en")
    backup = AffiliationFactory(organisation=away.organisation, advisor__user__full_name="Hugo Petit").advisor
    searcher = AffiliationFactory(advisor__user__full_name="Zoé Martin").advisor.user

    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors = BrowserErrors(page)
    sign_in(page, live_server, away.advisor.user)
    page.get_by_role("link", name="Your profile and email preferences").click()
    page.get_by_label("Job title").fill("Conseillère export")
    page.get_by_label("Bank and honour loans").check()
    today = timezone.localdate()
    page.get_by_label("Absent from").fill(today.isoformat())
    page.get_by_label("Absent until").fill((today + timedelta(days=10)).isoformat())
    page.get_by_label("Backup during the absence").select_option(label="Hugo Petit")
    assert_accessible(page, "the profile form")
    page.get_by_role("button", name="Save your profile").click()
    expect(page.locator("#main")).to_contain_text("Your profile is saved.")
    assert away.advisor.skills.get() == Theme.objects.get(slug="financing-loans")
    context.close()

    context = browser.new_context(locale="en-US", viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors = BrowserErrors(page)
    sign_in(page, live_server, searcher)
    page.get_by_role("searchbox", name="Name, skill or keyword").fill("prêts")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#colleague-results")).to_contain_text("Léa Fournier")

    # Typing narrows the results live, without pressing Filter; the address follows for the back button.
    box = page.get_by_role("textbox", name="Name, skill or keyword")
    box.fill("")
    box.press_sequentially("hugo", delay=30)
    expect(page.locator("#colleague-results")).to_contain_text("1 colleague")
    expect(page.locator("#colleague-results")).to_contain_text("Hugo Petit")
    expect(page).to_have_url(re.compile(r"/extranet/colleagues/\?q=hugo"))
    box.fill("export loans")
    expect(page.locator("#colleague-results")).to_contain_text("Léa Fournier")
    expect(page.locator("#colleague-results")).to_contain_text("contact Hugo Petit instead")
    assert_accessible(page, "the colleague search on a phone")
    page.get_by_role("link", name="Léa Fournier").click()
    expect(page.locator("#main")).to_contain_text("Contact Hugo Petit instead")
    expect(page.locator("#main")).to_contain_text(backup.user.email)
    assert_accessible(page, "a colleague's page on a phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert not errors.messages, errors.messages
    context.close()

"""The header on a phone: a "Menu" button opens the links, the language switcher and the account buttons; closed, it
takes one line. Without JavaScript the menu is simply open. On a desktop everything shows in one bar."""

import re

import pytest
from playwright.sync_api import expect

from tests.persona_pages import session_cookie

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
CLOSED_HEADER_MAX_HEIGHT = 70


def signed_in_context(browser, live_server, user, viewport, javascript=True):
    context = browser.new_context(locale="en-US", viewport=viewport, java_script_enabled=javascript)
    context.add_cookies([session_cookie(user, live_server.url)])
    return context


def header_height(page):
    return page.locator("header").bounding_box()["height"]


def test_on_a_phone_the_header_is_one_line_and_the_menu_button_opens_it_from_the_keyboard(
    browser, live_server, network, network_manager
):
    context = signed_in_context(browser, live_server, network_manager, PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/extranet/")
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name="Who does what")).to_be_hidden()
    expect(page.get_by_role("button", name="Sign out")).to_be_hidden()
    assert header_height(page) <= CLOSED_HEADER_MAX_HEIGHT

    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    for link in ("Home", "Who does what", "Offices", "Contact", "Extranet", "Manage"):
        expect(page.get_by_role("navigation", name="Main").get_by_role("link", name=link, exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Français")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    page.keyboard.press("Tab")  # the first link of the menu comes right after the button
    expect(page.locator(":focus")).to_have_text("Home")
    expect(page.locator("#site-menu")).to_have_class(re.compile(r"\bshow\b"))  # opened (Bootstrap ignores a
    # click while the menu slides)

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("button", name="Sign out")).to_be_hidden()
    context.close()


def test_on_a_phone_without_javascript_the_menu_is_open(browser, live_server, network, network_manager):
    context = signed_in_context(browser, live_server, network_manager, PHONE, javascript=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/extranet/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()  # it could not open anything
    expect(page.get_by_role("link", name="Who does what")).to_be_visible()
    expect(page.get_by_role("button", name="Français")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    context.close()


def test_on_a_desktop_the_whole_header_shows_without_a_menu_button(browser, live_server, network):
    context = browser.new_context(locale="en-US", viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.get_by_role("link", name="Who does what")).to_be_visible()
    expect(page.get_by_role("link", name="Advisor sign-in")).to_be_visible()
    assert header_height(page) <= CLOSED_HEADER_MAX_HEIGHT
    context.close()

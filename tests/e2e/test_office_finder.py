"""An SME finds its local office: by name without accents, by postcode, by another name; then the office page."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def search(page, text):
    field = page.get_by_label("Commune, postcode or INSEE code")
    field.fill(text)
    page.get_by_role("button", name="Find my office").click()


def test_an_sme_finds_its_office_three_ways_and_sees_the_communes_it_covers(page, live_server, cvl_offices):
    loiret, touraine = cvl_offices["45"], cvl_offices["37"]
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Offices").click()
    page.get_by_label("Which office covers my commune?").fill("orleans")
    page.get_by_role("button", name="Find my office").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("Orléans")
    expect(page.locator("#main")).to_contain_text("Your local office is")
    expect(page.get_by_role("link", name=loiret.name)).to_be_visible()

    search(page, "45000")
    expect(page.get_by_role("link", name=loiret.name)).to_be_visible()

    search(page, "Tours")
    expect(page.get_by_role("heading", level=2)).to_contain_text("Tours")
    page.get_by_role("link", name=touraine.name).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(touraine.name)
    expect(page.locator("#main")).to_contain_text("272 communes covered")
    expect(page.locator(".commune-list").get_by_text("Tours", exact=True)).to_be_visible()


def test_bad_queries_explain_what_to_type(page, live_server, cvl_offices):
    page.goto(f"{live_server.url}/en/which-office/")
    search(page, "4500")
    expect(page.locator("#id_q_error")).to_contain_text("five characters")
    expect(page.get_by_label("Commune, postcode or INSEE code")).to_have_attribute("aria-invalid", "true")
    search(page, "Nowhereville")
    expect(page.locator("#main")).to_contain_text("No commune of the network")

"""An SME finds its local office: by name without accents, by postcode, by another name; then the office page."""

import re

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
    expect(page.locator("#id_q_error")).to_contain_text("five digits")
    expect(page.get_by_label("Commune, postcode or INSEE code")).to_have_attribute("aria-invalid", "true")
    search(page, "Nowhereville")
    expect(page.locator("#main")).to_contain_text("No commune of the network")


def test_a_shared_postcode_shows_its_main_commune_first_and_the_rest_on_the_next_page(page, live_server, cvl_offices):
    page.goto(f"{live_server.url}/en/which-office/")
    search(page, "45300")
    expect(page.get_by_role("heading", level=2)).to_have_text(
        "30 communes have the postcode 45300: which one is yours?"
    )
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(20)
    expect(rows.first).to_contain_text("Pithiviers")
    expect(page.locator("#main")).not_to_contain_text("Sandillon")
    page.get_by_role("link", name="Next").click()
    expect(rows).to_have_count(10)
    expect(page.locator("#main")).to_contain_text("Communes 21 to 30 of 30")
    expect(rows.last).to_contain_text("Yèvre-la-Ville")


def test_a_network_manager_sees_the_commune_of_a_postcode_before_attaching_it(
    page, live_server, cvl_offices, network_manager
):
    from network.models import OfficeCommune
    from tests.e2e.test_members_journey import sign_in
    from tests.e2e.test_public_journey import assert_accessible

    network_manager.preferred_language = "en"
    network_manager.save()
    touraine = cvl_offices["37"]
    sign_in(page, live_server, network_manager)
    page.goto(f"{live_server.url}/manage/offices/{touraine.pk}/")
    page.get_by_role("textbox", name="Commune").fill("45300")
    page.get_by_role("button", name="Add this commune").click()
    expect(page.locator("#id_commune_error")).to_contain_text("30 communes have the postcode 45300: pick yours below.")
    choices = page.get_by_role("group", name="Which commune do you mean?")
    expect(choices.get_by_role("radio")).to_have_count(30)
    expect(choices).not_to_contain_text("Sandillon")
    assert_accessible(page, "the commune choices")
    choices.get_by_label(re.compile(r"^Pithiviers \(")).check()
    page.get_by_role("button", name="Add this commune").click()
    expect(page.get_by_role("heading", name="Attach Pithiviers to this office?")).to_be_visible()
    expect(page.locator("#main")).to_contain_text("45252")
    assert not OfficeCommune.objects.exists()
    page.get_by_role("button", name="Attach Pithiviers").click()
    expect(page.locator("#main")).to_contain_text("Pithiviers is now handled by")
    assert OfficeCommune.objects.get().commune.code == "45252"

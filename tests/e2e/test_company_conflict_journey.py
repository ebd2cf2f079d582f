"""Issue 14: two advisors, each in their own browser, correct the same company record at once. Alice changes the
legal form SARL -> EURL and saves; Bruno, whose form still says SARL, renames the company and saves: refused, he
sees the legal form with her saved value beside his, saves again as the page says, and her EURL stays with his new
name. Then Bruno ticks "Keep mine" on a second conflict and his value wins, as he chose."""

import pytest
from playwright.sync_api import expect

from referrals.models import Company
from tests.e2e.test_members_journey import sign_in
from tests.e2e.test_page_quality import OVERFLOW_JS
from tests.e2e.test_public_journey import BrowserErrors, assert_accessible
from tests.factories import ConventionFactory
from tests.referrals.conftest import make_gated_advisor

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def advisor(name, organisation):
    user = make_gated_advisor(organisation=ConventionFactory(organisation__name=organisation).organisation)
    user.full_name, user.preferred_language = name, "en"
    user.save()
    return user


def browser_of(browser, live_server, user, width=1280):
    context = browser.new_context(locale="en-US", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server, user)
    return page


def conflict_row(page, label):
    """The cells of the conflict table's row for ``label``: their saved value, your value, on saving again."""
    row = page.locator("#conflicts tbody tr").filter(has=page.get_by_role("rowheader", name=label, exact=True))
    expect(row).to_have_count(1)
    return row.locator("td")


def test_a_conflicting_save_keeps_the_other_advisors_legal_form_unless_you_keep_yours(browser, live_server):
    record = Company.objects.create(name="Durand Frères", registration_number="443061841", legal_form="SARL")
    alice = browser_of(browser, live_server, advisor("Alice Martin", "Initiative Loiret"))
    bruno = browser_of(browser, live_server, advisor("Bruno Petit", "BGE Touraine"), width=375)
    errors = BrowserErrors(bruno)
    edit = f"{live_server.url}/extranet/companies/{record.pk}/edit/"

    # Both open the form; Alice saves EURL first.
    alice.goto(edit)
    bruno.goto(edit)
    alice.get_by_label("Legal form").fill("EURL")
    alice.get_by_role("button", name="Save the record").click()
    expect(alice.locator("#main")).to_contain_text("The company's record is saved.")

    # Bruno renames the company, his form still saying SARL: refused, with both versions side by side.
    bruno.get_by_role("textbox", name="Name").fill("Durand Frères et Fils")
    bruno.get_by_role("button", name="Save the record").click()
    expect(bruno.get_by_role("heading", name="Someone saved this record while you were editing it")).to_be_visible()
    expect(conflict_row(bruno, "Legal form").nth(0)).to_have_text("EURL")
    expect(conflict_row(bruno, "Legal form").nth(1)).to_have_text("SARL")
    expect(bruno.get_by_role("checkbox", name="Keep mine (Legal form)")).not_to_be_checked()
    expect(conflict_row(bruno, "Name").nth(0)).to_have_text("Durand Frères")
    expect(conflict_row(bruno, "Name").nth(1)).to_have_text("Durand Frères et Fils")
    expect(bruno.get_by_role("textbox", name="Legal form")).to_have_value("EURL")
    expect(bruno.get_by_role("textbox", name="Name")).to_have_value("Durand Frères et Fils")
    assert_accessible(bruno, "the conflict page")
    assert bruno.evaluate(OVERFLOW_JS) == []  # readable on a phone: nothing sticks out of 375 px

    # Saving again as the page says keeps her legal form and his name.
    bruno.get_by_role("button", name="Save again").click()
    expect(bruno.locator("#main")).to_contain_text("The company's record is saved.")
    record.refresh_from_db()
    assert (record.legal_form, record.name, record.version) == ("EURL", "Durand Frères et Fils", 3)

    # A second round: Alice sets SAS while Bruno, on an old form, writes SA and keeps his explicitly.
    alice.goto(edit)
    bruno.goto(edit)
    alice.get_by_label("Legal form").fill("SAS")
    alice.get_by_role("button", name="Save the record").click()
    expect(alice.locator("#main")).to_contain_text("The company's record is saved.")
    bruno.get_by_role("textbox", name="Legal form").fill("SA")
    bruno.get_by_role("button", name="Save the record").click()
    expect(conflict_row(bruno, "Legal form").nth(0)).to_have_text("SAS")
    bruno.get_by_role("checkbox", name="Keep mine (Legal form)").check()
    bruno.get_by_role("button", name="Save again").click()
    expect(bruno.locator("#main")).to_contain_text("The company's record is saved.")
    record.refresh_from_db()
    assert (record.legal_form, record.name) == ("SA", "Durand Frères et Fils")
    assert [message for message in errors.messages if "409" not in message] == []  # the conflict itself
    alice.context.close()
    bruno.context.close()

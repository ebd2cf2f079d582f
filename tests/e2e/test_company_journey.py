"""Issue 6's journey: advisor A (organisation 1) logs a contact with a new company typed "443 061 841"; advisor B
(organisation 2) searches "443061841", lands on the same company, sees A's contact and the "already in contact"
warning, and logs a confidential contact; A sees that B's organisation had a contact but never its content: not on
the page, not in the HTML source, not by guessing its URL, not in search."""

import re

import pytest
from playwright.sync_api import expect

from members.models import MemberOrganisation
from referrals.models import Company, Interaction
from tests.e2e.test_members_journey import sign_in
from tests.e2e.test_public_journey import BrowserErrors, assert_accessible
from tests.factories import ConventionFactory
from tests.referrals.conftest import make_gated_advisor

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SECRET = "Cession envisagée au concurrent, ne pas ébruiter"


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_two_organisations_share_one_company_record_and_confidentiality_holds(page, live_server, territories):
    errors = BrowserErrors(page)
    one = ConventionFactory(organisation__name="Initiative Loiret").organisation
    two = ConventionFactory(organisation__name="BGE Touraine").organisation
    advisor_a = make_gated_advisor(organisation=one)
    advisor_b = make_gated_advisor(organisation=two)
    for user, name in ((advisor_a, "Alice Martin"), (advisor_b, "Bruno Petit")):
        user.full_name, user.preferred_language = name, "en"
        user.save()

    # A logs a first contact with a company the network does not know yet, typed with spaces.
    sign_in(page, live_server, advisor_a)
    page.get_by_role("link", name="Log a contact").first.click()
    page.get_by_role("searchbox", name="Company name or number").press_sequentially("443 061 841", delay=20)
    page.get_by_label("Create this company: 443061841").check()
    page.get_by_label("Name of the company or project").fill("Durand Frères")
    page.get_by_label("Summary").fill("Premier rendez-vous : projet d'export vers l'Allemagne.")
    assert_accessible(page, "the fast-entry form")
    page.get_by_role("button", name="Save the contact").click()
    expect(page.locator("h1")).to_have_text("Durand Frères")
    expect(page.locator("#main")).to_contain_text("export vers l'Allemagne")
    company = Company.objects.get(registration_number="443061841")
    sign_out(page)

    # B finds the same company by its number typed without spaces, sees A's contact and the warning.
    sign_in(page, live_server, advisor_b)
    page.goto(f"{live_server.url}/extranet/")
    page.get_by_role("searchbox", name="Company name or number").fill("443061841")
    page.get_by_role("button", name="Find the company").click()
    expect(page).to_have_url(re.compile(rf"/extranet/companies/{company.pk}/$"))
    main = page.locator("#main")
    expect(main).to_contain_text("Already in contact")
    expect(main).to_contain_text("Initiative Loiret (Alice Martin)")
    expect(main).to_contain_text("export vers l'Allemagne")
    assert_accessible(page, "the company page")

    page.get_by_role("link", name="Log a contact").last.click()
    expect(page.locator("#already-in-contact")).to_contain_text("Initiative Loiret")
    page.get_by_label("Summary").fill(SECRET)
    page.get_by_label("Confidential to my organisation").check()
    page.get_by_role("button", name="Save the contact").click()
    expect(page.locator("#main")).to_contain_text(SECRET)
    secret = Interaction.objects.get(is_confidential=True)
    sign_out(page)

    # A sees that BGE Touraine had a contact, never what it was about.
    sign_in(page, live_server, advisor_a)
    page.goto(f"{live_server.url}/extranet/companies/{company.pk}/")
    expect(page.locator("#main")).to_contain_text("BGE Touraine")
    expect(page.locator("#main")).to_contain_text("A contact confidential to this organisation")
    assert SECRET not in page.content() and "Bruno Petit" not in page.content()
    source = page.request.get(f"{live_server.url}/extranet/companies/{company.pk}/").text()
    assert SECRET not in source and "Bruno Petit" not in source
    guessed = page.request.get(f"{live_server.url}/extranet/companies/interactions/{secret.pk}/")
    assert guessed.status == 404 and SECRET not in guessed.text()
    page.goto(f"{live_server.url}/extranet/companies/?q=cession+concurrent")
    assert SECRET not in page.content()
    assert MemberOrganisation.objects.count() == 2
    assert not [message for message in errors.messages if "404" not in message], errors.messages

"""A network manager onboards organisations from a CSV file, adds a service, records a convention; the convention
nears expiry (reminder in the outbox), then lapses and the organisation leaves the public portal."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from members.models import MemberOrganisation
from members.services import convention_send_reminders
from network.models import OutboxMessage
from tests.factories import DEFAULT_PASSWORD, siren_from

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def csv_file(tmp_path):
    rows = ["type;registration_number;name;kind;website;departements"]
    for index in range(4):
        rows.append(
            f"organisation;{siren_from(900 + index)};Agence Import {index};development_agency;"
            f"https://import{index}.example;45"
        )
    rows.append("organisation;123456789;Numéro Faux;bank;https://faux.example;41")  # invalid SIREN: line 6
    path = tmp_path / "organisations.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def test_a_manager_onboards_organisations_and_a_lapsed_convention_leaves_the_portal(
    page, live_server, network_manager, territories, tmp_path
):
    sign_in(page, live_server, network_manager)
    page.goto(f"{live_server.url}/manage/organisations/")
    page.get_by_role("link", name="Import a CSV file").click()
    page.get_by_label("CSV file").set_input_files(str(csv_file(tmp_path)))
    page.get_by_role("button", name="Upload and preview").click()

    preview = page.locator("#main")
    expect(preview).to_contain_text("Numéro Faux")
    expect(preview).to_contain_text("123456789 is not a valid SIREN")
    page.get_by_role("button", name="Import the valid rows").click()
    expect(page.locator("#main")).to_contain_text("4 organisations")
    assert MemberOrganisation.objects.count() == 4

    page.get_by_role("link", name="Agence Import 0").click()
    page.get_by_role("link", name="Add a service").click()
    page.get_by_label("Title (French)").fill("Diagnostic export")
    page.get_by_role("button", name="Save the service").click()
    expect(page.locator("#main")).to_contain_text("Diagnostic export")

    page.get_by_role("link", name="Record the convention").click()
    today = timezone.localdate()
    page.get_by_role("textbox", name="Signatory", exact=True).fill("Alex Durand")
    page.get_by_role("textbox", name="Signatory's role").fill("Président")
    page.get_by_label("Signed on").fill(today.isoformat())
    page.get_by_label("Valid from").fill(today.isoformat())
    page.get_by_label("Valid until").fill((today + timedelta(days=30)).isoformat())
    pdf = tmp_path / "convention.pdf"
    pdf.write_bytes(b"%PDF-1.7\n% signed convention\n")
    page.get_by_label("Signed PDF").set_input_files(str(pdf))
    page.get_by_role("button", name="Record the convention").click()
    expect(page.locator("#main")).to_contain_text("Convention version 1 is recorded")
    expect(page.locator("#main")).to_contain_text("Expiring soon")

    assert convention_send_reminders() == 1
    assert "Agence Import 0" in OutboxMessage.objects.get().subject

    organisation = MemberOrganisation.objects.get(name="Agence Import 0")
    public_page = f"{live_server.url}/en/organisations/{organisation.slug}/"
    assert page.goto(public_page).status == 200
    expect(page.locator("#main")).to_contain_text("Diagnostic export")
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert page.goto(public_page).status == 404
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")

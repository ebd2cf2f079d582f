"""CSV import of organisations and their services (issue "Members I"): upload, preview, confirm, re-import."""

import csv
import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from stdnum import luhn
from stdnum.fr import siren

from members.importing import COLUMN_NAMES, MAX_BYTES, MAX_ROWS
from members.models import MemberOrganisation, Service
from members.views.manage_imports import SESSION_KEY
from network.models import AuditEntry
from network.themes import load_default_themes

pytestmark = pytest.mark.django_db

HEADER = ["type", "registration_number", "name", "kind", "website", "departements"]
HEADER += ["organisation_registration_number", "title_fr", "title_en", "stages", "themes", "cost", "public"]
BAD_SIREN = "123456789"


def a_siren(number: int) -> str:
    base = f"{40_000_000 + number:08d}"
    value = base + luhn.calc_check_digit(base)
    assert siren.is_valid(value)
    return value


def csv_bytes(rows, *, header=HEADER, delimiter=",", bom=False, encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode("utf-8") + buffer.getvalue().encode(encoding)


def organisation_row(number, name, **cells):
    row = {"type": "organisation", "registration_number": number, "name": name, "kind": "bank"} | cells
    return [row.get(column, "") for column in HEADER]


def service_row(number, title_fr, **cells):
    row = {"type": "service", "organisation_registration_number": number, "title_fr": title_fr} | cells
    return [row.get(column, "") for column in HEADER]


def five_organisations():
    """Lines 2-6: five organisations, the fourth (line 5) with a bad SIREN; lines 7-10: services."""
    return csv_bytes(
        [
            organisation_row(a_siren(1), "Banque du Centre", website="https://banque.example.org", departements="45"),
            organisation_row(a_siren(2), "Agence Innovation", kind="innovation_agency", departements="45 41"),
            organisation_row(a_siren(3), "Chambre de Commerce", kind="Chamber of commerce and industry"),
            organisation_row(BAD_SIREN, "Numéro faux"),
            organisation_row(a_siren(5), "Réseau Entreprendre", kind="business_network"),
            service_row(a_siren(1), "Prêt d'honneur", stages="creation growth", themes="financing-loans"),
            service_row(a_siren(2), "Diagnostic innovation", title_en="Innovation check", cost="on_quote"),
            service_row(a_siren(5), "", title_en="Mentoring", public="no"),
            service_row(BAD_SIREN, "Service orphelin"),
        ]
    )


@pytest.fixture
def themes(db):
    load_default_themes()


def upload(client, data, name="organisations.csv"):
    return client.post(reverse("members:organisation_import"), {"file": SimpleUploadedFile(name, data, "text/csv")})


def preview(client, data, name="organisations.csv"):
    response = upload(client, data, name)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("members:organisation_import_confirm")
    response = client.get(response["Location"])
    assert response.status_code == 200
    return response


def confirm(client, page):
    data = {"upload": page.context["upload"]["token"]} | {name: str(i) for name, i in page.context["hidden_mapping"]}
    return client.post(reverse("members:organisation_import_confirm"), data)


def actions(page):
    return [(row.line, row.type, row.action) for row in page.context["plan"].rows]


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- Happy path and re-import ---------------------------------------------------------------------------------------


def test_the_preview_lists_each_row_with_what_it_will_do_and_the_errors_by_line(manager_client, territories, themes):
    page = preview(manager_client, five_organisations())

    assert actions(page) == [
        (2, "organisation", "create"),
        (3, "organisation", "create"),
        (4, "organisation", "create"),
        (5, "organisation", "error"),
        (6, "organisation", "create"),
        (7, "service", "create"),
        (8, "service", "create"),
        (9, "service", "create"),
        (10, "service", "error"),
    ]
    bad = page.context["plan"].rows[3]
    assert bad.errors == [f"{BAD_SIREN} is not a valid SIREN: 9 digits whose last one is a check digit."]
    orphan = page.context["plan"].rows[8]
    assert orphan.errors == ["Its organisation (line 5) has errors, so this row is skipped too."]
    body = page.content.decode()
    assert "is not a valid SIREN" in body and '<td class="text-end">5</td>' in body
    assert '<th scope="col"' in body and "<caption>" in body
    assert page.context["summary"]["organisations_create"] == 4
    assert MemberOrganisation.objects.count() == 0  # nothing saved before the confirmation


def test_confirming_creates_the_valid_organisations_and_services_with_audit_entries(
    manager_client, network_manager, territories, themes
):
    page = preview(manager_client, five_organisations())

    response = confirm(manager_client, page)

    assert response.status_code == 302 and response["Location"] == reverse("members:organisation_list")
    assert MemberOrganisation.objects.count() == 4
    assert not MemberOrganisation.objects.filter(registration_number=BAD_SIREN).exists()
    bank = MemberOrganisation.objects.get(registration_number=a_siren(1))
    assert (bank.name, bank.slug, bank.kind, bank.website) == (
        "Banque du Centre",
        "banque-du-centre",
        "bank",
        "https://banque.example.org",
    )
    assert [territory.code for territory in bank.territories.all()] == ["45"]
    agency = MemberOrganisation.objects.get(registration_number=a_siren(2))
    assert sorted(agency.territories.values_list("code", flat=True)) == ["41", "45"]
    assert MemberOrganisation.objects.get(registration_number=a_siren(3)).kind == "chamber_commerce"
    loan = Service.objects.get(organisation=bank)
    assert (loan.title_fr, loan.stages, loan.cost, loan.is_public) == (
        "Prêt d'honneur",
        ["creation", "growth"],
        "free",
        True,
    )
    assert list(loan.themes.values_list("slug", flat=True)) == ["financing-loans"]
    assert Service.objects.get(organisation=agency).cost == "on_quote"
    mentoring = Service.objects.get(organisation__registration_number=a_siren(5))
    assert (mentoring.title_fr, mentoring.title_en, mentoring.is_public) == ("", "Mentoring", False)
    assert Service.objects.count() == 3
    entries = AuditEntry.objects.filter(action="import_create")
    assert entries.count() == 7 and {entry.actor_id for entry in entries} == {network_manager.pk}
    entry = entries.get(object_id=str(bank.pk), content_type__model="memberorganisation")
    assert entry.values["name"] == "Banque du Centre"  # public data, stored as it is
    assert entry.values["territories"] == [str(bank.territories.get().pk)]
    assert SESSION_KEY not in manager_client.session
    texts = message_texts(response)
    assert "Organisations: 4 created, 0 updated, 0 unchanged. Services: 3 created" in texts[0]
    assert texts[1] == "2 rows with errors were skipped."


def test_importing_the_same_file_again_changes_nothing_and_says_unchanged(manager_client, territories, themes):
    confirm(manager_client, preview(manager_client, five_organisations()))
    before = list(MemberOrganisation.objects.order_by("pk").values_list("pk", "updated_at"))
    services_before = list(Service.objects.order_by("pk").values_list("pk", "updated_at"))
    audit_count = AuditEntry.objects.count()

    page = preview(manager_client, five_organisations())

    assert {action for line, type_, action in actions(page) if line not in (5, 10)} == {"unchanged"}
    assert "Nothing to import" in page.content.decode()
    response = confirm(manager_client, page)
    assert response.status_code == 302
    assert message_texts(response)[0] == "Nothing changed: every valid row matches the portal already."
    assert list(MemberOrganisation.objects.order_by("pk").values_list("pk", "updated_at")) == before
    assert list(Service.objects.order_by("pk").values_list("pk", "updated_at")) == services_before
    assert AuditEntry.objects.count() == audit_count


def test_a_changed_cell_updates_only_that_field_and_an_empty_cell_keeps_the_value(manager_client, territories, themes):
    confirm(manager_client, preview(manager_client, five_organisations()))
    data = csv_bytes(
        [
            organisation_row(a_siren(1), "", kind="", website="https://new.example.org", departements="45"),
            service_row(a_siren(2), "Diagnostic innovation", title_en="Innovation review", cost="on_quote"),
        ]
    )

    page = preview(manager_client, data)

    assert actions(page) == [(2, "organisation", "update"), (3, "service", "update")]
    assert "Changes: Website" in page.content.decode()
    confirm(manager_client, page)
    bank = MemberOrganisation.objects.get(registration_number=a_siren(1))
    assert (bank.name, bank.kind, bank.website) == ("Banque du Centre", "bank", "https://new.example.org")
    assert Service.objects.get(title_fr="Diagnostic innovation").title_en == "Innovation review"
    update = AuditEntry.objects.get(action="import_update", object_id=str(bank.pk))
    assert update.changed_fields == ["website"] and update.values == {"website": "https://new.example.org"}


def test_rows_with_errors_are_reported_one_by_one(manager_client, territories, themes):
    data = csv_bytes(
        [
            organisation_row(a_siren(1), "First"),
            organisation_row(a_siren(1), "Same number"),
            organisation_row(
                a_siren(6), "Bad values", kind="spaceship", website="javascript:alert(1)", departements="99"
            ),
            organisation_row(a_siren(7), ""),
            service_row(a_siren(8), "Nobody's service"),
            service_row(a_siren(1), "Bad service", stages="teenage", themes="nonsense", cost="cheap", public="maybe"),
            ["planet", a_siren(9), "Wrong type"] + [""] * (len(HEADER) - 3),
        ]
    )

    rows = preview(manager_client, data).context["plan"].rows

    assert rows[0].action == "create"
    assert rows[1].errors == [f"The registration number {a_siren(1)} is already on line 2."]
    assert rows[2].errors == [
        "spaceship is not a kind of organisation.",
        "The website must be an address starting with http:// or https://.",
        "Unknown département codes: 99.",
    ]
    assert rows[3].errors == ["Name is missing: it is needed to create an organisation."]
    assert rows[4].errors == [
        f"No organisation has the registration number {a_siren(8)}, in the file or in the portal."
    ]
    assert rows[5].errors == [
        "cheap is not a cost: use free, paid or on_quote.",
        "“Shown on the public portal” must be yes or no.",
        "Unknown company stages: teenage (use idea, creation, growth, scale_up, transmission).",
        "Unknown themes: nonsense.",
    ]
    assert rows[6].errors == ["The row type must be “organisation” or “service”."]


# --- Encodings, delimiters, mapping ---------------------------------------------------------------------------------


def test_a_semicolon_file_with_a_bom_and_french_headers_is_mapped_and_read(manager_client, territories):
    header = ["Type", "N° SIREN", "Nom", "Catégorie", "Site web", "Départements"]
    rows = [["organisation", a_siren(1), "Banque du Centre", "bank or financier", "https://b.example.org", "18"]]

    page = preview(manager_client, csv_bytes(rows, header=header, delimiter=";", bom=True))

    form = page.context["form"]
    assert [form[name].value() for name in ("type", "registration_number", "name", "kind", "website")] == [
        "0",
        "1",
        "2",
        "3",
        "4",
    ]
    assert form["departements"].value() == "5" and not form["title_fr"].value()
    assert page.context["table"].headers[0] == "Type"  # the BOM is not part of the first header
    assert actions(page) == [(2, "organisation", "create")]
    assert "semicolons" in page.content.decode()
    confirm(manager_client, page)
    assert MemberOrganisation.objects.get().kind == "bank"


def test_the_manager_can_map_columns_with_other_names(manager_client, territories):
    header = ["Identifiant", "Raison", "Genre"]
    page = preview(manager_client, csv_bytes([[a_siren(1), "Banque", "bank"]], header=header))
    assert page.context["plan"] is None  # no column looks like a registration number
    assert "Choose the column holding the registration number" in page.content.decode()

    url = reverse("members:organisation_import_confirm")
    page = manager_client.get(url, {"registration_number": "0", "name": "1", "kind": "2"})

    assert page.status_code == 200
    assert actions(page) == [(2, "organisation", "create")]
    confirm(manager_client, page)
    assert MemberOrganisation.objects.get().name == "Banque"


def test_a_windows_1252_file_is_read_with_a_notice(manager_client, territories):
    data = csv_bytes([organisation_row(a_siren(1), "Chambre des Métiers")], encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")

    page = preview(manager_client, data)

    assert "it was read as Windows-1252" in page.content.decode()
    assert page.context["plan"].rows[0].label == "Chambre des Métiers"
    confirm(manager_client, page)
    assert MemberOrganisation.objects.get().name == "Chambre des Métiers"


def test_a_file_that_is_neither_utf8_nor_windows_1252_is_refused(manager_client):
    data = csv_bytes([organisation_row(a_siren(1), "Name")]) + b"\x81\xff\x8d"

    response = upload(manager_client, data)

    assert response.status_code == 400
    assert "The file is not UTF-8 text" in response.content.decode()
    assert SESSION_KEY not in manager_client.session


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("big.csv", b"a,b\n" + b"x" * MAX_BYTES, "The file is larger than 2 MB"),
        ("logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "Upload a CSV file (.csv)"),
        ("logo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "The file is not UTF-8 text"),
        ("rows.csv", b"registration_number,name\n" + b"1,x\n" * (MAX_ROWS + 1), "more than 2000 rows"),
        ("header.csv", b"registration_number,name\n\n", "no row below it"),
        ("empty.csv", b"", "The submitted file is empty."),
    ],
)
def test_an_oversized_or_unreadable_upload_is_refused_with_a_clear_error(manager_client, name, data, message):
    response = upload(manager_client, data, name)

    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body and message in body
    assert SESSION_KEY not in manager_client.session
    assert MemberOrganisation.objects.count() == 0


# --- The template ---------------------------------------------------------------------------------------------------


def test_the_template_downloads_as_a_utf8_csv_attachment_that_imports_as_it_is(manager_client, territories, themes):
    response = manager_client.get(reverse("members:organisation_import_template"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == "attachment; filename*=UTF-8''organisations-import-template.csv"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == list(COLUMN_NAMES)
    assert [row["type"] for row in rows] == ["organisation", "service"]
    assert siren.is_valid(rows[0]["registration_number"])

    page = preview(manager_client, response.content, "template.csv")
    assert actions(page) == [(2, "organisation", "create"), (3, "service", "create")]


# --- Access and bad input -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url_name", ["organisation_import", "organisation_import_template", "organisation_import_confirm"]
)
def test_an_office_manager_gets_403_with_an_explanation(client, office_manager, url_name):
    client.force_login(office_manager)

    response = client.get(reverse(f"members:{url_name}"))

    assert response.status_code == 403
    assert "Only network managers can import organisations." in response.content.decode()


def test_an_office_manager_cannot_upload_or_confirm(client, office_manager, territories):
    client.force_login(office_manager)

    assert upload(client, five_organisations()).status_code == 403
    assert client.post(reverse("members:organisation_import_confirm"), {"registration_number": "1"}).status_code == 403
    assert SESSION_KEY not in client.session
    assert MemberOrganisation.objects.count() == 0


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("members:organisation_import"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_upload_page_documents_the_columns(manager_client):
    response = manager_client.get(reverse("members:organisation_import"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "<code>organisation_registration_number</code>" in body and "An empty cell leaves" in body


def test_the_template_does_not_accept_post(manager_client):
    assert manager_client.post(reverse("members:organisation_import_template")).status_code == 405


def test_the_preview_without_an_upload_sends_back_to_the_upload_page(manager_client):
    response = manager_client.get(reverse("members:organisation_import_confirm"))
    assert response.status_code == 302 and response["Location"] == reverse("members:organisation_import")
    response = manager_client.post(reverse("members:organisation_import_confirm"), {"registration_number": "1"})
    assert response.status_code == 302
    assert MemberOrganisation.objects.count() == 0


@pytest.mark.parametrize(
    "junk",
    [
        {"registration_number": "99", "name": "-1"},
        {"registration_number": "\x00", "type": "<script>alert(1)</script>"},
        {"registration_number": "A" * 10_000, "kind": "' OR 1=1--"},
        {"registration_number": "1", "upload": "\u202egnp.exe"},
        {"registration_number": ""},
    ],
)
def test_junk_in_the_mapping_form_gives_errors_and_saves_nothing(manager_client, territories, junk):
    preview(manager_client, five_organisations())
    url = reverse("members:organisation_import_confirm")

    assert manager_client.get(url, junk).status_code in (
        200,
        400,
    )  # a preview never writes; the upload is checked on POST
    response = manager_client.post(url, junk)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert MemberOrganisation.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_a_stale_preview_cannot_import_a_file_uploaded_since(manager_client, territories):
    first = preview(manager_client, five_organisations())
    preview(manager_client, csv_bytes([organisation_row(a_siren(1), "Other")]))

    response = confirm(manager_client, first)

    assert response.status_code == 400
    assert "The uploaded file changed since this preview" in response.content.decode()
    assert MemberOrganisation.objects.count() == 0

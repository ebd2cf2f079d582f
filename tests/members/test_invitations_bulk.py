"""Invitations from a CSV file with a preview (issue "Members II", "Invitations and accounts")."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from members.invitations_bulk import MAX_BYTES, MAX_ROWS
from members.models import Invitation
from members.services import invitation_send
from members.views.manage_invitations import SESSION_KEY
from network.models import AuditEntry, OutboxMessage
from tests.factories import AffiliationFactory, ConventionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return ConventionFactory().organisation


@pytest.fixture
def referent(organisation):
    """A referent of ``organisation``, signed in."""
    user = AffiliationFactory(organisation=organisation, referent=True).advisor.user
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def csv_bytes(rows, *, header=("email", "role", "full_name"), delimiter=",", bom=False, encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode("utf-8") + buffer.getvalue().encode(encoding)


def people(count, start=0):
    return [[f"person{number}@example.org", "advisor", f"Person {number}"] for number in range(start, start + count)]


def upload_url(organisation):
    return reverse("members:invitation_import", args=[organisation.pk])


def preview_url(organisation):
    return reverse("members:invitation_import_confirm", args=[organisation.pk])


def upload(client, organisation, data, name="people.csv"):
    return client.post(upload_url(organisation), {"file": SimpleUploadedFile(name, data, "text/csv")})


def preview(client, organisation, data, name="people.csv"):
    response = upload(client, organisation, data, name)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == preview_url(organisation)
    page = client.get(preview_url(organisation))
    assert page.status_code == 200
    return page


def outcomes(page) -> list[tuple[int, str]]:
    """(line, outcome) of each row of the preview table."""
    return [(row.line, row.outcome) for row in page.context["plan"].rows]


def confirm(client, organisation):
    return client.post(preview_url(organisation), {"upload": client.session[SESSION_KEY]["token"]})


def pending(organisation):
    return Invitation.objects.filter(organisation=organisation, accepted_at__isnull=True, revoked_at__isnull=True)


# --- The preview ----------------------------------------------------------------------------------------------------


def test_the_preview_gives_each_row_its_outcome_and_the_counts(manager_client, network_manager, organisation):
    AffiliationFactory(organisation=organisation, advisor__user__email="already@example.org")
    invitation_send(
        organisation=organisation, email="waiting@example.org", role="advisor", by=network_manager, accept_url=str
    )
    rows = [
        ["new@example.org", "", "New Person"],  # line 2: advisor by default
        ["Already@Example.org", "advisor", ""],  # 3
        ["waiting@example.org", "referent", ""],  # 4
        ["not an address", "advisor", ""],  # 5
        ["NEW@example.org", "referent", ""],  # 6: the same address as line 2
        ["boss@example.org", "manager", ""],  # 7
        ["", "advisor", "Name without an address"],  # 8
        ["lea@example.org", "Référent", ""],  # 9: the French name of the role
    ]

    page = preview(manager_client, organisation, csv_bytes(rows))

    assert outcomes(page) == [
        (2, "invite"),
        (3, "member"),
        (4, "replace"),
        (5, "invalid_email"),
        (6, "duplicate"),
        (7, "unknown_role"),
        (8, "invalid_email"),
        (9, "invite"),
    ]
    plan = page.context["plan"]
    assert [row.role for row in plan.rows if row.sendable] == ["advisor", "referent", "referent"]
    assert page.context["summary"] == {"invite": 2, "replace": 1, "send": 3, "member": 1, "errors": 4, "rows": 8}
    body = page.content.decode()
    for text in (
        "2 people will be invited.",
        "1 pending invitation will be replaced by a new one.",
        "1 person already works for this organisation (skipped).",
        "4 rows with errors (skipped).",
        "Send 3 invitations",
        "The same address is already on line 2",
        "The email address is missing.",
        "Unknown role",
        "New Person",
    ):
        assert text in body, text
    assert Invitation.objects.count() == 1 and OutboxMessage.objects.count() == 1  # the preview sends nothing


def test_someone_with_an_account_elsewhere_is_invited_and_told_to_sign_in(manager_client, organisation):
    UserFactory(email="known@example.org")

    page = preview(manager_client, organisation, csv_bytes([["known@example.org", "advisor", ""]]))

    assert outcomes(page) == [(2, "invite")]
    assert "they sign in to accept" in page.content.decode()


def test_a_semicolon_file_with_a_bom_french_headers_and_no_role_column_is_read(manager_client, organisation):
    data = csv_bytes([["anne@example.org", "Anne"], ["paul@example.org", "Paul"]], header=("Courriel", "Nom"))
    data = "\ufeff".encode() + data.replace(b",", b";")

    page = preview(manager_client, organisation, data)

    assert outcomes(page) == [(2, "invite"), (3, "invite")]
    assert "columns separated by semicolons" in page.content.decode()


def test_a_windows_1252_file_is_read_with_a_notice(manager_client, organisation):
    data = csv_bytes([["helene@example.org", "advisor", "Hélène Süß"]], encoding="cp1252")

    page = preview(manager_client, organisation, data)

    body = page.content.decode()
    assert "Hélène Süß" in body and "it was read as Windows-1252" in body


def test_html_in_cells_is_shown_escaped(manager_client, organisation):
    payload = "<script>alert(1)</script>"
    data = csv_bytes([[f"{payload}@example.org", payload, payload], ["ok@example.org", "advisor", payload]])

    page = preview(manager_client, organisation, data)

    body = page.content.decode()
    assert payload not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert outcomes(page) == [(2, "invalid_email"), (3, "invite")]


def test_the_preview_query_count_does_not_grow_with_rows(manager_client, organisation, django_assert_max_num_queries):
    for number in range(3):
        AffiliationFactory(organisation=organisation, advisor__user__email=f"person{number}@example.org")

    def count_queries(rows):
        preview(manager_client, organisation, csv_bytes(rows))
        with CaptureQueriesContext(connection) as queries:
            assert manager_client.get(preview_url(organisation)).status_code == 200
        return len(queries)

    few = count_queries(people(5))
    many = count_queries(people(MAX_ROWS))
    assert many == few
    with django_assert_max_num_queries(12):
        manager_client.get(preview_url(organisation))


# --- Confirming -----------------------------------------------------------------------------------------------------


def test_confirming_sends_every_valid_invitation_in_one_go(manager_client, organisation):
    rows = [*people(3), ["bad address", "advisor", ""], ["lead@example.org", "referent", "Lead"]]
    preview(manager_client, organisation, csv_bytes(rows))

    response = confirm(manager_client, organisation)

    assert response.status_code == 302
    assert response["Location"] == reverse("members:organisation_detail", args=[organisation.pk])
    invitations = pending(organisation).order_by("email")
    assert [(i.email, i.role) for i in invitations] == [
        ("lead@example.org", "referent"),
        ("person0@example.org", "advisor"),
        ("person1@example.org", "advisor"),
        ("person2@example.org", "advisor"),
    ]
    assert OutboxMessage.objects.count() == 4
    assert sorted(message.to[0] for message in OutboxMessage.objects.all()) == [i.email for i in invitations]
    assert "/accounts/invitation/" in OutboxMessage.objects.first().body_text
    assert AuditEntry.objects.filter(action="invite").count() == 4
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert "4 invitations are on their way. Each link works for 7 days." in messages
    assert "1 row was skipped (already a member, or an error shown in the preview)." in messages
    assert SESSION_KEY not in manager_client.session
    page = manager_client.get(response["Location"]).content.decode()
    assert "lead@example.org" in page  # listed among the pending invitations


def test_uploading_the_same_file_again_replaces_the_pending_invitations_instead_of_doubling_them(
    manager_client, organisation
):
    data = csv_bytes(people(3))
    preview(manager_client, organisation, data)
    confirm(manager_client, organisation)
    first_ids = set(pending(organisation).values_list("pk", flat=True))

    page = preview(manager_client, organisation, data)
    assert outcomes(page) == [(2, "replace"), (3, "replace"), (4, "replace")]
    confirm(manager_client, organisation)

    assert pending(organisation).count() == 3
    assert not first_ids & set(pending(organisation).values_list("pk", flat=True))
    assert Invitation.objects.filter(pk__in=first_ids, revoked_at__isnull=False).count() == 3
    assert OutboxMessage.objects.count() == 6  # each person has a new link; the old one no longer works


def test_a_file_with_nobody_to_invite_sends_nothing(manager_client, organisation):
    AffiliationFactory(organisation=organisation, advisor__user__email="already@example.org")
    page = preview(manager_client, organisation, csv_bytes([["already@example.org", "", ""], ["x", "", ""]]))
    assert "Nobody to invite in this file." in page.content.decode()

    response = confirm(manager_client, organisation)

    assert response.status_code == 302 and response["Location"] == preview_url(organisation)
    assert not Invitation.objects.exists() and not OutboxMessage.objects.exists()


def test_someone_who_joined_since_the_preview_is_not_invited_again(manager_client, organisation):
    preview(manager_client, organisation, csv_bytes(people(2)))
    AffiliationFactory(organisation=organisation, advisor__user__email="person1@example.org")

    confirm(manager_client, organisation)

    assert list(pending(organisation).values_list("email", flat=True)) == ["person0@example.org"]


def test_a_stale_confirmation_sends_nothing_and_shows_the_preview_again(manager_client, organisation):
    preview(manager_client, organisation, csv_bytes(people(2)))

    response = manager_client.post(preview_url(organisation), {"upload": "an-older-upload"})

    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body and "The uploaded file changed since this preview" in body
    assert not Invitation.objects.exists()


def test_the_preview_without_an_upload_sends_back_to_the_upload_page(manager_client, organisation):
    assert manager_client.get(preview_url(organisation))["Location"] == upload_url(organisation)
    response = manager_client.post(preview_url(organisation), {"upload": "anything"})
    assert response.status_code == 302 and response["Location"] == upload_url(organisation)
    assert not Invitation.objects.exists()


def test_an_upload_for_one_organisation_cannot_be_confirmed_for_another(manager_client, organisation):
    other = ConventionFactory().organisation
    preview(manager_client, organisation, csv_bytes(people(2)))
    token = manager_client.session[SESSION_KEY]["token"]

    response = manager_client.post(preview_url(other), {"upload": token})

    assert response.status_code == 302 and response["Location"] == upload_url(other)
    assert not Invitation.objects.exists()


# --- Referents ------------------------------------------------------------------------------------------------------


def test_a_referent_invites_several_colleagues_to_their_own_organisation(referent, organisation):
    detail = referent.get(reverse("members:organisation_detail", args=[organisation.pk])).content.decode()
    assert upload_url(organisation) in detail and "Invite several people (CSV)" in detail

    preview(referent, organisation, csv_bytes(people(2)))
    assert confirm(referent, organisation).status_code == 302

    assert pending(organisation).count() == 2 and OutboxMessage.objects.count() == 2


def test_a_referent_cannot_reach_another_organisation_even_with_an_upload_in_hand(referent, organisation):
    other = ConventionFactory().organisation
    preview(referent, organisation, csv_bytes(people(2)))
    token = referent.session[SESSION_KEY]["token"]
    for url in (upload_url(other), preview_url(other), reverse("members:invitation_import_template", args=[other.pk])):
        assert referent.get(url).status_code == 404, url

    assert upload(referent, other, csv_bytes(people(2))).status_code == 404
    assert referent.post(preview_url(other), {"upload": token}).status_code == 404
    # A session edited to point at the other organisation is refused the same way.
    session = referent.session
    session[SESSION_KEY]["organisation"] = other.pk
    session.save()
    assert referent.post(preview_url(other), {"upload": token}).status_code == 404
    assert referent.post(preview_url(organisation), {"upload": token}).status_code == 302  # back to the upload

    assert not Invitation.objects.exists() and not OutboxMessage.objects.exists()


def test_a_plain_advisor_and_an_office_manager_are_refused(client, organisation, office_manager):
    advisor = AffiliationFactory(organisation=organisation).advisor.user
    for person in (advisor, office_manager):
        client.force_login(person)
        assert client.get(upload_url(organisation)).status_code == 403
        assert upload(client, organisation, csv_bytes(people(1))).status_code == 403
    assert not Invitation.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, organisation):
    response = client.get(upload_url(organisation))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# --- The upload page and the template --------------------------------------------------------------------------------


def test_the_upload_page_explains_the_columns_and_links_the_template(manager_client, organisation):
    body = manager_client.get(upload_url(organisation)).content.decode()
    assert "<code>email</code>" in body and "<code>role</code>" in body and "<code>full_name</code>" in body
    assert reverse("members:invitation_import_template", args=[organisation.pk]) in body


def test_the_template_downloads_as_a_csv_that_previews_as_it_is(manager_client, organisation):
    response = manager_client.get(reverse("members:invitation_import_template", args=[organisation.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == "attachment; filename*=UTF-8''invitations-template.csv"
    assert response.content.startswith("\ufeff".encode())
    page = preview(manager_client, organisation, response.content, "template.csv")
    assert outcomes(page) == [(2, "invite"), (3, "invite")]


def test_the_template_does_not_accept_post(manager_client, organisation):
    url = reverse("members:invitation_import_template", args=[organisation.pk])
    assert manager_client.post(url).status_code == 405


# --- Bad files ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.csv", b"", "The submitted file is empty."),
        ("blank.csv", b"\r\n\r\n", "The file is empty."),
        ("header.csv", b"email,role\r\n", "no row below it"),
        ("binary.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "The file is not UTF-8 text"),
        ("latin.csv", b"email\r\nx@example.org\x81\x8d\r\n", "The file is not UTF-8 text"),
        ("photo.png", b"email\r\nx@example.org\r\n", "Upload a CSV file (.csv)"),
        ("big.csv", b"email\r\n" + b"x" * (2 * 1024 * 1024), "The file is larger than 1 MB"),
        ("rows.csv", csv_bytes(people(1000)), f"more than {MAX_ROWS} rows"),
        ("columns.csv", csv_bytes([["Anne", "advisor"]], header=("name", "role")), "no “email” column"),
        ("headless.csv", b"anne@example.org,advisor\r\npaul@example.org,advisor\r\n", "it holds an address"),
        # an opening quote never closed: the rest of the file becomes one cell, too long for the CSV reader
        ("quote.csv", b'email\r\n"x@example.org\r\n' + b"y@example.org\r\n" * 12_000, "not a readable CSV file"),
    ],
)
def test_an_unusable_file_is_refused_with_a_clear_message(manager_client, organisation, name, data, message):
    response = upload(manager_client, organisation, data, name)

    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body and message in body
    assert SESSION_KEY not in manager_client.session
    assert not Invitation.objects.exists()


def test_a_file_at_the_limits_is_accepted(manager_client, organisation):
    data = csv_bytes(people(MAX_ROWS))
    assert len(data) < MAX_BYTES

    page = preview(manager_client, organisation, data)

    assert page.context["summary"]["invite"] == MAX_ROWS
    confirm(manager_client, organisation)
    assert pending(organisation).count() == MAX_ROWS


def test_an_upload_without_a_file_is_refused(manager_client, organisation):
    response = manager_client.post(upload_url(organisation), {"file": "not a file"})
    assert response.status_code == 400 and "There is a problem" in response.content.decode()


def test_an_expired_invitation_is_not_counted_as_pending(manager_client, network_manager, organisation):
    old = invitation_send(
        organisation=organisation, email="late@example.org", role="advisor", by=network_manager, accept_url=str
    )
    Invitation.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(days=1))

    page = preview(manager_client, organisation, csv_bytes([["late@example.org", "", ""]]))

    assert outcomes(page) == [(2, "invite")]

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from members.models import Convention, MemberOrganisation, OrganisationStatus, Service
from members.services import convention_send_reminders
from network.models import AuditEntry, Network, OutboxMessage, Territory
from network.themes import load_default_themes
from tests.factories import ConventionFactory, MemberOrganisationFactory, ServiceFactory, siren_from

pytestmark = pytest.mark.django_db

LIST = reverse("members:organisation_list")
CREATE = reverse("members:organisation_create")


def today():
    return timezone.localdate()


def organisation_data(**overrides):
    data = {"name": "Agence Test", "slug": "", "kind": "innovation_agency", "registration_number": "732 829 320"}
    data.update(overrides)
    return data


def public_url(organisation, language="en"):
    with translation.override(language):
        return reverse("members_public:organisation_detail", kwargs={"slug": organisation.slug})


# --- Status ---------------------------------------------------------------------------------------------------------


def test_the_status_follows_the_conventions_dates():
    cases = {
        "active": ConventionFactory().organisation,
        "expiring": ConventionFactory(expiring=True).organisation,
        "lapsed": ConventionFactory(lapsed=True).organisation,
        "draft": ConventionFactory(draft=True).organisation,
        "scheduled": ConventionFactory(
            valid_from=today() + timedelta(days=10), valid_until=today() + timedelta(days=1000)
        ).organisation,
        "none": MemberOrganisationFactory(),
    }
    statuses = dict(MemberOrganisation.objects.with_status().values_list("pk", "convention_status"))
    assert {status: statuses[organisation.pk] for status, organisation in cases.items()} == {
        status: status for status in cases
    }
    assert set(cases) == set(OrganisationStatus.values)


def test_a_renewal_keeps_the_history_and_the_organisation_active():
    old = ConventionFactory(lapsed=True, version=1)
    ConventionFactory(organisation=old.organisation, version=2)
    organisation = MemberOrganisation.objects.with_status().get(pk=old.organisation.pk)
    assert organisation.convention_status == "active"
    assert old.organisation.conventions.count() == 2 and Convention.objects.get(pk=old.pk).status == "lapsed"


def test_expiring_conventions_are_still_in_force_on_the_public_portal(client):
    organisation = ConventionFactory(expiring=True).organisation
    assert client.get(public_url(organisation)).status_code == 200


def test_a_lapsed_or_unpublished_organisation_answers_404_with_its_services(client):
    lapsed = ConventionFactory(lapsed=True).organisation
    hidden = ConventionFactory(organisation=MemberOrganisationFactory(is_published=False)).organisation
    for organisation in (lapsed, hidden):
        assert client.get(public_url(organisation)).status_code == 404
    listing = client.get(reverse("members_public:organisation_list")).content.decode()
    assert lapsed.name not in listing and hidden.name not in listing


def test_an_organisation_lapses_the_day_after_its_convention_ends(client):
    convention = ConventionFactory(valid_until=today() + timedelta(days=3))
    url = public_url(convention.organisation)
    assert client.get(url).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        assert client.get(url).status_code == 404


# --- Public directory -----------------------------------------------------------------------------------------------


def test_the_public_page_shows_public_services_only_and_escapes_html(client):
    convention = ConventionFactory(organisation=MemberOrganisationFactory(description_en="<b>bold</b> & co"))
    organisation = convention.organisation
    ServiceFactory(organisation=organisation, title_en="Open service", title_fr="Service ouvert")
    ServiceFactory(organisation=organisation, title_en="Members service", is_public=False)
    ServiceFactory(organisation=organisation, title_en="Old service", ends_on=today() - timedelta(days=1))
    body = client.get(public_url(organisation)).content.decode()
    assert "Open service" in body and "Members service" not in body and "Old service" not in body
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in body


def test_the_directory_filters_by_kind_and_paginates(client):
    for index in range(30):
        ConventionFactory(organisation=MemberOrganisationFactory(name=f"Bank {index:02}", kind="bank"))
    ConventionFactory(organisation=MemberOrganisationFactory(name="Only University", kind="university"))
    body = client.get(reverse("members_public:organisation_list"), {"kind": "university"}).content.decode()
    assert "Only University" in body and "Bank 00" not in body
    page_two = client.get(reverse("members_public:organisation_list"), {"page": 2}).content.decode()
    assert "Page 2 of 2" in page_two


# --- Management: list, filters, export -----------------------------------------------------------------------------


def test_the_list_filters_in_the_query_string(manager_client, territories):
    load_default_themes()
    loiret = Territory.objects.get(level="departement", code="45")
    bank = ConventionFactory(organisation=MemberOrganisationFactory(name="Crédit Régional", kind="bank")).organisation
    bank.territories.add(loiret)
    bank.themes.add(*__import__("network.models", fromlist=["Theme"]).Theme.objects.filter(slug="financing-loans"))
    lapsed = ConventionFactory(lapsed=True, organisation=MemberOrganisationFactory(name="Old Chamber")).organisation

    def names(**params):
        return manager_client.get(LIST, params).content.decode()

    assert "Crédit Régional" in names(kind="bank") and "Old Chamber" not in names(kind="bank")
    assert "Crédit Régional" in names(departement="45") and "Old Chamber" not in names(departement="45")
    assert "Old Chamber" in names(status="lapsed") and "Crédit Régional" not in names(status="lapsed")
    assert "Crédit Régional" in names(theme="financing") and "Old Chamber" not in names(theme="financing")
    assert "Crédit Régional" in names(q="credit regional")  # accents and case do not matter
    assert "Crédit Régional" in names(q=bank.registration_number[:3] + " " + bank.registration_number[3:])
    assert lapsed.name in names()


def test_an_invalid_filter_value_is_ignored_without_error(manager_client):
    response = manager_client.get(LIST, {"kind": "spaceship", "status": "x", "departement": "99", "page": "abc"})
    assert response.status_code == 200


def test_the_list_query_count_does_not_grow_with_rows(manager_client, django_assert_max_num_queries):
    for _ in range(3):
        ConventionFactory()
    with django_assert_max_num_queries(12) as small:
        assert manager_client.get(LIST).status_code == 200
    added = [ServiceFactory(organisation=ConventionFactory().organisation) for _ in range(25)]
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = manager_client.get(LIST)
    assert response.status_code == 200
    assert added[0].organisation.name in response.content.decode()


def test_the_detail_query_count_does_not_grow_with_services(manager_client, django_assert_max_num_queries):
    organisation = ConventionFactory().organisation
    ServiceFactory(organisation=organisation)
    url = reverse("members:organisation_detail", args=[organisation.pk])
    with django_assert_max_num_queries(20) as small:
        assert manager_client.get(url).status_code == 200
    services = ServiceFactory.create_batch(20, organisation=organisation)
    ConventionFactory(organisation=organisation)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = manager_client.get(url)
    assert response.status_code == 200
    assert services[-1].title_en in response.content.decode()


def test_the_export_opens_in_a_spreadsheet_with_accents_and_no_formulas(manager_client):
    ConventionFactory(organisation=MemberOrganisationFactory(name='=HYPERLINK("http://evil")', kind="bank"))
    ConventionFactory(organisation=MemberOrganisationFactory(name="Chambre des Métiers", kind="chamber_trades"))
    response = manager_client.get(reverse("members:organisation_export"), {"kind": "bank"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''organisations-")
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert len(rows) == 2 and rows[1][0] == '\'=HYPERLINK("http://evil")'
    everything = manager_client.get(reverse("members:organisation_export")).content.decode("utf-8")
    assert "Chambre des Métiers" in everything


def test_office_managers_read_but_cannot_change(client, office_manager):
    organisation = ConventionFactory().organisation
    client.force_login(office_manager)
    assert client.get(LIST).status_code == 200
    detail = client.get(reverse("members:organisation_detail", args=[organisation.pk]))
    assert detail.status_code == 200 and reverse("members:organisation_edit", args=[organisation.pk]) not in (
        detail.content.decode()
    )
    assert client.get(reverse("members:organisation_edit", args=[organisation.pk])).status_code == 403
    assert client.post(CREATE, organisation_data()).status_code == 403
    assert not MemberOrganisation.objects.filter(name="Agence Test").exists()


# --- Management: create and edit ------------------------------------------------------------------------------------


def test_a_network_manager_creates_an_organisation_audited(manager_client, network_manager):
    response = manager_client.post(CREATE, organisation_data(website="https://agence.example"))
    organisation = MemberOrganisation.objects.get()
    assert response.status_code == 302 and organisation.slug == "agence-test"
    assert organisation.registration_number == "732829320"
    entry = AuditEntry.objects.get()
    assert entry.action == "create" and entry.actor_id == network_manager.pk and entry.values["name"] == "Agence Test"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"registration_number": "732 829 321"}, "is not a valid SIREN"),
        ({"registration_number": "12345"}, "is not a valid SIREN"),
        ({"website": "javascript:alert(1)"}, "starting with http"),
        ({"website": "data:text/html,hi"}, "starting with http"),
        ({"kind": "spaceship"}, "Select a valid choice"),
        ({"name": ""}, "This field is required"),
    ],
)
def test_bad_organisation_data_is_refused_with_a_clear_message(manager_client, overrides, message):
    response = manager_client.post(CREATE, organisation_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MemberOrganisation.objects.exists()


def test_a_duplicate_registration_number_names_the_other_organisation(manager_client):
    MemberOrganisationFactory(name="First One", registration_number="732829320")
    response = manager_client.post(CREATE, organisation_data(registration_number="732.829.320"))
    assert response.status_code == 400 and "already the registration number of First One" in response.content.decode()


def test_uk_company_numbers_are_checked_by_format_when_the_network_is_british(manager_client, network):
    Network.objects.filter(id=1).update(country="GB")
    from django.core.cache import cache

    cache.clear()
    assert manager_client.post(CREATE, organisation_data(registration_number="SC123456")).status_code == 302
    response = manager_client.post(CREATE, organisation_data(name="Other", registration_number="1234"))
    assert response.status_code == 400 and "UK company number" in response.content.decode()


def test_an_svg_or_oversized_logo_is_refused_and_the_profile_kept(manager_client):
    organisation = MemberOrganisationFactory(name="Keep Me")
    url = reverse("members:organisation_edit", args=[organisation.pk])
    svg = SimpleUploadedFile("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/svg+xml")
    data = organisation_data(name="Changed", registration_number=organisation.registration_number)
    response = manager_client.post(url, {**data, "logo": svg})
    assert response.status_code == 400
    big = SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * (2 * 1024 * 1024), content_type="image/png")
    assert manager_client.post(url, {**data, "logo": big}).status_code == 400
    organisation.refresh_from_db()
    assert organisation.name == "Keep Me" and not organisation.logo


def test_unpublishing_hides_the_organisation_and_is_audited(manager_client, client):
    organisation = ConventionFactory().organisation
    manager_client.post(reverse("members:organisation_publication", args=[organisation.pk]), {"publish": "0"})
    assert client.get(public_url(organisation)).status_code == 404
    assert AuditEntry.objects.filter(action="unpublish").count() == 1
    manager_client.post(reverse("members:organisation_publication", args=[organisation.pk]), {"publish": "1"})
    assert client.get(public_url(organisation)).status_code == 200


# --- Services -------------------------------------------------------------------------------------------------------


def test_a_service_is_added_with_its_stages_and_themes(manager_client):
    load_default_themes()
    from network.models import Theme

    organisation = MemberOrganisationFactory()
    theme = Theme.objects.get(slug="export-markets")
    response = manager_client.post(
        reverse("members:service_create", args=[organisation.pk]),
        {
            "title_fr": "Prêt export",
            "stages": ["growth", "scale_up"],
            "themes": [theme.pk],
            "cost": "free",
            "is_public": "on",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    service = Service.objects.get()
    assert service.stages == ["growth", "scale_up"] and list(service.themes.all()) == [theme]
    assert AuditEntry.objects.filter(action="create", object_id=str(service.pk)).exists()


def test_a_service_needs_a_title_and_dates_in_order(manager_client):
    organisation = MemberOrganisationFactory()
    response = manager_client.post(
        reverse("members:service_create", args=[organisation.pk]),
        {"cost": "free", "starts_on": "2026-05-01", "ends_on": "2026-04-01"},
    )
    body = response.content.decode()
    assert response.status_code == 400 and "Give the service a title" in body and "comes before the start" in body
    assert not Service.objects.exists()


# --- Conventions ----------------------------------------------------------------------------------------------------


def convention_data(**overrides):
    data = {
        "signatory_name": "Alex Durand",
        "signatory_role": "Président",
        "signed_on": "2026-01-10",
        "valid_from": "2026-01-10",
        "valid_until": "2029-01-09",
        "pdf": SimpleUploadedFile("../../convention.pdf", b"%PDF-1.7\nsigned", content_type="application/pdf"),
    }
    data.update(overrides)
    return data


def test_a_convention_is_recorded_with_its_pdf_under_a_generated_name(manager_client):
    organisation = MemberOrganisationFactory()
    response = manager_client.post(reverse("members:convention_create", args=[organisation.pk]), convention_data())
    assert response.status_code == 302
    convention = Convention.objects.get()
    assert convention.version == 1 and convention.pdf.name.startswith("private/conventions/")
    assert ".." not in convention.pdf.name and "convention.pdf" not in convention.pdf.name
    renewal = convention_data(valid_from="2029-01-10", valid_until="2032-01-09")
    manager_client.post(reverse("members:convention_create", args=[organisation.pk]), renewal)
    assert list(organisation.conventions.values_list("version", flat=True).order_by("version")) == [1, 2]


@pytest.mark.parametrize(
    ("pdf", "message"),
    [
        (SimpleUploadedFile("c.pdf", b"<html><script>x</script>", content_type="application/pdf"), "not a PDF"),
        (SimpleUploadedFile("c.exe", b"%PDF-1.7", content_type="application/pdf"), "as a PDF file"),
        (SimpleUploadedFile("c.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1)), "too large"),
    ],
)
def test_a_convention_file_that_is_not_a_small_pdf_is_refused(manager_client, pdf, message):
    organisation = MemberOrganisationFactory()
    response = manager_client.post(
        reverse("members:convention_create", args=[organisation.pk]), convention_data(pdf=pdf)
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not Convention.objects.exists()


def test_a_signed_convention_needs_its_pdf_but_a_draft_does_not(manager_client):
    organisation = MemberOrganisationFactory()
    url = reverse("members:convention_create", args=[organisation.pk])
    assert manager_client.post(url, convention_data(pdf="")).status_code == 400
    assert manager_client.post(url, convention_data(pdf="", signed_on="")).status_code == 302
    assert Convention.objects.get().status == "draft"


def test_the_signed_pdf_is_downloaded_safely_and_only_by_network_managers(manager_client, client, office_manager):
    convention = ConventionFactory(with_pdf=True)
    url = reverse("members:convention_pdf", args=[convention.pk])
    response = manager_client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Disposition"] == (
        f"attachment; filename*=UTF-8''convention-{convention.organisation.slug}-v{convention.version}.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    client.force_login(office_manager)
    assert client.get(url).status_code == 403


# --- Reminders ------------------------------------------------------------------------------------------------------


def test_reminders_go_60_and_30_days_before_expiry_once_each(network_manager):
    convention = ConventionFactory(valid_until=today() + timedelta(days=60))
    assert convention_send_reminders() == 1
    assert convention_send_reminders() == 0  # the same day again: nothing new
    message = OutboxMessage.objects.get()
    assert message.to == [network_manager.email] and convention.organisation.name in message.subject
    assert convention_send_reminders(today=today() + timedelta(days=30)) == 1
    assert convention_send_reminders(today=today() + timedelta(days=31)) == 0
    assert OutboxMessage.objects.count() == 2


def test_a_renewed_convention_gets_no_reminder(network_manager):
    old = ConventionFactory(expiring=True, version=1)
    ConventionFactory(
        organisation=old.organisation,
        version=2,
        valid_from=old.valid_until + timedelta(days=1),
        valid_until=old.valid_until + timedelta(days=1000),
    )
    assert convention_send_reminders() == 0


def test_the_reminder_task_runs_through_celery(network_manager):
    from members.tasks import send_convention_reminders

    ConventionFactory(expiring=True)
    assert send_convention_reminders() == 1


def test_siren_helper_makes_valid_numbers():
    from stdnum.fr import siren

    assert all(siren.is_valid(siren_from(n)) for n in range(50))


def test_expiry_reminders_also_go_to_the_organisations_referents(network_manager):
    from tests.factories import AffiliationFactory

    convention = ConventionFactory(expiring=True)
    referent = AffiliationFactory(organisation=convention.organisation, referent=True).advisor.user
    AffiliationFactory(organisation=convention.organisation)  # a plain advisor is not told
    convention_send_reminders()
    assert sorted(OutboxMessage.objects.get().to) == sorted([network_manager.email, referent.email])

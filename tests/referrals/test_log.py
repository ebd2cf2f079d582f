"""Fast entry of a contact: the company lookup, a company created inline, the interaction in one form, the
"already in contact" warning, double submits and failures (RE-1, RE-2), bad input (IN-1, IN-3), the gate (AZ-5)."""

import html
import re
import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from stdnum import luhn

from members.models import MemberOrganisation
from network.models import AuditEntry, Territory, Theme
from referrals import services
from referrals.models import Company, Interaction
from referrals.views import log as views_log
from tests.factories import (
    AffiliationFactory,
    CompanyContactFactory,
    CompanyFactory,
    ConventionFactory,
    ServiceFactory,
    UserFactory,
    siren_from,
)

pytestmark = pytest.mark.django_db

LOG = reverse("referrals:contact_log")
LOOKUP = reverse("referrals:company_lookup")
HTMX = {"HX-Request": "true"}
SIREN = "443061841"
PAYLOAD = "<img src=x onerror=alert(1)>\"'"


def siret_of(siren: str, establishment: str = "0004") -> str:
    body = siren + establishment
    return body + luhn.calc_check_digit(body)


def client_for(user) -> Client:
    client = Client(headers={"accept-language": "en"})
    if user is not None:
        client.force_login(user)
    return client


def organisation_of(user) -> MemberOrganisation:
    return user.advisor.affiliations.get(ended_on__isnull=True).organisation


def form_data(**fields) -> dict:
    """A complete post of the fast-entry form: a fresh submission key, today, a meeting."""
    data = {
        "submission_key": str(uuid.uuid4()),
        "q": "",
        "company": "",
        "occurred_on": timezone.localdate().isoformat(),
        "channel": "meeting",
        "summary": "Discussed an export loan.",
        "minutes": "45",
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}


def logged(user, company, *, days_ago=3, confidential=False, summary="Met the manager"):
    return Interaction.objects.create(
        company=company,
        advisor=user.advisor,
        organisation=organisation_of(user),
        occurred_on=timezone.localdate() - timedelta(days=days_ago),
        is_confidential=confidential,
        summary=summary,
    )


def text(response) -> str:
    return html.unescape(response.content.decode())


def choice_values(body: str) -> list[str]:
    return re.findall(r'name="company" value="([^"]+)"', body)


@pytest.fixture
def organisations(db):
    return ConventionFactory(organisation__name="CCI Touraine").organisation, ConventionFactory(
        organisation__name="Initiative Loiret"
    ).organisation


@pytest.fixture
def advisor_a(gated_advisor, organisations):
    return gated_advisor(organisation=organisations[0])


@pytest.fixture
def advisor_b(gated_advisor, organisations):
    user = gated_advisor(organisation=organisations[1])
    user.full_name = "Bruno Marchal"
    user.save()
    return user


@pytest.fixture
def client_a(advisor_a):
    return client_for(advisor_a)


# --- The page --------------------------------------------------------------------------------------------------


def test_the_page_offers_the_lookup_and_every_field_with_a_fresh_submission_key(client_a):
    Theme.objects.create(slug="export", name_en="Export", name_fr="Export")
    ServiceFactory(organisation=ConventionFactory().organisation, title_en="Export loans")
    first, second = client_a.get(LOG), client_a.get(LOG)
    assert first.status_code == 200
    body = first.content.decode()
    for name in ("q", "occurred_on", "channel", "summary", "minutes", "is_confidential", "themes", "services"):
        assert f'name="{name}"' in body, name
    assert f'value="{timezone.localdate().isoformat()}"' in body  # the date defaults to today
    keys = [re.search(r'name="submission_key" value="([^"]+)"', r.content.decode())[1] for r in (first, second)]
    assert keys[0] != keys[1] and uuid.UUID(keys[0])
    assert 'name="organisation" value="' in body  # one organisation: chosen for the advisor, hidden


def test_the_company_page_button_preselects_the_company_and_its_people(client_a):
    record = CompanyFactory(name="Boulangerie Dupain")
    CompanyContactFactory(company=record, full_name="Jeanne Dupain", job_title="Gérante")
    body = client_a.get(LOG, {"company": record.pk}).content.decode()
    assert re.search(rf'value="{record.pk}"[^>]* checked', body)
    assert "Jeanne Dupain" in body and 'name="contacts"' in body


def test_a_merged_record_in_the_link_preselects_the_record_it_was_merged_into(client_a):
    live = CompanyFactory(name="Durand SAS")
    old = CompanyFactory(name="Durand", merged_into=live)
    body = client_a.get(LOG, {"company": old.pk}).content.decode()
    assert choice_values(body) == [str(live.pk)]


@pytest.mark.parametrize("value", ["abc", "99999999999999999999999", "987654", "-1"])
def test_a_wrong_company_in_the_link_preselects_nothing(client_a, value):
    response = client_a.get(LOG, {"company": value})
    assert response.status_code == 200 and choice_values(response.content.decode()) == []


def test_wrong_method_anonymous_and_gate(client_a, advisor_a):
    assert client_a.put(LOG).status_code == 405
    anonymous = client_for(None).get(LOG)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    for url in (LOOKUP, reverse("referrals:already_in_contact", args=[CompanyFactory().pk])):
        assert client_for(None).get(url).status_code == 302
        assert client_a.post(url).status_code == 405


def test_an_advisor_without_a_countersigned_code_gets_an_explanation_and_logs_nothing(organisations, gated_advisor):
    gated_advisor(organisation=organisations[0])  # publishes the code of conduct
    unsigned = AffiliationFactory(organisation=organisations[0]).advisor.user
    client = client_for(unsigned)
    page = client.get(LOG)
    assert page.status_code == 403
    assert "Sign the current version of the code of conduct" in page.content.decode()
    posted = client.post(LOG, form_data(company="new", new_number=SIREN, new_name="Durand SAS"))
    assert posted.status_code == 403
    assert not Company.objects.exists() and not Interaction.objects.exists()


def test_network_staff_without_an_organisation_read_but_cannot_log(network_manager):
    client = client_for(network_manager)
    page = client.get(LOG)
    assert page.status_code == 403
    assert "the network team's accounts read the records but log nothing" in text(page)
    assert client.post(LOG, form_data(company="new", new_number=SIREN, new_name="X")).status_code == 403
    assert not Company.objects.exists()


# --- The lookup --------------------------------------------------------------------------------------------------


def test_a_company_created_from_a_number_with_spaces_is_found_however_the_number_is_typed(client_a, advisor_a):
    response = client_a.post(LOG, form_data(q="443 061 841", company="new", new_name="Durand SAS"))
    record = Company.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "referrals:company_detail", args=[record.pk]
    )
    assert record.registration_number == SIREN and record.name == "Durand SAS" and record.created_by == advisor_a
    interaction = Interaction.objects.get()
    assert interaction.company == record and interaction.advisor == advisor_a.advisor
    assert interaction.organisation == organisation_of(advisor_a) and interaction.minutes == 45
    assert AuditEntry.objects.filter(content_type__model="company", object_id=str(record.pk)).exists()
    assert AuditEntry.objects.filter(content_type__model="interaction", object_id=str(interaction.pk)).exists()
    assert "Durand SAS is now in the network's records" in text(client_a.get(response["Location"]))

    for typed in ("443061841", "443.061.841", "443-061-841", siret_of(SIREN)):
        fragment = client_a.get(LOOKUP, {"q": typed}, headers=HTMX)
        assert fragment.status_code == 200, typed
        assert choice_values(fragment.content.decode()) == [str(record.pk)], typed


def test_a_siret_creates_the_company_under_its_siren_and_keeps_the_establishment(client_a):
    siret = siret_of(SIREN, "0012")
    assert client_a.post(LOG, form_data(company="new", new_number=siret, new_name="Durand SAS")).status_code == 302
    record = Company.objects.get()
    assert (record.registration_number, record.establishment_number) == (SIREN, siret)


def test_creating_a_number_the_network_knows_logs_the_contact_on_that_record(client_a):
    record = CompanyFactory(name="Durand SAS", registration_number=SIREN)
    response = client_a.post(LOG, form_data(company="new", new_number="443 061 841", new_name="Durand"))
    assert response.status_code == 302 and Company.objects.count() == 1
    assert Interaction.objects.get().company == record
    assert "was already in the network's records" in text(client_a.get(response["Location"]))


def test_the_lookup_finds_by_name_at_most_eight_and_never_a_merged_record(client_a):
    live = [CompanyFactory(name=f"Boulangerie Numéro {index}") for index in range(10)]
    merged = CompanyFactory(name="Boulangerie Ancienne", merged_into=live[0])
    body = client_a.get(LOOKUP, {"q": "boulangerie"}, headers=HTMX).content.decode()
    values = choice_values(body)
    assert len([value for value in values if value != "new"]) == 8
    assert str(merged.pk) not in values and "Boulangerie Ancienne" not in body
    assert "None of these: create a new record" in body
    by_number = client_a.get(LOOKUP, {"q": merged.registration_number}, headers=HTMX).content.decode()
    assert choice_values(by_number) == [str(live[0].pk)] and "Boulangerie Ancienne" not in by_number


def test_the_lookup_offers_to_create_an_unknown_valid_number_or_an_unknown_name(client_a):
    unknown = client_a.get(LOOKUP, {"q": "443 061 841"}, headers=HTMX).content.decode()
    assert choice_values(unknown) == ["new"] and "Create this company: 443061841" in unknown
    assert 'data-fill-target="id_new_number"' in unknown
    nothing = client_a.get(LOOKUP, {"q": "Zzyzx Konditorei"}, headers=HTMX).content.decode()
    assert choice_values(nothing) == ["new"] and 'data-fill-target="id_new_name"' in nothing
    CompanyFactory(name="Durand SAS", registration_number=SIREN)
    known = client_a.get(LOOKUP, {"q": SIREN}, headers=HTMX).content.decode()
    assert "new" not in choice_values(known)


@pytest.mark.parametrize(
    ("typed", "message"),
    [("443 061 842", "not a valid SIREN"), (siret_of(SIREN)[:-1] + "9", "is not a valid SIRET")],
)
def test_an_invalid_number_gets_a_clear_message_and_no_choice(client_a, typed, message):
    fragment = client_a.get(LOOKUP, {"q": typed}, headers=HTMX)
    assert fragment.status_code == 200 and message in fragment.content.decode()
    assert choice_values(fragment.content.decode()) == []
    posted = client_a.post(LOG, form_data(company="new", new_number=typed, new_name="Durand SAS"))
    assert posted.status_code == 400 and message in posted.content.decode()
    assert not Company.objects.exists() and not Interaction.objects.exists()


@pytest.mark.parametrize("query", ["'", "a:* & !b", "(((", "\\", "🙂", "\x00", "x" * 5000, ""])
def test_the_lookup_survives_any_text(client_a, query):
    response = client_a.get(LOOKUP, {"q": query}, headers=HTMX)
    assert response.status_code in (200, 400)


def test_the_lookup_without_htmx_opens_the_form_with_the_matches(client_a):
    record = CompanyFactory(name="Durand SAS")
    response = client_a.get(LOOKUP, {"q": "durand"})
    assert response.status_code == 302 and response["Location"] == f"{LOG}?q=durand"
    page = client_a.get(response["Location"]).content.decode()
    assert str(record.pk) in choice_values(page)


# --- Without JavaScript ---------------------------------------------------------------------------------------


def test_find_shows_the_matches_as_choices_and_keeps_everything_typed(client_a):
    record = CompanyFactory(name="Durand SAS")
    response = client_a.post(LOG, form_data(q="durand", find="1", summary="Très bonne réunion", minutes="30"))
    body = response.content.decode()
    assert response.status_code == 200 and "Nothing is saved yet" in body
    assert choice_values(body)[0] == str(record.pk)
    assert "Très bonne réunion" in body and 'value="30"' in body and "There is a problem" not in body
    assert not Interaction.objects.exists()


def test_find_shows_new_matches_next_to_the_company_chosen_before(client_a):
    chosen, other = CompanyFactory(name="Durand SAS"), CompanyFactory(name="Martin Frères")
    body = client_a.post(LOG, form_data(q="martin", company=str(chosen.pk), find="1")).content.decode()
    assert choice_values(body)[:2] == [str(chosen.pk), str(other.pk)]


def test_find_with_an_unknown_number_prefills_the_new_record(client_a):
    body = client_a.post(LOG, form_data(q="443 061 841", find="1")).content.decode()
    assert re.search(r'name="new_number" value="443 061 841"', body)


def test_saving_without_choosing_shows_the_choices_and_an_error(client_a):
    CompanyFactory(name="Durand SAS")
    CompanyFactory(name="Durand Frères")
    response = client_a.post(LOG, form_data(q="durand"))
    body = response.content.decode()
    assert response.status_code == 400 and "Choose the company in the list" in body
    assert len(choice_values(body)) == 3  # two matches and "create"
    nothing = client_a.post(LOG, form_data())
    assert nothing.status_code == 400 and "Search for the company by its name or number" in nothing.content.decode()
    assert not Interaction.objects.exists()


def test_a_number_that_names_one_company_is_the_choice(client_a):
    record = CompanyFactory(name="Durand SAS", registration_number=SIREN)
    assert client_a.post(LOG, form_data(q="443.061.841")).status_code == 302
    assert Interaction.objects.get().company == record


def test_a_company_that_no_longer_exists_is_refused_with_a_message(client_a):
    response = client_a.post(LOG, form_data(company="987654"))
    assert response.status_code == 400 and "search for it again" in response.content.decode()


# --- Project holders -------------------------------------------------------------------------------------------


def test_a_project_holder_needs_a_name_and_a_commune(client_a, cvl_offices):
    response = client_a.post(LOG, form_data(company="new"))
    body = text(response)
    assert response.status_code == 400
    assert "registration number, or the project's name" in body and "the project holder's commune" in body
    assert not Company.objects.exists()


def test_a_project_holder_in_a_postcode_of_28_communes_picks_the_commune_from_the_list(client_a, cvl_offices):
    data = form_data(company="new", new_name="Atelier Sébastien", new_commune="28700", new_email="s@example.org")
    asked = client_a.post(LOG, data)
    body = asked.content.decode()
    assert asked.status_code == 400
    assert "28 communes have the postcode 28700: pick yours below." in body
    assert body.count('name="new_commune_pick"') == 28
    assert not Company.objects.exists()
    picked = client_a.post(LOG, {**data, "new_commune_pick": "Oysonville (28700)"})
    assert picked.status_code == 302
    assert Company.objects.get().commune == Territory.objects.get(level="commune", code="28294")


def test_a_project_holder_like_an_existing_record_is_a_possible_duplicate_until_confirmed(client_a, cvl_offices):
    tours = Territory.objects.get(level="commune", code="37261")
    existing = CompanyFactory(project=True, name="Les Délices de Léa", commune=tours)
    data = form_data(company="new", new_name="les delices de lea", new_commune="37000", new_email="lea@example.org")
    warned = client_a.post(LOG, data)
    body = warned.content.decode()
    assert warned.status_code == 400 and "Possible duplicate" in body
    assert f'name="company" value="{existing.pk}" id="duplicate-{existing.pk}"' in body
    assert "les delices de lea" in body and "lea@example.org" in body  # what was typed is still there
    assert Company.objects.count() == 1 and not Interaction.objects.exists()

    confirmed = client_a.post(LOG, {**data, "confirm_new": "on"})
    assert confirmed.status_code == 302
    project = Company.objects.exclude(pk=existing.pk).get()
    assert project.is_project and project.commune == tours and project.project_email == "lea@example.org"
    assert Interaction.objects.get().company == project


def test_choosing_the_duplicate_logs_the_contact_on_it(client_a, cvl_offices):
    existing = CompanyFactory(project=True, name="Les Délices de Léa")
    assert client_a.post(LOG, form_data(company=str(existing.pk))).status_code == 302
    assert Interaction.objects.get().company == existing and Company.objects.count() == 1


# --- The interaction -------------------------------------------------------------------------------------------


def test_every_field_of_the_contact_is_saved(client_a, advisor_a):
    record = CompanyFactory()
    person = CompanyContactFactory(company=record)
    theme = Theme.objects.create(slug="export", name_en="Export", name_fr="Export")
    service = ServiceFactory(organisation=ConventionFactory().organisation)
    day = timezone.localdate() - timedelta(days=2)
    data = form_data(
        company=str(record.pk),
        occurred_on=day.isoformat(),
        channel="video",
        summary="Export plan",
        minutes="90",
        is_confidential="on",
    )
    response = client_a.post(LOG, {**data, "contacts": [person.pk], "themes": [theme.pk], "services": [service.pk]})
    assert response.status_code == 302
    interaction = Interaction.objects.get()
    assert (interaction.occurred_on, interaction.channel, interaction.summary) == (day, "video", "Export plan")
    assert interaction.minutes == 90 and interaction.is_confidential
    assert list(interaction.contacts.all()) == [person] and list(interaction.themes.all()) == [theme]
    assert list(interaction.services.all()) == [service]


def test_themes_that_do_not_exist_are_refused_and_nothing_is_saved(client_a):
    record = CompanyFactory()
    theme = Theme.objects.create(slug="export-check", name_en="Export", name_fr="Export")
    for junk in (["abc"], [str(theme.pk + 1000)], [str(theme.pk), "2.5"], [str(10**30)]):
        response = client_a.post(LOG, {**form_data(company=str(record.pk)), "themes": junk})
        assert response.status_code == 400, junk
        assert "themes" in response.context["form"].errors, junk
    assert not Interaction.objects.exists()
    response = client_a.post(LOG, {**form_data(company=str(record.pk)), "themes": [theme.pk, theme.pk]})
    assert response.status_code == 302
    assert list(Interaction.objects.get().themes.all()) == [theme]


def test_the_people_met_must_be_people_of_the_company(client_a):
    record, other = CompanyFactory(), CompanyFactory()
    stranger = CompanyContactFactory(company=other)
    response = client_a.post(LOG, {**form_data(company=str(record.pk)), "contacts": [stranger.pk]})
    assert response.status_code == 400 and not Interaction.objects.exists()


def test_people_ticked_before_choosing_to_create_a_record_are_not_kept(client_a):
    person = CompanyContactFactory()
    data = {**form_data(company="new", new_number=SIREN, new_name="Durand SAS"), "contacts": [person.pk]}
    assert client_a.post(LOG, data).status_code == 302
    assert not Interaction.objects.get().contacts.exists()


def test_a_future_date_is_refused(client_a):
    record = CompanyFactory()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_a.post(LOG, form_data(company=str(record.pk), occurred_on=tomorrow))
    assert response.status_code == 400 and "cannot be logged in the future" in response.content.decode()
    assert not Interaction.objects.exists()


@pytest.mark.parametrize(
    ("minutes", "message"), [("0", "at least 1"), ("1441", "at most one day"), ("-5", "at least")]
)
def test_the_time_spent_is_bounded(client_a, minutes, message):
    response = client_a.post(LOG, form_data(company=str(CompanyFactory().pk), minutes=minutes))
    assert response.status_code == 400 and message in response.content.decode()


def test_a_100000_character_summary_is_refused_kept_on_the_page_and_nothing_is_created(client_a):
    summary = ("Compte rendu très détaillé. " * 4000)[:99_999] + "."
    assert len(summary) == 100_000
    response = client_a.post(LOG, form_data(q=SIREN, company="new", new_name="Durand SAS", summary=summary))
    body = response.content.decode()
    assert response.status_code == 400
    assert "The summary is limited to 5000 characters and yours has 100000" in body
    assert summary.strip() in body  # nothing lost: the text is still in the form
    assert not Company.objects.exists() and not Interaction.objects.exists()


def test_an_advisor_of_two_organisations_chooses_one_they_work_for(gated_advisor, organisations):
    user = gated_advisor(organisation=organisations[0])
    ConventionFactory(organisation=organisations[1])
    AffiliationFactory(advisor=user.advisor, organisation=organisations[1])
    client = client_for(user)
    page = client.get(LOG).content.decode()
    assert "CCI Touraine" in page and "Initiative Loiret" in page
    record = CompanyFactory()
    missing = client.post(LOG, form_data(company=str(record.pk)))
    assert missing.status_code == 400 and not Interaction.objects.exists()
    foreign = ConventionFactory().organisation
    refused = client.post(LOG, form_data(company=str(record.pk), organisation=str(foreign.pk)))
    assert refused.status_code == 400 and not Interaction.objects.exists()
    chosen = client.post(LOG, form_data(company=str(record.pk), organisation=str(organisations[1].pk)))
    assert chosen.status_code == 302 and Interaction.objects.get().organisation == organisations[1]


def test_html_and_script_in_every_field_are_escaped(client_a, advisor_b, organisations, cvl_offices):
    Territory.objects.filter(level="commune", code="37261").update(name=PAYLOAD)
    MemberOrganisation.objects.filter(pk=organisations[1].pk).update(name=PAYLOAD)
    advisor_b.full_name = PAYLOAD
    advisor_b.save()
    record = CompanyFactory(name=PAYLOAD, commune=Territory.objects.get(level="commune", code="37261"))
    CompanyContactFactory(company=record, full_name=PAYLOAD, job_title=PAYLOAD)
    ServiceFactory(organisation=ConventionFactory(organisation__name=PAYLOAD).organisation, title_en=PAYLOAD)
    Theme.objects.create(slug="xss", name_en=PAYLOAD, name_fr=PAYLOAD)
    logged(advisor_b, record)
    everything = {
        name: PAYLOAD
        for name in (
            "q",
            "company",
            "new_number",
            "new_name",
            "new_commune",
            "new_email",
            "occurred_on",
            "channel",
            "organisation",
            "summary",
            "minutes",
        )
    }
    bodies = [
        client_a.get(LOG, {"company": record.pk}),
        client_a.get(LOG, {"q": PAYLOAD}),
        client_a.get(LOOKUP, {"q": PAYLOAD}, headers=HTMX),
        client_a.get(LOOKUP, {"q": "img"}, headers=HTMX),
        client_a.get(reverse("referrals:already_in_contact", args=[record.pk]), headers=HTMX),
        client_a.post(LOG, form_data(**everything)),
        client_a.post(LOG, form_data(**{**everything, "company": "new"})),
        client_a.post(LOG, form_data(**{**everything, "find": "1"})),
        client_a.post(LOG, form_data(company=str(record.pk), summary=PAYLOAD, minutes=PAYLOAD)),
    ]
    for index, response in enumerate(bodies):
        assert response.status_code in (200, 400), index
        assert "<img src=x onerror" not in response.content.decode(), index
    assert PAYLOAD.replace("<", "&lt;").replace(">", "&gt;")[:20] in bodies[0].content.decode()
    created = client_a.post(LOG, form_data(company="new", new_number=SIREN, new_name=PAYLOAD, summary=PAYLOAD))
    assert created.status_code == 302
    page = client_a.get(created["Location"]).content.decode()
    assert "<img src=x onerror" not in page


# --- "Already in contact" ----------------------------------------------------------------------------------------


def test_the_warning_names_the_other_organisation_its_advisor_and_the_date(client_a, advisor_a, advisor_b):
    record = CompanyFactory()
    CompanyContactFactory(company=record, full_name="Jeanne Dupain")
    contact = logged(advisor_b, record, days_ago=10)
    logged(advisor_a, record, days_ago=1)  # one's own organisation is not "another"
    fragment = client_a.get(reverse("referrals:already_in_contact", args=[record.pk]), headers=HTMX)
    body = fragment.content.decode()
    assert fragment.status_code == 200
    assert "Another organisation was in contact in the last 90 days:" in body
    assert f"Initiative Loiret (Bruno Marchal), on {date_format(contact.occurred_on)}" in body
    assert "CCI Touraine" not in body
    assert 'data-hx-swap-oob="true"' in body and "Jeanne Dupain" in body  # the people met, for the form
    page = client_a.get(LOG, {"company": record.pk}).content.decode()
    assert "Initiative Loiret (Bruno Marchal)" in page


def test_a_confidential_contact_names_the_organisation_only(client_a, advisor_b):
    record = CompanyFactory()
    logged(advisor_b, record, confidential=True, summary="Secret buyout")
    body = client_a.get(reverse("referrals:already_in_contact", args=[record.pk]), headers=HTMX).content.decode()
    assert "Initiative Loiret, on" in body and "Bruno Marchal" not in body and "Secret buyout" not in body


def test_no_warning_for_contacts_older_than_90_days(client_a, advisor_b):
    record = CompanyFactory()
    logged(advisor_b, record, days_ago=91)
    body = client_a.get(reverse("referrals:already_in_contact", args=[record.pk]), headers=HTMX).content.decode()
    assert "Already in contact" not in body


def test_the_warning_without_htmx_is_the_company_page(client_a):
    live = CompanyFactory()
    merged = CompanyFactory(merged_into=live)
    response = client_a.get(reverse("referrals:already_in_contact", args=[merged.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("referrals:company_detail", args=[live.pk])
    assert client_a.get(reverse("referrals:already_in_contact", args=[987654]), headers=HTMX).status_code == 404


# --- Double submits and failures (RE-1, RE-2) -------------------------------------------------------------------


def test_a_double_submit_logs_one_contact_and_the_second_response_redirects_to_it(client_a):
    data = form_data(q=SIREN, company="new", new_name="Durand SAS")
    first = client_a.post(LOG, data)
    second = client_a.post(LOG, data)
    record = Company.objects.get()
    assert Interaction.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("referrals:company_detail", args=[record.pk])
    assert "already saved" in client_a.get(second["Location"]).content.decode()


def test_a_project_holder_double_submit_creates_one_record(client_a, cvl_offices):
    data = form_data(company="new", new_name="Projet Lumière", new_commune="37000", new_email="l@example.org")
    assert client_a.post(LOG, data).status_code == client_a.post(LOG, data).status_code == 302
    assert Company.objects.count() == Interaction.objects.count() == 1


def test_a_double_submit_saved_by_the_other_request_while_this_one_was_judged_says_saved(
    client_a, cvl_offices, monkeypatch
):
    """The race of two requests at once, made certain: this one's key check comes before the other saves, its form
    is judged after (its new project then looks like a duplicate of the one just created)."""
    data = form_data(company="new", new_name="Projet Lumière", new_commune="37000", new_email="l@example.org")
    real, calls = views_log._logged_with_key, []

    def other_request_not_saved_yet(key):
        calls.append(key)
        return None if len(calls) == 1 else real(key)

    assert client_a.post(LOG, data).status_code == 302  # the other request
    monkeypatch.setattr(views_log, "_logged_with_key", other_request_not_saved_yet)
    response = client_a.post(LOG, data)
    record = Company.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "referrals:company_detail", args=[record.pk]
    )
    assert "already saved" in client_a.get(response["Location"]).content.decode()
    assert Interaction.objects.count() == 1 and len(calls) == 2


def test_another_advisors_submission_key_does_not_reveal_their_contact(client_a, advisor_b):
    theirs = logged(advisor_b, CompanyFactory(name="Secret SAS"))
    mine = CompanyFactory(name="Durand SAS")
    response = client_a.post(LOG, form_data(company=str(mine.pk), submission_key=str(theirs.submission_key)))
    assert response.status_code == 302 and response["Location"] == reverse("referrals:company_detail", args=[mine.pk])
    assert Interaction.objects.filter(company=mine).count() == 1


def test_losing_the_race_for_the_submission_key_undoes_the_record_created_for_nothing(
    client_a, advisor_a, cvl_offices, monkeypatch
):
    """The other request of a double submit saved the contact while this one was creating the project holder: this
    one's record goes (one transaction) and the advisor lands on the contact that exists."""
    winner = logged(advisor_a, CompanyFactory(project=True, name="Projet Lumière"))

    def lost(**kwargs):
        assert Company.objects.filter(name="projet lumière").exists()  # created by this request, not committed
        return winner, False

    monkeypatch.setattr(services, "interaction_log", lost)
    data = form_data(company="new", new_name="projet lumière", new_commune="37000", new_email="x@example.org")
    response = client_a.post(LOG, {**data, "confirm_new": "on"})
    assert response.status_code == 302 and response["Location"] == reverse(
        "referrals:company_detail", args=[winner.company_id]
    )
    assert not Company.objects.filter(name="projet lumière").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_concurrent_double_submit_logs_one_contact_and_creates_one_company(gated_advisor):
    user = gated_advisor()
    data = form_data(q=SIREN, company="new", new_name="Durand SAS")
    barrier = threading.Barrier(2)
    responses = []

    def submit():
        client = client_for(user)
        try:
            barrier.wait(timeout=10)
            responses.append(client.post(LOG, data))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    record = Company.objects.get()
    assert Interaction.objects.count() == 1
    assert [response.status_code for response in responses] == [302, 302]
    assert {response["Location"] for response in responses} == {reverse("referrals:company_detail", args=[record.pk])}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_concurrent_double_submit_of_a_new_project_leaves_one_record(gated_advisor, cvl_offices):
    user = gated_advisor()
    data = form_data(company="new", new_name="Projet Lumière", new_commune="37000", new_email="l@example.org")
    barrier = threading.Barrier(2)
    statuses = []

    def submit():
        client = client_for(user)
        try:
            barrier.wait(timeout=10)
            statuses.append(client.post(LOG, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302, 302]
    assert Company.objects.count() == Interaction.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failure_after_the_company_is_created_leaves_nothing_behind(gated_advisor, monkeypatch):
    client = client_for(gated_advisor())
    client.raise_request_exception = False
    audit_before = AuditEntry.objects.count()

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "interaction_log", broken)
    response = client.post(LOG, form_data(q=SIREN, company="new", new_name="Durand SAS"))
    assert response.status_code == 500 and "the database went away" not in response.content.decode()
    assert not Company.objects.exists() and not Interaction.objects.exists()
    assert AuditEntry.objects.count() == audit_before


def test_a_refusal_of_the_service_shows_its_message_and_creates_no_company(client_a, monkeypatch):
    def refuse(**kwargs):
        raise services.InteractionError("You can only log contacts for an organisation you work for.")

    monkeypatch.setattr(services, "interaction_log", refuse)
    response = client_a.post(LOG, form_data(q=SIREN, company="new", new_name="Durand SAS"))
    assert response.status_code == 400 and "organisation you work for" in response.content.decode()
    assert not Company.objects.exists()


# --- The header --------------------------------------------------------------------------------------------------


def test_the_header_offers_fast_entry_to_those_who_can_log_only(client_a, advisor_a, network_manager, organisations):
    link = f'href="{LOG}"'
    assert link in client_a.get("/en/").content.decode()
    assert link not in client_for(network_manager).get("/en/").content.decode()
    assert link not in client_for(UserFactory()).get("/en/").content.decode()
    unsigned = AffiliationFactory(organisation=organisations[0]).advisor.user
    assert link not in client_for(unsigned).get("/en/").content.decode()
    assert link not in client_for(None).get("/en/").content.decode()


def test_the_header_flag_costs_no_query_of_its_own(client_a):
    """The gate and the organisations come with the user, in one query (network/user_context.py): the header's
    "Log a contact" reads them, on every page, without asking the database again."""

    def statements(client):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/")
        assert response.status_code == 200
        return [query["sql"] for query in queries], response.content.decode()

    visitor = client_for(None)
    statements(visitor)  # warms the per-process caches (the network's identity)
    visitor, _page = statements(visitor)
    signed_in, page = statements(client_a)
    assert f'href="{LOG}"' in page
    assert len(signed_in) == len(visitor) + 2  # the session, then the user with their context
    assert sum('FROM "network_user"' in sql for sql in signed_in) == 1


# --- Query counts --------------------------------------------------------------------------------------------------


def _count(client, method, *args, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(*args, **kwargs)
    assert response.status_code in (200, 302), response.status_code
    return len(queries)


def _more_rows(record, count, start):
    for index in range(count):
        CompanyContactFactory(company=record)
        ServiceFactory(organisation=ConventionFactory().organisation)
        Theme.objects.create(slug=f"theme-{start + index}", name_en=f"Theme {start + index}", name_fr="Thème")
        CompanyFactory(name=f"Durand {start + index}")


def test_the_page_query_count_is_pinned_and_does_not_grow_with_rows(client_a, advisor_b):
    record = CompanyFactory(name="Durand SAS")
    logged(advisor_b, record)
    _more_rows(record, 2, 0)
    _count(client_a, "get", LOG, {"company": record.pk})  # warm the per-process caches
    few = _count(client_a, "get", LOG, {"company": record.pk})
    _more_rows(record, 20, 2)
    many = _count(client_a, "get", LOG, {"company": record.pk})
    # session, the user with their context, company, organisations to log for, themes, services, people met,
    # "already in contact"
    assert few == many == 8


def test_the_lookup_query_count_is_pinned_and_does_not_grow_with_rows(client_a):
    _more_rows(CompanyFactory(name="Durand Père"), 2, 0)
    _count(client_a, "get", LOOKUP, {"q": "durand"}, headers=HTMX)
    few = _count(client_a, "get", LOOKUP, {"q": "durand"}, headers=HTMX)
    _more_rows(CompanyFactory(name="Durand Fils"), 20, 2)
    many = _count(client_a, "get", LOOKUP, {"q": "durand"}, headers=HTMX)
    by_number = _count(client_a, "get", LOOKUP, {"q": siren_from(3)}, headers=HTMX)
    assert few == many == 3  # session, the user with their context, the search
    assert by_number <= 4  # and the network's country for the number


def test_the_post_query_count_is_pinned_and_does_not_grow_with_rows(client_a):
    def post(record, themes, services, people):
        data = {**form_data(company=str(record.pk)), "themes": themes, "services": services, "contacts": people}
        return _count(client_a, "post", LOG, data)

    def rows(count, start):
        record = CompanyFactory()
        _more_rows(record, count, start)
        themes = list(Theme.objects.filter(slug__startswith="theme-").values_list("pk", flat=True)[:count])
        services_ = list(ServiceFactory._meta.model.objects.values_list("pk", flat=True)[:count])
        people = list(record.contacts.values_list("pk", flat=True))
        return record, themes, services_, people

    post(*rows(2, 0))  # warm
    few = post(*rows(2, 10))
    many = post(*rows(20, 20))
    assert few == many
    assert few <= 40

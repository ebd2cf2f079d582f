"""Company search, the company page and its timeline, identity edits with optimistic locking, confidentiality."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from members.models import MemberOrganisation
from network.models import AuditEntry, Territory, Theme
from referrals.models import Company, Interaction
from referrals.services import company_create, company_update, parse_company_number
from tests.factories import CompanyContactFactory, ConventionFactory, ServiceFactory, siren_from

pytestmark = pytest.mark.django_db

SEARCH = reverse("referrals:company_search")
SECRET = "Rachat envisagé par un concurrent, ne pas ébruiter"


def client_for(user):
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def company(name="Boulangerie Dupain", number=None, **fields):
    return Company.objects.create(name=name, registration_number=number, **fields)


def interaction(company, user, *, days_ago=1, confidential=False, summary="Diagnostic export", **fields):
    advisor = user.advisor
    organisation = advisor.affiliations.get(ended_on__isnull=True).organisation
    return Interaction.objects.create(
        company=company,
        advisor=advisor,
        organisation=organisation,
        occurred_on=timezone.localdate() - timedelta(days=days_ago),
        is_confidential=confidential,
        summary=summary,
        **fields,
    )


@pytest.fixture
def organisations(db):
    return ConventionFactory().organisation, ConventionFactory().organisation


@pytest.fixture
def advisor_a(gated_advisor, organisations):
    return gated_advisor(organisation=organisations[0])


@pytest.fixture
def advisor_b(gated_advisor, organisations):
    return gated_advisor(organisation=organisations[1])


# --- Numbers ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["443 061 841", "443061841", "443.061.841", "443-061-841", " 443 061 841 "])
def test_a_siren_typed_any_way_is_the_same_number(network, typed):
    assert parse_company_number(typed).registration_number == "443061841"


def test_a_siret_is_reduced_to_its_siren_and_the_establishment_kept(network):
    from stdnum.fr import siret

    number = next(f"443061841{n:05d}" for n in range(10, 100000) if siret.is_valid(f"443061841{n:05d}"))
    parsed = parse_company_number(" ".join([number[:3], number[3:6], number[6:9], number[9:]]))
    assert parsed.registration_number == "443061841" and parsed.establishment_number == number


@pytest.mark.parametrize(
    ("typed", "message"),
    [("443 061 842", "not a valid SIREN"), ("44306184100001", "not a valid SIRET"), ("12ab", "not a valid SIREN")],
)
def test_wrong_numbers_get_a_clear_message(network, typed, message):
    from django.utils import translation

    from referrals.services import CompanyNumberError

    with translation.override("en"), pytest.raises(CompanyNumberError, match=message):
        parse_company_number(typed)


# --- Search -------------------------------------------------------------------------------------------------------


def test_search_by_name_ignores_accents_and_case_and_matches_while_typing(advisor_a):
    company("Boulangerie Pâtisserie Élodie", siren_from(1))
    company("Garage du Centre", siren_from(2))
    client = client_for(advisor_a)
    for query in ("patisserie", "PÂTISSERIE", "boulang", "elodie boulangerie"):
        page = client.get(SEARCH, {"q": query}).content.decode()
        assert "Boulangerie Pâtisserie Élodie" in page and "Garage du Centre" not in page, query
    assert "No company matches" in client.get(SEARCH, {"q": "menuiserie"}).content.decode()


def test_search_by_number_goes_straight_to_the_company(advisor_a):
    found = company("Durand SAS", "443061841")
    client = client_for(advisor_a)
    for query in ("443061841", "443 061 841", "443.061.841"):
        assert client.get(SEARCH, {"q": query})["Location"] == reverse("referrals:company_detail", args=[found.pk])
    page = client.get(SEARCH, {"q": "443 061 842"}).content.decode()
    assert "not a valid SIREN" in page


def test_a_huge_or_hostile_search_gets_a_message_not_an_error(advisor_a):
    client = client_for(advisor_a)
    response = client.get(SEARCH, {"q": "x" * 2000})
    assert response.status_code == 400 and "at most 200 characters" in response.content.decode()
    for query in ("'", "a:* & !b", "<script>alert(1)</script>", "\\", "((("):
        response = client.get(SEARCH, {"q": query})
        assert response.status_code == 200 and "<script>alert(1)" not in response.content.decode()


def test_merged_records_are_not_listed(advisor_a):
    kept = company("Menuiserie Martin", siren_from(3))
    company("Menuiserie Martin SARL", None, merged_into=kept)
    page = client_for(advisor_a).get(SEARCH, {"q": "menuiserie"}).content.decode()
    assert page.count("Menuiserie Martin") == 1


# --- The company page and its timeline ----------------------------------------------------------------------------


def test_confidential_content_stays_in_its_organisation(advisor_a, advisor_b, network_manager):
    shared = company("Durand SAS", "443061841")
    open_contact = interaction(shared, advisor_a, summary="Prêt accordé")
    secret = interaction(shared, advisor_b, confidential=True, summary=SECRET)
    detail = reverse("referrals:company_detail", args=[shared.pk])

    page_b = client_for(advisor_b).get(detail).content.decode()
    assert SECRET in page_b and "Prêt accordé" in page_b
    for outsider in (advisor_a, network_manager):
        client = client_for(outsider)
        page = client.get(detail).content.decode()
        assert SECRET not in page and "Prêt accordé" in page
        assert secret.organisation.name in page  # that a contact happened, and by whom, is shared
        assert advisor_b.get_full_name() not in page
        assert client.get(reverse("referrals:interaction_detail", args=[secret.pk])).status_code == 404
        assert client.get(reverse("referrals:interaction_detail", args=[open_contact.pk])).status_code == 200
        assert SECRET not in client.get(SEARCH, {"q": "rachat concurrent"}).content.decode()
    assert client_for(advisor_b).get(reverse("referrals:interaction_detail", args=[secret.pk])).status_code == 200


def test_the_cached_timeline_rows_follow_every_change_they_show(advisor_a):
    """The rows' fragment is cached by its content (templates/referrals/_timeline_rows.html): a new contact, or an
    organisation renamed, shows at once, without any invalidation."""
    shared = company("Durand SAS", "443061841")
    first = interaction(shared, advisor_a, summary="Premier rendez-vous", days_ago=5)
    client = client_for(advisor_a)
    detail = reverse("referrals:company_detail", args=[shared.pk])
    assert "Premier rendez-vous" in client.get(detail).content.decode()

    interaction(shared, advisor_a, summary="Deuxième rendez-vous", days_ago=1)
    first.organisation.name = "Agence renommée"
    first.organisation.save(update_fields=["name"])
    response = client.get(detail)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Deuxième rendez-vous" in page and "Premier rendez-vous" in page
    assert page.count("Agence renommée") >= 2


def test_the_already_in_contact_warning_names_the_other_organisation(advisor_a, advisor_b):
    shared = company("Durand SAS", "443061841")
    interaction(shared, advisor_b, days_ago=10)
    page = client_for(advisor_a).get(reverse("referrals:company_detail", args=[shared.pk])).content.decode()
    assert "Already in contact" in page and advisor_b.get_full_name() in page
    assert (
        "Already in contact"
        not in client_for(advisor_b).get(reverse("referrals:company_detail", args=[shared.pk])).content.decode()
    )
    older = company("Garage du Centre", siren_from(2))
    interaction(older, advisor_b, days_ago=120)
    assert (
        "Already in contact"
        not in client_for(advisor_a).get(reverse("referrals:company_detail", args=[older.pk])).content.decode()
    )


def test_a_confidential_recent_contact_warns_without_naming_the_advisor(advisor_a, advisor_b):
    shared = company("Durand SAS", "443061841")
    interaction(shared, advisor_b, days_ago=3, confidential=True)
    page = client_for(advisor_a).get(reverse("referrals:company_detail", args=[shared.pk])).content.decode()
    assert "Already in contact" in page and advisor_b.advisor.affiliations.get().organisation.name in page
    assert advisor_b.get_full_name() not in page


def test_the_warning_names_each_advisor_once_latest_first_from_contacts_that_are_not_confidential(
    advisor_a, advisor_b, gated_advisor
):
    shared = company("Durand SAS", "443061841")
    colleague = gated_advisor(organisation=advisor_b.advisor.affiliations.get().organisation)
    interaction(shared, advisor_b, days_ago=20)
    interaction(shared, advisor_b, days_ago=2, confidential=True)  # later, but confidential: not in the order
    interaction(shared, colleague, days_ago=5)
    interaction(shared, colleague, days_ago=8)
    page = client_for(advisor_a).get(reverse("referrals:company_detail", args=[shared.pk]))
    organisation = advisor_b.advisor.affiliations.get().organisation.name
    with translation.override("en"):
        last_on = date_format(timezone.localdate() - timedelta(days=2))
    line = f"{organisation} ({colleague.get_full_name()}, {advisor_b.get_full_name()}), last on {last_on}"
    assert f"<li>{line}</li>" in page.content.decode()


def test_the_warning_shows_five_organisations_latest_first_and_counts_the_others(advisor_a, gated_advisor):
    shared = company("Durand SAS", "443061841")
    others = [gated_advisor(organisation=ConventionFactory().organisation) for _ in range(7)]
    for days, other in enumerate(others, start=1):
        interaction(shared, other, days_ago=days)
    page = client_for(advisor_a).get(reverse("referrals:company_detail", args=[shared.pk]))
    names = [other.advisor.affiliations.get().organisation.name for other in others]
    assert [line.organisation for line in page.context["recent"]] == names[:5]
    assert "and 2 other organisations (see who works with this company)" in page.content.decode()


def test_a_timeline_row_reads_day_organisation_channel_advisor_then_what_was_discussed(advisor_a, advisor_b):
    busy = company("Durand SAS", "443061841")
    theme = Theme.objects.create(slug="export", name_en="Export", name_fr="Export")
    service = ServiceFactory(title_en="Export diagnostic", title_fr="Diagnostic export")
    person = CompanyContactFactory(company=busy, full_name="Claire Martin")
    shown = interaction(busy, advisor_a, days_ago=3, channel=Interaction.Channel.VISIT, summary="x" * 450)
    shown.themes.add(theme), shown.services.add(service), shown.contacts.add(person)
    interaction(busy, advisor_b, days_ago=1, confidential=True, summary=SECRET)
    page = client_for(advisor_a).get(reverse("referrals:company_detail", args=[busy.pk])).content.decode()
    mine = advisor_a.advisor.affiliations.get().organisation.name
    theirs = advisor_b.advisor.affiliations.get().organisation.name
    assert f"{mine} · Site visit · {advisor_a.get_full_name()}" in page
    assert "Export · Export diagnostic · with Claire Martin · <a href" in page
    assert "x" * 399 + "…" in page and "x" * 400 not in page  # the summary is shortened to 400 characters
    assert f'<time datetime="{shown.occurred_on.isoformat()}">' in page
    assert f'· {theirs} <span class="badge' in page and SECRET not in page
    assert "only it sees the content" in page


def test_the_identity_panel_shows_what_is_filled_in_with_readable_labels(advisor_a):
    record = company(
        "Durand SAS",
        "443061841",
        establishment_number="44306184100013",
        legal_form="SAS",
        activity_code="62.01Z",
        size_band=Company.SizeBand.SMALL,
        founded_on=timezone.localdate().replace(year=2015, month=3, day=2),
        stage=Company.Stage.GROWTH,
    )
    page = client_for(advisor_a).get(reverse("referrals:company_detail", args=[record.pk])).content.decode()
    assert "SIREN 443061841 · Information and communication</p>" in page
    for term, value in (
        ("Establishment (SIRET)", "44306184100013"),
        ("Legal form", "SAS"),
        ("Activity code", "62.01Z"),
        ("Size", "10 to 49 employees"),
        ("Created", "2 March 2015"),
        ("Stage", "Growth"),
    ):
        assert f"<dt>{term}</dt><dd>{value}</dd>" in page
    Company.objects.filter(pk=record.pk).update(stage="retired")  # a value no longer offered: shown as stored
    bare = company("Projet Martin")
    page = client_for(advisor_a).get(reverse("referrals:company_detail", args=[record.pk])).content.decode()
    assert "<dt>Stage</dt><dd>retired</dd>" in page
    page = client_for(advisor_a).get(reverse("referrals:company_detail", args=[bare.pk])).content.decode()
    assert "Project (no number yet)</p>" in page and "<dt>" not in page


@pytest.mark.parametrize("language", ["en", "fr"])
def test_timeline_rows_are_escaped_and_hide_what_is_confidential_to_another_organisation(
    advisor_a, advisor_b, language
):
    busy = company("Durand SAS", "443061841")
    theme = Theme.objects.create(slug="export", name_en="Export <b>", name_fr="Export & co")
    plain = interaction(busy, advisor_a, days_ago=2, summary="")
    rich = interaction(busy, advisor_a, days_ago=3, summary='<script>alert("x")</script> & "co"', confidential=True)
    rich.themes.add(theme)
    interaction(busy, advisor_b, days_ago=4, confidential=True, summary=SECRET)
    advisor_a.preferred_language = language
    advisor_a.save(update_fields=["preferred_language"])
    page = client_for(advisor_a).get(reverse("referrals:company_detail", args=[busy.pk]))
    assert f'<html lang="{language}">' in page.content.decode()
    assert [row["pk"] for row in page.context["timeline"]][:2] == [plain.pk, rich.pk]
    written = page.content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;co&quot;" in written
    assert ("Export &lt;b&gt;" if language == "en" else "Export &amp; co") in written
    assert "<script>alert" not in written and SECRET not in written
    assert f'href="{reverse("referrals:interaction_detail", args=[rich.pk])}"' in written


def test_the_timeline_of_a_merged_record_is_the_kept_records_and_unknown_records_are_not_found(advisor_a):
    kept, merged = company("Durand SAS", "443061841"), company("Durand", siren_from(3))
    Company.objects.filter(pk=merged.pk).update(merged_into=kept)
    client = client_for(advisor_a)
    response = client.get(reverse("referrals:company_timeline", args=[merged.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "referrals:company_timeline", args=[kept.pk]
    )
    for pk in (kept.pk + 1000, 2**63, 10**30):
        for name in ("referrals:company_detail", "referrals:company_timeline"):
            assert client.get(reverse(name, args=[pk])).status_code == 404, (name, pk)


def test_the_timeline_pages_by_keyset_newest_first_without_gaps(advisor_a):
    busy = company("Durand SAS", "443061841")
    made = [interaction(busy, advisor_a, days_ago=index // 3, summary=f"Contact {index}") for index in range(47)]
    expected = sorted(made, key=lambda row: (row.occurred_on, row.pk), reverse=True)
    client = client_for(advisor_a)
    seen = []
    page = client.get(reverse("referrals:company_detail", args=[busy.pk]))
    seen += [row["pk"] for row in page.context["timeline"]]
    cursor = page.context["next_cursor"]
    while cursor:
        page = client.get(
            reverse("referrals:company_timeline", args=[busy.pk]), {"before": cursor}, headers={"HX-Request": "true"}
        )
        assert "<html" not in page.content.decode()
        seen += [row["pk"] for row in page.context["timeline"]]
        cursor = page.context["next_cursor"]
    assert seen == [row.pk for row in expected]
    for junk in ("garbage", "2026-01-01_99999999999999999999", "2026-01-01_-5", "2026-02-30_12"):
        assert client.get(reverse("referrals:company_timeline", args=[busy.pk]), {"before": junk}).status_code == 404
    no_js = client.get(
        reverse("referrals:company_timeline", args=[busy.pk]),
        {"before": f"{expected[19].occurred_on}_{expected[19].pk}"},
    )
    assert "<html" in no_js.content.decode() and "Contact" in no_js.content.decode()


def test_query_counts_of_the_company_page_and_timeline_do_not_grow_with_rows(advisor_a, advisor_b):
    busy = company("Durand SAS", "443061841")
    client = client_for(advisor_a)

    def count(url, **params):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        return len(queries)

    for index in range(3):
        interaction(busy, advisor_a if index % 2 else advisor_b, days_ago=index, confidential=index == 2)
    detail = reverse("referrals:company_detail", args=[busy.pk])
    count(detail), count(SEARCH, q="durand")  # warm the caches (network identity, the header's flags)
    few = count(detail), count(SEARCH, q="durand")
    for index in range(60):
        interaction(busy, advisor_a if index % 2 else advisor_b, days_ago=index, confidential=index % 7 == 0)
        company(f"Durand {index}", siren_from(100 + index))
    assert (count(detail), count(SEARCH, q="durand")) == few
    assert few[0] <= 20 and few[1] <= 12


# --- Gate and access ----------------------------------------------------------------------------------------------


def test_an_advisor_without_a_countersigned_code_gets_the_explanation(gated_advisor, organisations):
    from members.models import CodeOfConductSignature

    nocode = gated_advisor(organisation=organisations[0])
    CodeOfConductSignature.objects.filter(advisor__user=nocode).update(countersigned_at=None, countersigned_by=None)
    shared = company("Durand SAS", "443061841")
    for url in (
        SEARCH,
        reverse("referrals:company_detail", args=[shared.pk]),
        reverse("referrals:company_edit", args=[shared.pk]),
    ):
        response = client_for(nocode).get(url)
        assert response.status_code == 403, url
        assert "must countersign your signature" in response.content.decode()


# --- Identity edits: optimistic locking ----------------------------------------------------------------------------


def edit_data(record, **overrides):
    data = {
        "name": record.name,
        "registration_number": record.registration_number or "",
        "legal_form": record.legal_form,
        "activity_code": record.activity_code,
        "size_band": record.size_band,
        "founded_on": "",
        "commune": "",
        "stage": record.stage,
        "website": record.website,
        "project_email": record.project_email,
        "version": record.version,
    }
    data.update(overrides)
    return data


def test_an_advisor_corrects_the_record_and_it_is_audited(advisor_a, territories):
    record = company("Durand SAS", "443061841")
    response = client_for(advisor_a).post(
        reverse("referrals:company_edit", args=[record.pk]),
        edit_data(record, activity_code="62.01Z", commune="Orléans", name="Durand Frères SAS"),
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.name == "Durand Frères SAS" and record.sector == "J" and record.version == 2
    assert record.commune == Territory.objects.get(level="commune", code="45234")
    entry = AuditEntry.objects.get(action="update", object_id=str(record.pk))
    assert set(entry.changed_fields) == {"name", "activity_code", "commune"}


def test_a_company_of_pithiviers_saves_with_its_commune_as_the_form_shows_it(advisor_a, territories):
    pithiviers = Territory.objects.get(level="commune", code="45252")
    record = company("Durand SAS", "443061841", commune=pithiviers)
    url = reverse("referrals:company_edit", args=[record.pk])
    page = client_for(advisor_a).get(url)
    assert page.status_code == 200
    assert 'value="Pithiviers (45300)"' in page.content.decode()
    response = client_for(advisor_a).post(url, edit_data(record, commune="Pithiviers (45300)", legal_form="SAS"))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.commune == pithiviers and record.legal_form == "SAS"


def test_a_stale_save_is_refused_and_the_other_edit_kept(advisor_a, advisor_b):
    record = company("Durand SAS", "443061841")
    url = reverse("referrals:company_edit", args=[record.pk])
    first, second = client_for(advisor_a), client_for(advisor_b)
    form_version = record.version
    assert first.post(url, edit_data(record, legal_form="SAS", version=form_version)).status_code == 302
    stale = second.post(url, edit_data(record, legal_form="SARL", version=form_version))
    assert stale.status_code == 409
    assert "Someone saved this record while you were editing it" in stale.content.decode()
    record.refresh_from_db()
    assert record.legal_form == "SAS" and record.version == 2
    again = second.post(url, edit_data(record, legal_form="SARL", version=record.version))
    assert again.status_code == 302


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_saves_cannot_both_win(advisor_a, advisor_b):
    record = company("Durand SAS", "443061841")
    outcomes = []

    def save(user, form):
        try:
            company_update(
                company=Company.objects.get(pk=record.pk), values={"legal_form": form}, expected_version=1, by=user
            )
            outcomes.append("saved")
        except Exception as error:  # noqa: BLE001 - the losing thread's StaleEdit is the point
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(user, form)) for user, form in ((advisor_a, "SAS"), (advisor_b, "SA"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["StaleEdit", "saved"]
    assert Company.objects.get(pk=record.pk).version == 2


@pytest.mark.parametrize(
    ("number", "message"),
    [("443 061 842", "not a valid SIREN"), ("44306184100001", "not a valid SIRET")],
)
def test_an_invalid_number_is_refused_and_nothing_changes(advisor_a, number, message):
    record = company("Durand SAS", siren_from(5))
    response = client_for(advisor_a).post(
        reverse("referrals:company_edit", args=[record.pk]), edit_data(record, registration_number=number)
    )
    assert response.status_code == 400 and message in response.content.decode()
    record.refresh_from_db()
    assert record.registration_number == siren_from(5) and record.version == 1


def test_a_number_already_used_points_to_the_other_record(advisor_a):
    company("Durand SAS", "443061841")
    project = company("Projet Durand", None, project_email="durand@example.org")
    response = client_for(advisor_a).post(
        reverse("referrals:company_edit", args=[project.pk]), edit_data(project, registration_number="443 061 841")
    )
    assert response.status_code == 400 and "is already the number of Durand SAS" in response.content.decode()


def test_a_project_gets_its_number_once_registered_and_keeps_its_history(advisor_a, advisor_b):
    project = company("Projet de micro-brasserie", None, project_email="brasseur@example.org")
    interaction(project, advisor_b, summary="Premier rendez-vous")
    response = client_for(advisor_a).post(
        reverse("referrals:company_edit", args=[project.pk]),
        edit_data(project, registration_number="443061841", name="Brasserie du Val"),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.registration_number == "443061841" and project.interactions.count() == 1


def test_html_in_identity_fields_is_shown_escaped(advisor_a):
    record = company('<img src=x onerror="alert(1)">', siren_from(7), legal_form="<b>SAS</b>")
    page = client_for(advisor_a).get(reverse("referrals:company_detail", args=[record.pk])).content.decode()
    assert '<img src=x onerror="alert(1)">' not in page and "&lt;b&gt;SAS&lt;/b&gt;" in page


def test_two_advisors_creating_the_same_number_get_one_company(advisor_a, advisor_b):
    first, created = company_create(values={"name": "Durand SAS", "registration_number": "443061841"}, by=advisor_a)
    second, created_again = company_create(values={"name": "DURAND", "registration_number": "443061841"}, by=advisor_b)
    assert created and not created_again and first == second and Company.objects.count() == 1


def test_the_organisation_for_a_contact_must_have_a_convention_in_force(advisor_a):
    from referrals.services import logging_organisations
    from tests.factories import AffiliationFactory, MemberOrganisationFactory

    (current,) = MemberOrganisation.objects.filter(affiliations__advisor__user=advisor_a)
    AffiliationFactory(advisor=advisor_a.advisor, organisation=MemberOrganisationFactory(name="Aaa lapsed"))
    fresh = type(advisor_a).objects.get(pk=advisor_a.pk)  # a new object: its context is read again
    assert logging_organisations(fresh) == [current]
    assert client_for(advisor_a).get(reverse("referrals:contact_log")).context["form"].organisations == [current]


# --- Merging (network managers) ---------------------------------------------------------------------------------


def test_a_network_manager_merges_a_project_into_its_registered_company(advisor_a, advisor_b, network_manager):
    from tests.factories import CompanyContactFactory

    kept = company("Brasserie du Val", "443061841")
    duplicate = company("Projet de brasserie", None, project_email="brasseur@example.org")
    interaction(duplicate, advisor_b, summary="Premier rendez-vous")
    person = CompanyContactFactory(company=duplicate, full_name="Paul Brasseur")
    url = reverse("referrals:company_merge", args=[duplicate.pk])
    manager = client_for(network_manager)
    assert "Brasserie du Val" in manager.get(url, {"q": "443061841"}).content.decode()
    preview = manager.post(url, {"target": kept.pk})
    assert preview.status_code == 200 and "1 contact moves over" in preview.content.decode()
    assert Interaction.objects.filter(company=duplicate).exists()  # nothing moved before the confirmation
    response = manager.post(url, {"target": kept.pk, "confirm": "true"})
    assert response["Location"] == reverse("referrals:company_detail", args=[kept.pk])
    duplicate.refresh_from_db()
    person.refresh_from_db()
    assert duplicate.merged_into == kept and person.company == kept and kept.interactions.count() == 1
    assert client_for(advisor_a).get(reverse("referrals:company_detail", args=[duplicate.pk]))["Location"] == reverse(
        "referrals:company_detail", args=[kept.pk]
    )
    assert AuditEntry.objects.filter(action="merge").count() == 2


def test_merging_is_refused_for_advisors_and_for_two_registered_companies(advisor_a, network_manager):
    first, second = company("Durand SAS", "443061841"), company("Durand SARL", siren_from(9))
    url = reverse("referrals:company_merge", args=[first.pk])
    assert client_for(advisor_a).post(url, {"target": second.pk, "confirm": "true"}).status_code == 403
    refused = client_for(network_manager).post(url, {"target": second.pk, "confirm": "true"})
    assert refused.status_code == 400 and "they are two companies" in refused.content.decode()
    assert not Company.objects.filter(merged_into__isnull=False).exists()


def test_an_office_manager_reads_company_records_but_does_not_change_them(office_manager):
    record = company("Durand SAS", "443061841")
    client = client_for(office_manager)
    assert client.get(reverse("referrals:company_detail", args=[record.pk])).status_code == 200
    refused = client.post(reverse("referrals:company_edit", args=[record.pk]), edit_data(record, name="Renamed"))
    assert refused.status_code == 403 and "reads company records but does not change them" in refused.content.decode()
    record.refresh_from_db()
    assert record.name == "Durand SAS"


# --- French wording -----------------------------------------------------------------------------------------------


def french_client_for(user):
    user.preferred_language = "fr"
    user.save(update_fields=["preferred_language"])
    return client_for(user)


def test_a_record_with_nothing_but_its_name_shows_no_empty_identity_panel(advisor_a):
    bare = company("Projet Martin")
    filled = company("Durand SAS", "443061841", legal_form="SAS")
    client = client_for(advisor_a)

    bare_page = client.get(reverse("referrals:company_detail", args=[bare.pk]))
    filled_page = client.get(reverse("referrals:company_detail", args=[filled.pk]))

    assert bare_page.status_code == 200 and filled_page.status_code == 200
    assert ">Identity</h2>" not in bare_page.content.decode()
    assert ">Identity</h2>" in filled_page.content.decode()


def test_a_company_without_people_says_so_in_correct_french(advisor_a):
    record = company("Durand SAS", "443061841")

    response = french_client_for(advisor_a).get(reverse("referrals:company_detail", args=[record.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Aucune personne enregistrée pour l'instant." in page
    assert "Personne d'enregistré" not in page


def test_the_edit_form_labels_start_with_a_capital_and_the_error_summary_names_the_field_by_its_label(advisor_a):
    record = company("Durand SAS", "443061841")
    client = french_client_for(advisor_a)

    form = client.get(reverse("referrals:company_edit", args=[record.pk]))
    refused = client.post(reverse("referrals:company_edit", args=[record.pk]), edit_data(record, commune="Zzyzx"))

    assert form.status_code == 200 and refused.status_code == 400
    page = form.content.decode()
    assert '<label class="form-label" for="id_commune">Commune</label>' in page
    assert '<label class="form-label" for="id_website">Site web</label>' in page
    summary = refused.content.decode().split('id="error-summary-title"')[1].split("</ul>")[0]
    assert '<a href="#id_commune">Commune : ' in summary
    assert "commune:" not in summary and "commune :" not in summary

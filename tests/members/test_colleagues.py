"""The advisor's own profile and "Find a colleague": full-text search, filters, htmx, absences, abuse."""

from datetime import timedelta

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from members import search
from members.models import Advisor
from members.views.extranet import ColleagueCard
from network.models import AuditEntry, Territory, Theme
from network.ordering import by_name
from tests.factories import AffiliationFactory, MemberOrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("members:colleagues")
PROFILE = reverse("members:profile")


def colleague(name, *, organisation=None, skills=(), job_title="", bio="", **fields):
    affiliation = AffiliationFactory(
        advisor__user__full_name=name,
        advisor__job_title=job_title,
        advisor__bio=bio,
        **({"organisation": organisation} if organisation else {}),
    )
    advisor = affiliation.advisor
    for name_, value in fields.items():
        setattr(advisor, name_, value)
    advisor.save()
    advisor.skills.set([Theme.objects.get(slug=slug) for slug in skills])
    return advisor


@pytest.fixture(autouse=True)
def themes(territories):
    from network.themes import load_default_themes

    load_default_themes()


@pytest.fixture
def me(client):
    advisor = colleague("Léa Fournier")
    client.force_login(advisor.user)
    return advisor


def names(response):
    return names_of(response.context["page"])


def names_of(page):
    return [card["name"] for card in page.object_list]


# --- Find a colleague -----------------------------------------------------------------------------------------------


def test_the_search_finds_skills_in_either_language_without_accents_and_while_typing(client, me):
    colleague("Hugo Petit", skills=["financing-loans"], job_title="Chargé d'affaires")
    colleague("Zoé Martin", skills=["innovation-rd"])
    for query in ("prêts", "prets", "PRÊTS bancaires", "loans", "bank loan", "honour", "prê"):
        assert names(client.get(SEARCH, {"q": query})) == ["Hugo Petit"], query
    assert names(client.get(SEARCH, {"q": "chargee d'affaires"})) == []  # every word must match
    assert names(client.get(SEARCH, {"q": "charge affaires"})) == ["Hugo Petit"]


def test_names_organisations_and_bios_are_searched_and_the_best_match_comes_first(client, me):
    organisation = MemberOrganisationFactory(name="Initiative Touraine")
    colleague("Karim Benali", organisation=organisation, bio="J'accompagne la reprise d'entreprises artisanales.")
    colleague("Anne Reprise", job_title="Conseillère")
    assert names(client.get(SEARCH, {"q": "touraine"})) == ["Karim Benali"]
    assert names(client.get(SEARCH, {"q": "artisanale"})) == ["Karim Benali"]  # stemmed
    assert names(client.get(SEARCH, {"q": "reprise"})) == ["Anne Reprise", "Karim Benali"]  # the name weighs more
    assert names(client.get(SEARCH, {"q": "fourn"})) == ["Léa Fournier"]


def test_stop_words_and_short_prefixes_do_not_flood_the_results(client, me):
    colleague("Hugo Petit", bio="Les entreprises et les laboratoires de la région.")
    assert names(client.get(SEARCH, {"q": "les"})) == []
    assert names(client.get(SEARCH, {"q": "de la"})) == []
    assert names(client.get(SEARCH, {"q": "lea"})) == ["Léa Fournier"]  # not everyone whose bio says "les"


def test_filters_by_skill_with_its_sub_skills_territory_language_sector_and_organisation(client, me):
    organisation = MemberOrganisationFactory(name="BPI Centre")
    loiret = Territory.objects.get(level="departement", code="45")
    hugo = colleague("Hugo Petit", organisation=organisation, skills=["financing-loans"], languages=["fr", "de"])
    hugo.territories.set([loiret])
    colleague("Zoé Martin", skills=["innovation-rd"], sectors=["C"], languages=["fr"])
    financing = Theme.objects.get(slug="financing")
    assert names(client.get(SEARCH, {"skill": financing.pk})) == ["Hugo Petit"]  # the parent finds its children
    assert names(client.get(SEARCH, {"territory": loiret.pk})) == ["Hugo Petit"]
    assert names(client.get(SEARCH, {"language": "de"})) == ["Hugo Petit"]
    assert names(client.get(SEARCH, {"sector": "C"})) == ["Zoé Martin"]
    assert names(client.get(SEARCH, {"organisation": organisation.pk})) == ["Hugo Petit"]
    assert names(client.get(SEARCH, {"organisation": organisation.pk, "language": "en"})) == []
    response = client.get(SEARCH, {"organisation": organisation.pk, "language": "en"})
    assert "Nobody matches this search" in response.content.decode()


def test_people_who_left_or_were_deactivated_are_not_listed(client, me):
    gone = colleague("Paul Parti")
    gone.affiliations.update(ended_on=timezone.localdate())
    off = colleague("Inès Off")
    off.user.is_active = False
    off.user.save()
    assert names(client.get(SEARCH)) == ["Léa Fournier"]
    assert client.get(reverse("members:colleague", args=[gone.pk])).status_code == 404


def test_an_absence_shows_with_the_backup_to_contact(client, me):
    backup = colleague("Hugo Petit")
    today = timezone.localdate()
    colleague(
        "Zoé Martin",
        absent_from=today - timedelta(days=1),
        absent_until=today + timedelta(days=5),
        backup=backup,
    )
    page = client.get(SEARCH, {"q": "zoé"}).content.decode()
    assert "Away until" in page and "contact Hugo Petit instead" in page and backup.user.email in page
    colleague("Anne Later", absent_from=today + timedelta(days=10), absent_until=today + timedelta(days=12))
    assert "Away until" not in client.get(SEARCH, {"q": "anne"}).content.decode()  # not away yet


def test_a_card_shows_the_current_organisations_with_the_role_and_six_skills_then_how_many_more(client, me):
    themes = sorted(Theme.objects.filter(parent__isnull=False), key=lambda theme: (theme.position, theme.slug))[:7]
    hugo = colleague(
        "Hugo Petit",
        organisation=MemberOrganisationFactory(name="BPI Centre"),
        job_title="Chargé d'affaires",
        skills=[theme.slug for theme in reversed(themes)],
    )
    AffiliationFactory(advisor=hugo, organisation=MemberOrganisationFactory(name="Alpha & Co"), referent=True)
    left = MemberOrganisationFactory(name="Ancienne")
    AffiliationFactory(advisor=hugo, organisation=left, ended_on=timezone.localdate())
    page = client.get(SEARCH, {"q": "hugo"}).content.decode()
    assert "Chargé d&#x27;affaires · Alpha &amp; Co (referent), BPI Centre</p>" in page  # not where he worked before
    badges = "".join(f'<span class="badge text-bg-light border me-1">{escape(t.name_en)}</span>' for t in themes[:6])
    assert badges + '<span class="text-body-secondary">and 1 more</span>' in page
    assert f'<a href="{reverse("members:colleague", args=[hugo.pk])}">Hugo Petit</a>' in page
    assert f'<a href="mailto:{hugo.user.email}">{hugo.user.email}</a>' in page


def test_pages_past_the_last_show_the_last_and_pages_that_are_not_numbers_the_first(client, me):
    for index in range(22):
        colleague(f"Conseil {index:02}", job_title="Conseiller")
    everyone = [f"Conseil {index:02}" for index in range(22)]  # the same rank: by name
    first = client.get(SEARCH, {"q": "conseil"})
    assert names(first) == everyone[:20] and first.context["page"].paginator.count == 22
    assert 'href="?q=conseil&amp;page=2" rel="next"' in first.content.decode()
    for number, shown in [("2", 2), ("99", 2), ("0", 2), ("abc", 1), ("2.5", 1), ("9" * 30, 2)]:
        page = client.get(SEARCH, {"q": "conseil", "page": number}).context["page"]
        assert page.number == shown and names_of(page) == everyone[(shown - 1) * 20 :][:20], number
    assert names(client.get(SEARCH, {"page": "2"})) == ["Conseil 20", "Conseil 21", "Léa Fournier"]  # all 23, by name


@pytest.mark.parametrize("query", ["prêts", "loans bank", "rh", "lea", "charge affaires", "conseil", "les", "zz"])
def test_the_page_finds_and_orders_whom_the_search_filter_and_rank_find(client, me, query):
    colleague("Hugo Petit", skills=["financing-loans"], job_title="Chargé d'affaires", bio="RH et conseil")
    colleague("Zoé Martin", skills=["innovation-rd"], bio="Conseil aux entreprises, prêts d'honneur")
    colleague("Anne Conseil", job_title="Conseillère RH")
    colleague("Léo Lea", job_title="Chargée d'affaires")
    condition = search.matching(query)
    expected = (
        Advisor.objects.active()
        .filter(condition)
        .annotate(rank=search.rank(query))
        .order_by("-rank", *by_name("user__full_name"), "pk")
        .values_list("user__full_name", flat=True)
    )
    assert names(client.get(SEARCH, {"q": query})) == list(expected)


def test_the_filters_offer_a_new_organisation_or_a_renamed_skill_at_once(client, me):
    assert "Nouvelle Structure" not in client.get(SEARCH).content.decode()  # the options are now cached
    MemberOrganisationFactory(name="Nouvelle Structure")
    theme = Theme.objects.filter(parent__isnull=True).first()
    theme.name_en = "Renamed theme"
    theme.save()
    page = client.get(SEARCH).content.decode()
    assert ">Nouvelle Structure</option>" in page and ">Renamed theme</option>" in page


def test_htmx_requests_get_only_the_results_and_the_page_works_without_javascript(client, me):
    colleague("Hugo Petit", skills=["financing-loans"])
    full = client.get(SEARCH, {"q": "loans"})
    assert "<html" in full.content.decode() and "Hugo Petit" in full.content.decode()
    assert ' data-hx-get="/extranet/colleagues/"' in full.content.decode()  # the live search (valid HTML: data-)
    assert '<button type="submit"' in full.content.decode()  # and its no-JS fallback
    partial = client.get(SEARCH, {"q": "loans"}, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert "<html" not in body and body.lstrip().startswith('<section id="colleague-results"')
    assert "Hugo Petit" in body and "HX-Request" in partial["Vary"]


@pytest.mark.parametrize("query", ["x" * 2000, "<script>alert(1)</script>" * 100])
def test_a_huge_search_gets_a_clear_message_not_an_error(client, me, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 400
    assert "Search with fewer words: at most 200 characters" in response.content.decode()
    assert "<script>alert" not in response.content.decode()
    partial = client.get(SEARCH, {"q": query}, headers={"HX-Request": "true"})
    assert partial.status_code == 400 and "at most 200 characters" in partial.content.decode()


@pytest.mark.parametrize("query", ["'", "a:* & !b", "(((", "\\", "l'export | ", "🙂", "_ _", "--", "\x00"])
def test_query_syntax_cannot_break_the_search(client, me, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code in (200, 400)


def test_the_query_count_does_not_grow_with_rows(client, me):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(SEARCH, {"q": "conseil", "language": "fr"}).status_code == 200
        return len(queries)

    for index in range(3):
        colleague(f"Conseil {index}", job_title="Conseiller", languages=["fr"], skills=["financing-loans"])
    count()  # warm the per-process caches (network identity, content types)
    few = count()
    for index in range(25):
        colleague(f"Conseil {index + 3}", job_title="Conseiller", languages=["fr"], skills=["innovation-rd"])
    count()  # their new organisations changed the filter lists, read again once
    # session, the user with their context; the page of colleagues with their count (the filter lists are cached)
    assert count() == few == 3


def test_only_people_of_member_organisations_and_the_network_team_search(client, network_manager):
    client.force_login(UserFactory())
    response = client.get(SEARCH)
    assert response.status_code == 403 and "work for a member organisation" in response.content.decode()
    client.force_login(network_manager)
    assert client.get(SEARCH).status_code == 200


def test_the_colleague_page_shows_the_profile_with_the_bio_escaped(client, me):
    other = colleague(
        "Hugo Petit",
        bio="<b>Bold</b> <script>alert(1)</script>\nSecond line",
        languages=["fr", "de"],
        sectors=["C", "J"],
        skills=["financing-loans"],
    )
    page = client.get(reverse("members:colleague", args=[other.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Second line" in page and "<b>Bold" not in page
    assert "German" in page and "Manufacturing" in page and "Bank and honour loans" in page


# --- The advisor's own profile --------------------------------------------------------------------------------------


def profile_data(advisor, **overrides):
    data = {
        "account-full_name": advisor.user.full_name,
        "account-preferred_language": "en",
        "account-digest_frequency": "weekly",
        "account-email_news": "on",
        "profile-job_title": "Conseillère export",
        "profile-bio": "",
        "profile-absent_from": "",
        "profile-absent_until": "",
        "profile-backup": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_an_advisor_edits_their_profile_and_colleagues_find_it(client, me):
    loans = Theme.objects.get(slug="financing-loans")
    response = client.post(
        PROFILE,
        profile_data(
            me,
            **{
                "profile-skills": [loans.pk],
                "profile-languages": ["fr", "es"],
                "profile-sectors": ["I"],
                "account-digest_frequency": "never",
                "account-email_news": None,
            },
        ),
        follow=True,
    )
    assert "Your profile is saved." in response.content.decode()
    me.refresh_from_db()
    me.user.refresh_from_db()
    assert me.job_title == "Conseillère export" and me.languages == ["fr", "es"] and me.sectors == ["I"]
    assert me.user.digest_frequency == "never" and me.user.email_news is False
    assert names(client.get(SEARCH, {"q": "honour loans export"})) == ["Léa Fournier"]
    entries = AuditEntry.objects.filter(action="update", object_id=str(me.pk))
    assert entries.count() == 1 and "job_title" in entries.get().changed_fields
    assert "Conseillère" not in str(entries.get().values)  # personal values are hashed


def test_saving_an_unchanged_profile_writes_no_audit_entry(client, me):
    client.post(PROFILE, profile_data(me, **{"profile-job_title": me.job_title}))
    assert not AuditEntry.objects.filter(object_id=str(me.pk)).exists()


def test_an_absence_needs_both_dates_in_order_and_a_backup_who_is_there(client, me):
    today = timezone.localdate()
    backup = colleague("Hugo Petit", absent_from=today, absent_until=today + timedelta(days=3))
    cases = [
        ({"profile-absent_from": str(today)}, "Give both the first and the last day"),
        (
            {"profile-absent_from": str(today + timedelta(days=5)), "profile-absent_until": str(today)},
            "before the first one",
        ),
        (
            {
                "profile-absent_from": str(today - timedelta(days=9)),
                "profile-absent_until": str(today - timedelta(days=2)),
            },
            "This absence is over",
        ),
        ({"profile-backup": backup.pk}, "give its dates too"),
        (
            {
                "profile-absent_from": str(today),
                "profile-absent_until": str(today + timedelta(days=7)),
                "profile-backup": backup.pk,
            },
            "Hugo Petit is also away during your absence",
        ),
        ({"profile-backup": me.pk, "profile-absent_from": str(today), "profile-absent_until": str(today)}, "valid"),
        ({"profile-absent_from": "2026-02-30"}, "Enter a valid date"),
    ]
    for overrides, message in cases:
        response = client.post(PROFILE, profile_data(me, **overrides))
        assert response.status_code == 400 and message in response.content.decode(), overrides
    me.refresh_from_db()
    assert me.absent_from is None and me.backup is None


def test_html_in_the_bio_is_kept_as_typed_and_too_long_a_bio_is_refused(client, me):
    bio = '<img src=x onerror="alert(1)">Export & co'
    assert client.post(PROFILE, profile_data(me, **{"profile-bio": bio})).status_code == 302
    me.refresh_from_db()
    assert me.bio == bio
    page = client.get(reverse("members:colleague", args=[me.pk])).content.decode()
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;Export &amp; co" in page
    response = client.post(PROFILE, profile_data(me, **{"profile-bio": "x" * 2001}))
    assert response.status_code == 400 and "at most 2000 characters" in response.content.decode()
    me.refresh_from_db()
    assert me.bio == bio  # nothing already saved is lost


def test_the_language_preference_changes_the_extranet_language(client, me):
    client.post(PROFILE, profile_data(me, **{"account-preferred_language": "fr"}))
    assert "Votre profil" in client.get(PROFILE).content.decode()


def test_network_staff_without_an_advisor_profile_edit_only_their_account(client, network_manager):
    client.force_login(network_manager)
    page = client.get(PROFILE).content.decode()
    assert "Email from the portal" in page and "Professional profile" not in page
    response = client.post(
        PROFILE,
        {
            "account-full_name": "Claire Martin-Durand",
            "account-preferred_language": "en",
            "account-digest_frequency": "daily",
        },
    )
    assert response.status_code == 302
    network_manager.refresh_from_db()
    assert network_manager.full_name == "Claire Martin-Durand" and not Advisor.objects.filter(user=network_manager)


def test_the_public_directory_shows_only_advisors_who_switched_their_public_profile_on(client):
    from tests.factories import ConventionFactory

    organisation = ConventionFactory().organisation
    shown = colleague("Hugo Public", organisation=organisation, job_title="Conseiller", skills=["financing-loans"])
    shown.public_profile = True
    shown.save()
    colleague("Zoé Private", organisation=organisation)
    page = client.get(reverse("members_public:organisation_detail", args=[organisation.slug])).content.decode()
    assert "Hugo Public" in page and "Bank and honour loans" in page
    assert "Zoé Private" not in page and shown.user.email not in page


# A result card as the results template wrote it inline before issue 7 (and its include does again since issue 15).
CARD_TEMPLATE = """{% load i18n %}{% for card in cards %}
    <li class="col-md-6"><article class="card h-100"><div class="card-body">
      <h3 class="h5 mb-1"><a href="{{ card.url }}">{{ card.name }}</a></h3>
      <p class="mb-2 text-body-secondary">{{ card.role }}</p>
      {% if card.absent_until %}<p class="alert alert-warning py-1 px-2 mb-2">{% if card.backup_email %}\
{% blocktranslate with end=card.absent_until|date:"SHORT_DATE_FORMAT" name=card.backup_name %}\
Away until {{ end }}; contact {{ name }} instead.{% endblocktranslate %} \
<a href="mailto:{{ card.backup_email }}">{{ card.backup_email }}</a>{% else %}\
{% blocktranslate with end=card.absent_until|date:"SHORT_DATE_FORMAT" %}Away until {{ end }}.{% endblocktranslate %}\
{% endif %}</p>{% endif %}
      {% if card.skills %}<p class="mb-2 small">{% for skill in card.skills %}\
<span class="badge text-bg-light border me-1">{{ skill }}</span>{% endfor %}{% if card.more_skills %}\
<span class="text-body-secondary">{% blocktranslate count counter=card.more_skills %}and {{ counter }} more\
{% plural %}and {{ counter }} more{% endblocktranslate %}</span>{% endif %}</p>{% endif %}
      <p class="mb-0 small"><a href="mailto:{{ card.email }}">{{ card.email }}</a></p>
    </div></article></li>
    {% endfor %}"""


@pytest.mark.parametrize("language", ["en", "fr"])
def test_result_cards_are_written_as_the_template_wrote_them_and_escaped(language):
    from django.template.loader import render_to_string

    def card(**fields):
        values = {
            "pk": 1,
            "name": "Claire <Martin>",
            "email": "claire@example.org",
            "role": "Export & trade · Initiative Touraine (referent)",
            "skills": [],
            "more_skills": 0,
            "absent_until": None,
            "backup_name": None,
            "backup_email": None,
        }
        return ColleagueCard(**{**values, **fields})

    until = timezone.localdate() + timedelta(days=5)
    cards = [
        card(),
        card(role="", skills=["Export", "Financement <PME>"], more_skills=0),
        card(skills=[f"Thème {n}" for n in range(6)], more_skills=3, absent_until=until),
        card(absent_until=until, backup_name='Paul "Backup" Durand', backup_email="paul@example.org", more_skills=1),
    ]
    with translation.override(language):
        written = "".join(render_to_string("members/includes/colleague_card.html", {"card": each}) for each in cards)
        urls = [{**each, "url": reverse("members:colleague", args=[each["pk"]])} for each in cards]
        expected = Template(CARD_TEMPLATE).render(Context({"cards": urls}))
    assert parse_html(written) == parse_html(expected)
    assert "Claire &lt;Martin&gt;" in written and "<Martin>" not in written

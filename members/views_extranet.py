"""The advisor's side of the people pages: their own profile and preferences, and "Find a colleague"."""

from datetime import date
from html import escape
from typing import TypedDict

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from members import perms, search
from members.forms_profile import AccountPreferencesForm, AdvisorProfileForm, ColleagueSearchForm
from members.models import Advisor, Affiliation
from network.audit import changes, log_action
from network.dates import day_format
from network.languages import language_name
from network.links import url_maker
from network.models import Theme
from network.ordering import by_name
from network.statements import prepared

PAGE_SIZE = 20
SEARCH_COLUMNS = ("search_text", "search_text_en", "search_fr", "search_en", "search_words")  # never displayed


def _normal(value):
    """A field value as the audit compares it: primary keys for objects, sorted lists for collections."""
    if value in (None, ""):
        return None
    if hasattr(value, "pk"):
        return str(value.pk)
    if isinstance(value, (list, tuple, set)) or hasattr(value, "values_list"):
        return sorted(str(getattr(item, "pk", item)) for item in value)
    if isinstance(value, bool):
        return value
    return str(value)


def _audit_diff(form):
    """Changed fields of a bound, valid model form, before it is saved (values hashed unless public)."""
    before = {name: _normal(form.initial.get(name)) for name in form.fields}
    after = {name: _normal(form.cleaned_data.get(name)) for name in form.fields}
    return changes(before, after, public=("preferred_language", "digest_frequency", "email_news", "public_profile"))


@require_http_methods(["GET", "HEAD", "POST"])
def profile(request):
    """Everyone edits their name, language and mail preferences; advisors also their professional profile."""
    user = request.user
    advisor = Advisor.objects.filter(user=user).first()
    data = request.POST if request.method == "POST" else None
    account_form = AccountPreferencesForm(data, instance=user, prefix="account")
    profile_form = AdvisorProfileForm(data, instance=advisor, prefix="profile") if advisor else None
    forms = [form for form in (account_form, profile_form) if form is not None]
    if request.method == "POST":
        if all([form.is_valid() for form in forms]):  # a list: every form shows its errors
            with transaction.atomic():
                for form in forms:
                    changed, values = _audit_diff(form)
                    form.save()
                    if changed:
                        log_action(
                            actor=user, action="update", obj=form.instance, changed_fields=changed, values=values
                        )
            messages.success(request, _("Your profile is saved."))
            return redirect("advisors:profile")
    return render(
        request,
        "members/extranet/profile.html",
        {
            "account_form": account_form,
            "profile_form": profile_form,
            "forms": forms,
            "has_errors": any(form.is_bound and form.errors for form in forms),
            "advisor": advisor,
        },
        status=400 if request.method == "POST" else 200,
    )


def _require_colleagues(request):
    if not perms.can_find_colleagues(request.user):
        raise PermissionDenied(
            _("Finding colleagues is for people who work for a member organisation and for the network team.")
        )


def _colleagues():
    return (
        Advisor.objects.active()
        .defer(*SEARCH_COLUMNS)
        .select_related("user", "backup__user")
        .prefetch_related(
            # Only what the profile page shows.
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.current()
                .select_related("organisation")
                .only("id", "advisor_id", "role", "organisation__name")
                .order_by(*by_name("organisation__name")),
                to_attr="current_affiliations",
            ),
            Prefetch("skills", queryset=Theme.objects.only("id", "name_en", "name_fr"), to_attr="skill_list"),
        )
    )


# "Find a colleague" in one constant statement (IN-2: values only as parameters): how many people match, and the
# cards of one page, with each card's current organisations and skills. Built and compiled by the ORM, the count, the
# page and its two prefetches cost four times what PostgreSQL took to answer them (issue 7). The rules are those of
# ``Advisor.objects.active()`` (an account still active, a current affiliation) and of ``members.search``: a filter
# left empty is NULL and lets everyone through; every significant word must match (``search.statement_parameters``);
# with words, best matches first as ``search.rank`` weighs them, else by name (as network/ordering.py sorts names)
# and email. Skill and organisation names come in the page's language, else the other one. Prepared
# (network/statements.py): the words are tested on every active advisor in turn (a network has hundreds: no index
# would be quicker) and an empty filter is a NULL test, so the plan is the same whatever the values, and planning it
# cost a millisecond a search (issue 7).
COLLEAGUES_SQL = """
    WITH term AS MATERIALIZED (  -- parsed once, not once per advisor
        SELECT plainto_tsquery('simple_unaccent', whole) AS whole, to_tsquery('simple_unaccent', prefix) AS prefix,
               plainto_tsquery('french_unaccent', stem) AS french, plainto_tsquery('english_unaccent', stem) AS english
          FROM unnest(%(whole)s::text[], %(prefixes)s::text[], %(stems)s::text[]) AS term(whole, prefix, stem)
    ), found AS (
        SELECT a.id, u.full_name, u.email, a.job_title, a.absent_from, a.absent_until, a.backup_id,
               CASE WHEN %(ranked)s::boolean
                    THEN ts_rank(a.search_fr, plainto_tsquery('french_unaccent', %(rank_words)s::text)) * 2
                         + ts_rank(a.search_words, to_tsquery('simple_unaccent', %(rank_prefixes)s::text))
                    ELSE 0 END AS rank
          FROM members_advisor a
          JOIN network_user u ON u.id = a.user_id
         WHERE u.is_active
           AND EXISTS (SELECT FROM members_affiliation f WHERE f.advisor_id = a.id AND f.ended_on IS NULL)
           AND NOT EXISTS (  -- a word that does not match
                   SELECT FROM term
                    WHERE NOT coalesce(a.search_words @@ term.whole, false)
                      AND NOT coalesce(a.search_words @@ term.prefix, false)
                      AND NOT coalesce(a.search_fr @@ term.french OR a.search_en @@ term.english, false))
           AND (%(skill)s::bigint IS NULL OR EXISTS (
                   SELECT FROM members_advisor_skills s JOIN network_theme t ON t.id = s.theme_id
                    WHERE s.advisor_id = a.id AND (t.id = %(skill)s::bigint OR t.parent_id = %(skill)s::bigint)))
           AND (%(territory)s::bigint IS NULL OR EXISTS (
                   SELECT FROM members_advisor_territories t
                    WHERE t.advisor_id = a.id AND t.territory_id = %(territory)s::bigint))
           AND (%(language)s::varchar IS NULL OR a.languages @> ARRAY[%(language)s::varchar])
           AND (%(sector)s::varchar IS NULL OR a.sectors @> ARRAY[%(sector)s::varchar])
           AND (%(organisation)s::bigint IS NULL OR EXISTS (
                   SELECT FROM members_affiliation f
                    WHERE f.advisor_id = a.id AND f.ended_on IS NULL AND f.organisation_id = %(organisation)s::bigint))
    )
    SELECT total.count, card.*
      FROM (SELECT count(*) FROM found) AS total
      LEFT JOIN LATERAL (
           SELECT found.id, found.rank, found.full_name, found.email, found.job_title, found.absent_from,
                  found.absent_until,
                  coalesce(nullif(backup_user.full_name, ''), backup_user.email) AS backup_name,
                  backup_user.email AS backup_email,
                  ARRAY(SELECT CASE WHEN f.role = 'referent' THEN o.name || %(referent)s::text ELSE o.name END
                          FROM members_affiliation f
                          JOIN members_memberorganisation o ON o.id = f.organisation_id
                         WHERE f.advisor_id = found.id AND f.ended_on IS NULL
                         ORDER BY name_sort_key(o.name), o.name, f.id) AS organisations,
                  ARRAY(SELECT CASE WHEN %(page_language)s::text = 'en'
                                    THEN coalesce(nullif(t.name_en, ''), t.name_fr)
                                    ELSE coalesce(nullif(t.name_fr, ''), t.name_en) END
                          FROM members_advisor_skills s JOIN network_theme t ON t.id = s.theme_id
                         WHERE s.advisor_id = found.id
                         ORDER BY t.position, t.slug) AS skills
             FROM found
             LEFT JOIN members_advisor backup ON backup.id = found.backup_id
             LEFT JOIN network_user backup_user ON backup_user.id = backup.user_id
            ORDER BY found.rank DESC, name_sort_key(found.full_name), found.full_name,
                     CASE WHEN %(ranked)s::boolean THEN '' ELSE found.email END, found.id
            LIMIT %(limit)s OFFSET %(offset)s
      ) AS card ON true
     ORDER BY card.rank DESC, name_sort_key(card.full_name), card.full_name,
              CASE WHEN %(ranked)s::boolean THEN '' ELSE card.email END, card.id
"""
SKILLS_SHOWN = 6  # on a card; then "and N more"


class ColleagueCard(TypedDict):
    """What a result card shows of a colleague, read by ``COLLEAGUES_SQL``. A dict, which the template engine tries
    first (a dataclass's attributes cost it an exception each, a dozen per card), with its lines composed here."""

    pk: int
    name: str
    email: str
    url: str
    role: str  # "Export advisor · Initiative Touraine (referent), BPI Centre": the job title, then the organisations
    skills: list[str]  # the first SKILLS_SHOWN
    more_skills: int
    absent_until: date | None  # set while away today
    backup_name: str | None
    backup_email: str | None
    html: str  # the card's <li>, escaped and marked safe (``card_markup``)


def colleague_page(data: dict | None, page_number) -> Page:
    """The page ``page_number`` (as ``Paginator.get_page`` reads it) of the colleagues matching the cleaned data of a
    valid ColleagueSearchForm (everyone when None), as ColleagueCard: one statement, and a second one only when the
    number asked for is past the last page or below 1 (the last page is shown then)."""
    data = data or {}
    text = search.statement_parameters(data.get("q", ""))
    if text is None:  # stop words only: nobody
        return Paginator([], PAGE_SIZE).get_page(page_number)
    parameters = {
        **text,
        "skill": data["skill"].pk if data.get("skill") else None,
        "territory": data["territory"].pk if data.get("territory") else None,
        "language": data.get("language") or None,
        "sector": data.get("sector") or None,
        "organisation": data["organisation"].pk if data.get("organisation") else None,
        "referent": f" ({Affiliation.Role.REFERENT.label.lower()})",
        "page_language": (get_language() or settings.LANGUAGE_CODE)[:2],
        "limit": PAGE_SIZE,
    }

    def read(number):
        with prepared(), connection.cursor() as database:
            database.execute(COLLEAGUES_SQL, {**parameters, "offset": (number - 1) * PAGE_SIZE})
            return database.fetchall()

    guess = _asked_page(page_number)
    rows = read(guess)
    paginator = Paginator(range(rows[0][0]), PAGE_SIZE)  # the count, without reading the rows again
    number = paginator.get_page(page_number).number
    if number != guess:
        rows = read(number)
    today, profile = timezone.localdate(), url_maker("advisors:colleague")
    return Page([_card(row, today, profile) for row in rows if row[1] is not None], number, paginator)


def _card(row, today: date, profile) -> ColleagueCard:
    _count, pk, _rank, full_name, email, job_title, absent_from, absent_until, *backup, organisations, skills = row
    away = absent_from is not None and absent_from <= today <= absent_until
    card = ColleagueCard(
        pk=pk,
        name=full_name or email,
        email=email,
        url=profile(pk),
        role=" · ".join(part for part in (job_title, ", ".join(organisations)) if part),
        skills=skills[:SKILLS_SHOWN],
        more_skills=max(len(skills) - SKILLS_SHOWN, 0),
        absent_until=absent_until if away else None,
        backup_name=backup[0],
        backup_email=backup[1],
        html="",
    )
    card["html"] = card_markup(card)
    return card


def card_markup(card: ColleagueCard) -> str:
    """The ``<li>`` of a result card: name, role, absence and backup, skills, email. Written here rather than by a
    template, as the timeline's rows (issue 7: through the template, the page's 20 cards took 0.8 ms; written here,
    0.1 ms); tests/members/test_colleagues.py pins the markup to the template's. Every value escaped."""
    parts = [
        '<li class="col-md-6"><article class="card h-100"><div class="card-body">\n'
        f'      <h3 class="h5 mb-1"><a href="{escape(card["url"])}">{escape(card["name"])}</a></h3>\n'
        f'      <p class="mb-2 text-body-secondary">{escape(card["role"])}</p>\n'
    ]
    if card["absent_until"]:
        end = escape(day_format(card["absent_until"], "SHORT_DATE_FORMAT"))
        if card["backup_email"]:
            email = escape(card["backup_email"])
            notice = _("Away until %(end)s; contact %(name)s instead.") % {
                "end": end,
                "name": escape(card["backup_name"] or ""),
            }
            notice += f' <a href="mailto:{email}">{email}</a>'
        else:
            notice = _("Away until %(end)s.") % {"end": end}
        parts.append(f'      <p class="alert alert-warning py-1 px-2 mb-2">{notice}</p>\n')
    if card["skills"]:
        badges = "".join(
            f'<span class="badge text-bg-light border me-1">{escape(skill)}</span>' for skill in card["skills"]
        )
        if card["more_skills"]:
            more = ngettext("and %(counter)s more", "and %(counter)s more", card["more_skills"])
            badges += f'<span class="text-body-secondary">{more % {"counter": card["more_skills"]}}</span>'
        parts.append(f'      <p class="mb-2 small">{badges}</p>\n')
    email = escape(card["email"])
    parts.append(f'      <p class="mb-0 small"><a href="mailto:{email}">{email}</a></p>\n    </div></article></li>\n')
    return mark_safe("".join(parts))  # every value above is escaped (to a template: issue 15)  # nosec B308


def _asked_page(value) -> int:
    """A first guess at the page shown: the number asked for, else 1 (``Paginator.get_page`` has the last word)."""
    try:
        return min(max(int(value), 1), 1_000_000)
    except (TypeError, ValueError):
        return 1


@require_safe
def colleague_search(request):
    _require_colleagues(request)
    form = ColleagueSearchForm(request.GET or None)
    valid = not form.is_bound or form.is_valid()
    page_number = request.GET.get("page")
    if valid:
        page = colleague_page(form.cleaned_data if form.is_bound else None, page_number)
    else:  # the errors show instead of results
        page = Paginator([], PAGE_SIZE).get_page(page_number)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "searched": bool(request.GET)}
    partial = request.htmx and not request.htmx.boosted
    template = "members/extranet/_colleague_results.html" if partial else "members/extranet/colleagues.html"
    response = render(request, template, context, status=200 if valid else 400)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def colleague_detail(request, pk):
    _require_colleagues(request)
    advisor = get_object_or_404(_colleagues().prefetch_related("territories"), pk=pk)
    languages = [language_name(code) for code in advisor.languages]
    return render(request, "members/extranet/colleague.html", {"advisor": advisor, "languages": languages})

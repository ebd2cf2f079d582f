"""Company pages of the extranet: search, the company's page with its timeline, identity edits, one interaction."""

import copy
import json
from datetime import date
from html import escape
from typing import TypedDict

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from members import search
from network.dates import day_format
from network.links import link, url_maker
from network.sectors import Sector
from network.statements import instances, prepared
from referrals import perms, services
from referrals.access import company_data_required
from referrals.forms import CompanyIdentityForm, CompanyMergeForm, CompanySearchForm
from referrals.models import Company, CompanyContact, Interaction
from referrals.services import (
    CompanyNumberError,
    MergeError,
    StaleEdit,
    company_merge_plan,
    company_update,
    looks_like_a_number,
    parse_company_number,
    recent_contacts_by_others,
)

SEARCH_LIMIT = 50
TIMELINE_PAGE = 20


# --- Search -----------------------------------------------------------------------------------------------------


def search_companies(text: str):
    """``(companies, number_error)``: by registration or establishment number when the text looks like one, else by
    name (full-text, accent-insensitive, prefixes while typing), best matches first, at most SEARCH_LIMIT + 1."""
    if looks_like_a_number(text):
        try:
            number = parse_company_number(text)
        except CompanyNumberError as error:
            return Company.objects.none(), error.messages[0]
        found = Company.objects.filter(registration_number=number.registration_number)
        return found.select_related("commune").annotate(commune_name=F("commune__name")), ""
    condition = search.matching(text, words="search", stemmed=(("search", "french_unaccent"),))
    if condition is None:
        return Company.objects.none(), ""
    ranked = (
        Company.objects.live()
        .filter(condition)
        .annotate(rank=search.rank(text, stemmed="search", words="search"))
        .select_related("commune")
        .defer("search")
        .order_by("-rank", "name_key", "name", "pk")
    )
    return ranked[: SEARCH_LIMIT + 1], ""


# The search page by name, in one constant statement (IN-2: values only as parameters). A common word matches
# thousands of companies ("boulangerie": 4,300 at region scale), and ranking them all read one heap page each: 9 ms
# of the page's 21 (issue 7). So at most SEARCH_CANDIDATES matches are ranked, taken from the GIN index in the
# table's order: first those where every word matches as a whole word (or its French stem), which rank highest,
# then, if fewer, the other matches (a word's prefix only: "boul" while typing). When no more than
# SEARCH_CANDIDATES match (a rare word, or two words, usually), the page lists exactly what ``search_companies``
# finds, in its order. When more match, it lists the best of the candidates, with "More than 50 companies match: add
# a word": rows of the same rank as the best ones, mostly, though not the first in alphabetical order; a better
# ranked row outside the candidates (a name repeating the word) is missed. The words match as ``search.matching``
# rules (every word; whole, prefix or stemmed by its length), each rule folded into one query for the index; a word
# the parser keeps nothing of ("²") matches nobody, as through the ORM. Those queries come from the parameters
# through a subquery, so the planner never reads them: its estimate is the default one whatever the words, and the
# candidates always come from the index, never from a scan of the table stopped after SEARCH_CANDIDATES matches
# (which it chose for a `pk IN (first 500 matches)` subquery: 16 ms). The plan does not depend on the values, so the
# statement is prepared (planning took 0.3 ms); the ranking queries are computed once (``query``), not once per
# candidate as a generic plan would. Ranked as ``search.rank`` weighs; merged records left out
# (``CompanyQuerySet.live``).
SEARCH_CANDIDATES = 500
NAMED_SQL = """
    WITH query AS MATERIALIZED (
        SELECT CASE WHEN bool_and(numnode(word.whole) > 0)
                    THEN string_agg('(' || word.whole::text || ')', ' & ')::tsquery END AS whole,
               CASE WHEN bool_and(numnode(word.matched) > 0)
                    THEN string_agg('(' || word.matched::text || ')', ' & ')::tsquery END AS matched,
               plainto_tsquery('french_unaccent', %(rank_words)s::text) AS rank_words,
               to_tsquery('simple_unaccent', %(rank_prefixes)s::text) AS rank_prefixes
          FROM (SELECT plainto_tsquery('simple_unaccent', coalesce(whole, stem, left(prefix, -2)))
                       || coalesce(plainto_tsquery('french_unaccent', stem), ''),
                       CASE WHEN whole IS NOT NULL THEN plainto_tsquery('simple_unaccent', whole)
                            WHEN stem IS NULL THEN to_tsquery('simple_unaccent', prefix)
                            ELSE to_tsquery('simple_unaccent', prefix) || plainto_tsquery('french_unaccent', stem)
                       END
                  FROM unnest(%(whole)s::text[], %(prefixes)s::text[], %(stems)s::text[])
                       AS word(whole, prefix, stem)) AS word(whole, matched)
    ), whole_words AS MATERIALIZED (
        SELECT c.id, c.name, c.registration_number, c.commune_id, c.search, c.name_key
          FROM referrals_company c
         WHERE c.merged_into_id IS NULL AND c.search @@ (SELECT whole FROM query)
         LIMIT %(candidates)s
    ), candidate AS (
        SELECT * FROM whole_words
         UNION ALL
        (SELECT c.id, c.name, c.registration_number, c.commune_id, c.search, c.name_key
           FROM referrals_company c
          WHERE c.merged_into_id IS NULL AND c.search @@ (SELECT matched FROM query)
            AND NOT coalesce(c.search @@ (SELECT whole FROM query), false)
          LIMIT (SELECT %(candidates)s - count(*) FROM whole_words))
    )
    SELECT best.id, best.name, best.registration_number,
           (SELECT t.name FROM network_territory t WHERE t.id = best.commune_id) AS commune_name
      FROM (SELECT id, name, registration_number, commune_id, name_key,
                   ts_rank(search, (SELECT rank_words FROM query)) * 2
                   + ts_rank(search, (SELECT rank_prefixes FROM query)) AS rank
              FROM candidate
             ORDER BY rank DESC, name_key, name, id
             LIMIT %(limit)s) AS best
     ORDER BY best.rank DESC, best.name_key, best.name, best.id
"""


class FoundCompany(TypedDict):
    """A line of the search page, read by ``NAMED_SQL``. A dict, which the template engine tries first: the 50 lines
    render in 0.8 ms, against 1 ms as attributes of a dataclass; 0.5 ms with the details composed here."""

    url: str
    name: str
    details: str  # "SIREN · commune", or "project (no number yet) · commune"


def _details(number: str | None, commune: str | None) -> str:
    """What the search page says of a company after its name: its number (else that it is a project), its commune."""
    return " · ".join(part for part in (number or _("project (no number yet)"), commune) if part)


def companies_named(text: str) -> list[FoundCompany]:
    """The companies whose name matches ``text`` (not a number), best first, at most SEARCH_LIMIT + 1: see
    NAMED_SQL for which, when very many match."""
    words = search.statement_parameters(text)
    if words is None or not words["ranked"]:  # stop words only, or no word at all: nobody
        return []
    parameters = {name: words[name] for name in ("whole", "prefixes", "stems", "rank_words", "rank_prefixes")}
    with prepared(), connection.cursor() as database:
        database.execute(NAMED_SQL, {**parameters, "candidates": SEARCH_CANDIDATES, "limit": SEARCH_LIMIT + 1})
        rows = database.fetchall()
    detail = url_maker("companies:detail")  # reversed once for the 50 rows
    return [
        FoundCompany(url=detail(pk), name=name, details=_details(number, commune))
        for pk, name, number, commune in rows
    ]


# A number usually names one record: the search goes straight to it. Two columns of at most two rows, as a constant
# statement: it is the whole work of the request (issue 7 wants it within 3 × /healthz), and the ORM's build and
# compile cost more than PostgreSQL's answer from the registration-number index.
NUMBERED_SQL = "SELECT id, merged_into_id FROM referrals_company WHERE registration_number = %s LIMIT 2"


def _only_company_numbered(text: str) -> int | None:
    """The key of the one record ``text`` names by its number (the record it was merged into, if it was); None when
    the text is not a valid number, or names no record or several (the search page then lists them)."""
    if not looks_like_a_number(text):
        return None
    try:
        number = parse_company_number(text)
    except CompanyNumberError:
        return None
    with prepared(), connection.cursor() as database:  # a lookup by unique key: planned once per connection
        database.execute(NUMBERED_SQL, [number.registration_number])
        rows = database.fetchall()
    if len(rows) != 1:
        return None
    pk, merged_into_id = rows[0]
    return merged_into_id or pk


@require_safe
@company_data_required()
def company_search(request):
    form = CompanySearchForm(request.GET or None)
    companies, number_error, status = [], "", 200
    if form.is_bound:
        if form.is_valid() and form.cleaned_data["q"]:
            only = _only_company_numbered(form.cleaned_data["q"])
            if only is not None:
                return redirect(link("companies:detail", only))
            if looks_like_a_number(form.cleaned_data["q"]):
                found, number_error = search_companies(form.cleaned_data["q"])
                companies = list(found)
                detail = url_maker("companies:detail")
                for company in companies:
                    company.url = detail(company.pk)  # reversed once for the 50 rows
                    company.details = _details(company.registration_number, company.commune_name)
            else:
                companies = companies_named(form.cleaned_data["q"])
        elif not form.is_valid():
            status = 400
    context = {
        "form": form,
        "companies": companies[:SEARCH_LIMIT],
        "more": len(companies) > SEARCH_LIMIT,
        "number_error": number_error,
        "searched": form.is_bound and form.is_valid() and bool(form.cleaned_data["q"]),
    }
    partial = request.htmx and not request.htmx.boosted
    template = "referrals/_search_results.html" if partial else "referrals/search.html"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


# --- The company page -------------------------------------------------------------------------------------------


def _company_or_404(pk) -> Company:
    return get_object_or_404(Company.objects.select_related("commune", "merged_into").defer("search"), pk=pk)


# The company page reads the record, its people and its timeline on every visit, in constant statements (issue 7):
# built and compiled by the ORM, the record's select with its two joins cost twice what PostgreSQL took to answer,
# and the people's three columns four times. ``instances`` still gives model instances (``get_sector_display``…).
COMPANY_PAGE_SQL = """
    SELECT c.id, c.name, c.registration_number, c.establishment_number, c.legal_form, c.activity_code, c.sector,
           c.size_band, c.founded_on, c.stage, c.website, c.commune_id, c.merged_into_id,
           t.name AS commune_name, m.name AS merged_into_name
      FROM referrals_company c
      LEFT JOIN network_territory t ON t.id = c.commune_id
      LEFT JOIN referrals_company m ON m.id = c.merged_into_id
     WHERE c.id = %s
"""
COMPANY_NAME_SQL = "SELECT id, name, merged_into_id FROM referrals_company WHERE id = %s"
COMPANY_PEOPLE_SQL = """
    SELECT id, full_name, job_title FROM referrals_companycontact WHERE company_id = %s
     ORDER BY name_sort_key(full_name), full_name, id
"""


def _one_company(sql: str, pk: int) -> Company:
    """The company ``sql`` reads by key, with the columns it names only; 404 when there is none."""
    found = []
    if pk < 2**63:  # else beyond the key's type: no such record
        found = instances(Company, sql, [pk], prepare=True)  # lookups by primary key: planned once
    if not found:
        raise Http404(_("No company has this address."))
    return found[0]


def parse_cursor(value: str | None) -> tuple[date, int] | None:
    """The keyset cursor ``YYYY-MM-DD_<id>`` of the last row shown; None when absent or malformed (including an id
    beyond the database's bigint, which would otherwise fail in the query)."""
    if not value:
        return None
    day, _separator, pk = value.partition("_")
    try:
        cursor = date.fromisoformat(day), int(pk)
    except ValueError:
        return None
    return cursor if 0 < cursor[1] < 2**63 else None


SUMMARY_SHOWN = 400  # characters of a summary on the timeline (the contact's page shows it whole)


class TimelineRow(TypedDict):
    """One contact on a company's timeline, ready to print: its values, and its markup (``html``), written here
    rather than by a template (issue 7: through the template, with its lines already composed here, the 20 rows of
    a page took 0.8 ms, a tenth of the company page; written here, 0.1 ms), as the portal's quick widgets do
    (network/widgets.py). tests/referrals/test_companies.py pins the markup to the template's. The content is empty
    unless ``readable``."""

    pk: int
    occurred_on: date
    iso_day: str  # the date as YYYY-MM-DD
    day: str  # the date in the page's language
    heading: str  # "organisation · channel · advisor"; the organisation alone when the content is not readable
    is_confidential: bool
    readable: bool
    summary: str
    topics: str  # "themes · services · with the people met"
    url: str
    html: str  # the row's <li>, escaped and marked safe (``_entry``)


# The timeline in one constant statement (IN-2: values only as parameters). Written by hand because it runs on every
# company page: built and compiled by the ORM, the same query cost three times what PostgreSQL took to run it
# (issue 7). The content of a row (channel, advisor, summary, themes, services, people) is one JSON object, built only
# for the rows the viewer may read (not confidential, or logged by an organisation they work for): for the others
# the database returns NULL, so a confidential contact's content never leaves it. Bilingual names come in the page's
# language, else the other one. The keyset condition compares (occurred_on, id) with the last row shown (the first
# page with a cursor after every row, ``FIRST_PAGE``), which the ``interaction_timeline`` index serves directly, on
# page 500 as on page 1. With no OR in the condition, the index gives both the rows and their order whatever the
# values, so the statement is prepared (network/statements.py): the generic plan PostgreSQL then keeps is that index
# walk, and planning the row's subqueries, which cost twice running them, is done once per connection (issue 7).
TIMELINE_SQL = """
    SELECT i.id, i.occurred_on, i.is_confidential, o.name,
           CASE WHEN NOT i.is_confidential OR i.organisation_id = ANY(%(organisations)s) THEN json_build_object(
               'channel', i.channel,
               'advisor', coalesce(nullif(u.full_name, ''), u.email),
               'summary', left(i.summary, %(summary_length)s),
               'themes', ARRAY(
                   SELECT CASE WHEN %(language)s = 'en' THEN coalesce(nullif(t.name_en, ''), t.name_fr)
                               ELSE coalesce(nullif(t.name_fr, ''), t.name_en) END
                     FROM referrals_interaction_themes it JOIN network_theme t ON t.id = it.theme_id
                    WHERE it.interaction_id = i.id ORDER BY t.position, t.slug),
               'services', ARRAY(
                   SELECT CASE WHEN %(language)s = 'en' THEN coalesce(nullif(s.title_en, ''), s.title_fr)
                               ELSE coalesce(nullif(s.title_fr, ''), s.title_en) END
                     FROM referrals_interaction_services si JOIN members_service s ON s.id = si.service_id
                    WHERE si.interaction_id = i.id ORDER BY name_sort_key(s.title_fr), s.title_fr, s.id),
               'people', ARRAY(
                   SELECT c.full_name
                     FROM referrals_interaction_contacts ic
                     JOIN referrals_companycontact c ON c.id = ic.companycontact_id
                    WHERE ic.interaction_id = i.id ORDER BY name_sort_key(c.full_name), c.full_name, c.id)
           ) END AS content
      FROM referrals_interaction i
      JOIN members_memberorganisation o ON o.id = i.organisation_id
      JOIN members_advisor a ON a.id = i.advisor_id
      JOIN network_user u ON u.id = a.user_id
     WHERE i.company_id = %(company)s
       AND (i.occurred_on, i.id) < (%(before_day)s::date, %(before_id)s::bigint)
     ORDER BY i.occurred_on DESC, i.id DESC
     LIMIT %(limit)s
"""


def _shortened(summary: str) -> str:
    """At most SUMMARY_SHOWN characters, the last an ellipsis when the summary is longer (the statement reads one
    character more than shown, to know)."""
    return summary if len(summary) <= SUMMARY_SHOWN else summary[: SUMMARY_SHOWN - 1].rstrip() + "…"


FIRST_PAGE = (date.max, 2**63 - 1)  # the keyset cursor of the first page: after every contact


def _entry(row: TimelineRow, words: dict[str, str]) -> str:
    """The ``<li>`` of a timeline row: its day, heading and badge, then what was discussed and a link to the contact,
    or the notice that the content is confidential. Every value escaped; ``words`` (already escaped) are the
    page's "Confidential", "Details" and that notice."""
    badge = f' <span class="badge text-bg-secondary">{words["confidential"]}</span>' if row["is_confidential"] else ""
    if row["readable"]:
        summary = f'<p class="mb-1 prose">{escape(row["summary"])}</p>\n  ' if row["summary"] else ""
        topics = f"{escape(row['topics'])} · " if row["topics"] else ""
        link = f'<a href="{escape(row["url"])}">{words["details"]}</a>'
        content = f'{summary}<p class="mb-0 small text-body-secondary">{topics}{link}</p>'
    else:
        content = f'<p class="mb-0 small text-body-secondary">{words["hidden"]}</p>'
    return mark_safe(  # every value above is escaped (to a template: issue 15)  # nosec B308
        f'<li class="timeline-entry">\n  <p class="mb-1"><strong><time datetime="{row["iso_day"]}">'
        f"{escape(row['day'])}</time></strong> · {escape(row['heading'])}{badge}</p>\n  {content}\n</li>\n"
    )


def timeline_page(company: Company, user, cursor=None) -> tuple[list[TimelineRow], str | None]:
    """One page of the company's timeline, newest first, and the cursor of the next page (None at the end), in one
    query (``TIMELINE_SQL``): plain rows, formatted here once, so the template only prints."""
    day, before = cursor if cursor is not None else FIRST_PAGE
    parameters = {
        "company": company.pk,
        "organisations": sorted(perms.viewer_organisation_ids(user)),
        "language": (get_language() or settings.LANGUAGE_CODE)[:2],
        "summary_length": SUMMARY_SHOWN + 1,
        "before_day": day,
        "before_id": before,
        "limit": TIMELINE_PAGE + 1,
    }
    with prepared(), connection.cursor() as database:
        database.execute(TIMELINE_SQL, parameters)
        rows = database.fetchall()
    more = len(rows) > TIMELINE_PAGE
    rows = rows[:TIMELINE_PAGE]
    channels = {value: str(label) for value, label in Interaction.Channel.choices}
    detail = url_maker("companies:interaction")
    met_with = _("with")
    words = {
        "confidential": escape(_("Confidential")),
        "details": escape(_("Details")),
        "hidden": escape(_("A contact confidential to this organisation: only it sees the content.")),
    }
    timeline = []
    for pk, occurred_on, is_confidential, organisation, content in rows:
        row = TimelineRow(
            pk=pk,
            occurred_on=occurred_on,
            iso_day=occurred_on.isoformat(),
            day=day_format(occurred_on),
            heading=organisation,
            is_confidential=is_confidential,
            readable=content is not None,
            summary="",
            topics="",
            url="",
            html="",
        )
        if content is not None:
            content = json.loads(content) if isinstance(content, str) else content
            channel = channels.get(content["channel"], content["channel"])
            topics = [", ".join(content["themes"]), ", ".join(content["services"])]
            if content["people"]:
                topics.append(f"{met_with} {', '.join(content['people'])}")
            row["heading"] = f"{organisation} · {channel} · {content['advisor']}"
            row["summary"] = _shortened(content["summary"])
            row["topics"] = " · ".join(topic for topic in topics if topic)
            row["url"] = detail(pk)
        row["html"] = _entry(row, words)
        timeline.append(row)
    next_cursor = f"{rows[-1][1].isoformat()}_{rows[-1][0]}" if more else None
    return timeline, next_cursor


ORGANISATIONS_SHOWN = 10  # with their counts; the others by name only


# "Who works with this company": each organisation's stored count and last date (``CompanyActivity``, kept by
# triggers: counting the busiest company's 5,000 contacts on each visit cost a millisecond, issue 7), named. A constant
# statement, prepared (network/statements.py): whatever the company, the plan reads its rows from the
# ``company_activity_once`` index, then the names by key.
WORKING_ORGANISATIONS_SQL = """
    SELECT o.name, a.contacts, a.last_on
      FROM referrals_companyactivity a
      JOIN members_memberorganisation o ON o.id = a.organisation_id
     WHERE a.company_id = %(company)s
     ORDER BY a.last_on DESC, name_sort_key(o.name), o.name
"""


def _activity(organisation: dict) -> str:
    """ "12 contacts, last 03/02/2026": an organisation's line under "who works with this company", composed here
    once rather than by two ``blocktranslate`` a line in the template."""
    count = organisation["count"]
    contacts = ngettext("%(counter)s contact", "%(counter)s contacts", count) % {"counter": count}
    return ", ".join((contacts, _("last %(day)s") % {"day": day_format(organisation["last_on"], "SHORT_DATE_FORMAT")}))


def working_organisations(company: Company) -> list[dict]:
    """Each organisation that logged a contact with ``company``: its name, how many contacts and the last date,
    latest first."""
    with prepared(), connection.cursor() as database:
        database.execute(WORKING_ORGANISATIONS_SQL, {"company": company.pk})
        return [{"name": name, "count": count, "last_on": last_on} for name, count, last_on in database.fetchall()]


def _label(choices, value: str) -> str:
    """What ``get_<field>_display()`` says of ``value``, from its choices enum: the method builds a dict of the field's
    choices, hashing each lazy label, at every call (issue 7)."""
    try:
        return str(choices(value).label)
    except ValueError:  # a value no longer among the choices: shown as stored, as Django does
        return value


def _identity_line(company: Company) -> str:
    """The line under the company's name: "SIREN 382614733 · Orléans · Construction", composed once."""
    number = f"{_('SIREN')} {company.registration_number}" if company.registration_number else None
    sector = _label(Sector, company.sector) if company.sector else ""
    return " · ".join(part for part in (number or _("Project (no number yet)"), company.commune_name, sector) if part)


def _identity(company: Company) -> list[tuple[str, str]]:
    """The record's "Identity" panel, what is filled in of it: (term, value) pairs in the panel's order."""
    values = (
        (_("Establishment (SIRET)"), company.establishment_number),
        (_("Legal form"), company.legal_form),
        (_("Activity code"), company.activity_code),
        (_("Size"), company.size_band and _label(Company.SizeBand, company.size_band)),
        (_("Created"), day_format(company.founded_on)),
        (_("Stage"), company.stage and _label(Company.Stage, company.stage)),
    )
    return [(term, value) for term, value in values if value]


def _recent_line(contact) -> str:
    """ "CCI Loiret (Claire Martin), last on 03/02/2026": a line of the "already in contact" warning."""
    who = f"{contact.organisation} ({contact.advisor})" if contact.advisor else contact.organisation
    return f"{who}, {_('last on %(day)s') % {'day': day_format(contact.last_on)}}"


@require_safe
@company_data_required()
def company_detail(request, pk):
    company = _one_company(COMPANY_PAGE_SQL, pk)
    if company.merged_into_id:
        messages.info(request, _("This record was merged into %(name)s.") % {"name": company.merged_into_name})
        return redirect("companies:detail", pk=company.merged_into_id)
    timeline, next_cursor = timeline_page(company, request.user)
    organisations = working_organisations(company)
    recent = recent_contacts_by_others(company, request.user)
    # Lines composed here, not in the template: at region scale template lookups and filters per line cost more
    # than the queries (issue 7).
    return render(
        request,
        "referrals/company.html",
        {
            "company": company,
            "identity_line": _identity_line(company),
            "identity": _identity(company),
            "contacts": instances(CompanyContact, COMPANY_PEOPLE_SQL, [company.pk]),
            "organisations": [(row["name"], _activity(row)) for row in organisations[:ORGANISATIONS_SHOWN]],
            "other_organisations": ", ".join(row["name"] for row in organisations[ORGANISATIONS_SHOWN:]),
            "other_count": max(0, len(organisations) - ORGANISATIONS_SHOWN),
            "recent_lines": [_recent_line(contact) for contact in recent],
            "recent_more": recent.more,
            "timeline": timeline,
            "next_cursor": next_cursor,
            "can_edit": perms.can_edit_companies(request.user),
            "can_log": perms.can_log_interactions(request.user),
            "can_merge": perms.can_merge_companies(request.user),
        },
    )


@require_safe
@company_data_required()
def company_timeline(request, pk):
    """The next page of the timeline: rows only for htmx ("Show older contacts"), a page of its own without it."""
    company = _one_company(COMPANY_NAME_SQL, pk)  # the page shows its name only
    if company.merged_into_id:  # its contacts moved to the record it was merged into
        return redirect("companies:timeline", pk=company.merged_into_id)
    cursor = parse_cursor(request.GET.get("before"))
    if request.GET.get("before") and cursor is None:
        raise Http404(_("This page of the timeline does not exist."))
    timeline, next_cursor = timeline_page(company, request.user, cursor)
    context = {"company": company, "timeline": timeline, "next_cursor": next_cursor}
    template = "referrals/_timeline_rows.html" if request.htmx else "referrals/timeline.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@company_data_required()
def company_edit(request, pk):
    if not perms.can_edit_companies(request.user):
        raise PermissionDenied(_("Your account reads company records but does not change them."))
    company = _company_or_404(pk)
    if company.merged_into_id:
        return redirect("companies:edit", pk=company.merged_into_id)
    form = CompanyIdentityForm(request.POST or None, instance=company)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                company_update(
                    company=company,
                    values=form.identity_values(),
                    expected_version=form.cleaned_data["version"],
                    by=request.user,
                )
            except StaleEdit as stale:
                # Their version beside this input, field by field; the form to save again holds their value where
                # they changed something, this input elsewhere, and the saved version's token. Its own copy of the
                # record: a bound form writes its input onto its instance, and the page names the saved record.
                conflicts, data = form.conflict(stale.current)
                return render(
                    request,
                    "referrals/company_edit.html",
                    {
                        "company": stale.current,
                        "form": CompanyIdentityForm(data, instance=copy.copy(stale.current)),
                        "conflicts": conflicts,
                        "stale": True,
                    },
                    status=409,
                )
            messages.success(request, _("The company's record is saved."))
            return redirect("companies:detail", pk=company.pk)
    return render(request, "referrals/company_edit.html", {"company": company, "form": form}, status=status)


@require_safe
@company_data_required()
def interaction_detail(request, pk):
    """One contact, in full. A confidential one exists only for its organisation: 404 for everyone else."""
    interaction = get_object_or_404(
        Interaction.objects.filter(perms.content_visible(request.user))
        .select_related("company", "organisation", "advisor__user")
        .prefetch_related("contacts", "themes", "services"),
        pk=pk,
    )
    return render(request, "referrals/interaction.html", {"interaction": interaction})


@require_http_methods(["GET", "HEAD", "POST"])
@company_data_required()
def company_merge_view(request, pk):
    """Network managers merge a duplicate into the record to keep: search the other record, see what moves,
    confirm. Everything linked follows; the duplicate's address keeps leading to the kept record."""
    if not perms.can_merge_companies(request.user):
        raise PermissionDenied(_("Only network managers merge company records."))
    source = _company_or_404(pk)
    if source.merged_into_id:
        messages.info(request, _("This record was merged into %(name)s.") % {"name": source.merged_into.name})
        return redirect("companies:detail", pk=source.merged_into_id)
    query = " ".join(request.GET.get("q", "").split())[:200]
    candidates = []
    if query:
        found, _error = search_companies(query)
        candidates = [company for company in found[:20] if company.pk != source.pk and not company.merged_into_id]
    form = CompanyMergeForm(request.POST or None, source=source)
    plan, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            target = form.cleaned_data["target"]
            try:
                if form.cleaned_data["confirm"]:
                    services.company_merge(source=source, target=target, by=request.user)
                    messages.success(
                        request,
                        _("%(source)s is merged into %(target)s: its contacts and people are here now.")
                        % {"source": source.name, "target": target.name},
                    )
                    return redirect("companies:detail", pk=target.pk)
                plan, status = company_merge_plan(source=source, target=target), 200
            except MergeError as error:
                form.add_error("target", str(error))
    return render(
        request,
        "referrals/company_merge.html",
        {"company": source, "form": form, "query": query, "candidates": candidates, "plan": plan},
        status=status,
    )

"""Company pages of the extranet: search, the company's page with its timeline, identity edits, merges, one
interaction."""

import copy
import json
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from members import search
from network.ordering import by_name
from referrals import perms, queries, services
from referrals.access import company_data_required, get_company_for_user, get_interaction_for_user
from referrals.forms.companies import CompanyIdentityForm, CompanyMergeForm, CompanySearchForm
from referrals.models import Company, CompanyActivity, CompanyContact, Interaction
from referrals.services import (
    SEARCH_LIMIT,
    CompanyNumberError,
    MergeError,
    StaleEdit,
    company_merge_plan,
    company_update,
    looks_like_a_number,
    parse_company_number,
    recent_contacts_by_others,
    search_companies,
)

SEARCH_CANDIDATES = 500  # matches ranked by the search by name (queries.NAMED_SQL)
TIMELINE_PAGE = 20
SUMMARY_SHOWN = 400  # characters of a summary on the timeline (the contact's page shows it whole)
ORGANISATIONS_SHOWN = 10  # with their counts; the others by name only


# --- Search -----------------------------------------------------------------------------------------------------


def _details(number: str | None, commune: str | None) -> str:
    """What the search page says of a company after its name: its number (else that it is a project), its commune."""
    return " · ".join(part for part in (number or _("project (no number yet)"), commune) if part)


def _companies_named(text: str) -> list[dict]:
    """The companies whose name matches ``text`` (not a number), best first, at most SEARCH_LIMIT + 1: see
    ``queries.NAMED_SQL`` for which, when very many match."""
    words = search.statement_parameters(text)
    if words is None or not words["ranked"]:  # stop words only, or no word at all: nobody
        return []
    rows = queries.companies_named(words, candidates=SEARCH_CANDIDATES, limit=SEARCH_LIMIT + 1)
    return [{"pk": pk, "name": name, "details": _details(number, commune)} for pk, name, number, commune in rows]


def _only_company_numbered(text: str) -> int | None:
    """The key of the one record ``text`` names by its number (the record it was merged into, if it was); None when
    the text is not a valid number, or names no record or several (the search page then lists them)."""
    if not looks_like_a_number(text):
        return None
    try:
        number = parse_company_number(text)
    except CompanyNumberError:
        return None
    rows = Company.objects.filter(registration_number=number.registration_number).values_list("id", "merged_into_id")
    rows = list(rows[:2])
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
            text = form.cleaned_data["q"]
            only = _only_company_numbered(text)
            if only is not None:
                return redirect("referrals:company_detail", pk=only)
            if looks_like_a_number(text):
                found, number_error = search_companies(text)
                companies = [
                    {"pk": c.pk, "name": c.name, "details": _details(c.registration_number, c.commune_name)}
                    for c in found
                ]
            else:
                companies = _companies_named(text)
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


FIRST_PAGE = (date.max, 2**63 - 1)  # the keyset cursor of the first page: after every contact


def _shortened(summary: str) -> str:
    """At most SUMMARY_SHOWN characters, the last an ellipsis when the summary is longer (the statement reads one
    character more than shown, to know)."""
    return summary if len(summary) <= SUMMARY_SHOWN else summary[: SUMMARY_SHOWN - 1].rstrip() + "…"


def timeline_page(company: Company, user, cursor=None) -> tuple[list[dict], str | None]:
    """One page of the company's timeline, newest first, and the cursor of the next page (None at the end), in one
    query (``queries.TIMELINE_SQL``). Each row (``referrals/includes/timeline_row.html``): pk, occurred_on,
    heading ("organisation · channel · advisor"; the organisation alone when the content is not readable),
    is_confidential, readable, summary, topics ("themes · services · with the people met")."""
    rows = queries.timeline(
        company_id=company.pk,
        readable=perms.confidential_readable_organisations(user),
        language=(get_language() or settings.LANGUAGE_CODE)[:2],
        summary_length=SUMMARY_SHOWN + 1,
        before=cursor if cursor is not None else FIRST_PAGE,
        limit=TIMELINE_PAGE + 1,
    )
    more = len(rows) > TIMELINE_PAGE
    rows = rows[:TIMELINE_PAGE]
    channels = dict(Interaction.Channel.choices)
    timeline = []
    for pk, occurred_on, is_confidential, organisation, content in rows:
        row = {
            "pk": pk,
            "occurred_on": occurred_on,
            "heading": organisation,
            "is_confidential": is_confidential,
            "readable": content is not None,
            "summary": "",
            "topics": "",
        }
        if content is not None:
            content = json.loads(content) if isinstance(content, str) else content
            topics = [", ".join(content["themes"]), ", ".join(content["services"])]
            if content["people"]:
                topics.append(f"{_('with')} {', '.join(content['people'])}")
            channel = channels.get(content["channel"], content["channel"])
            row["heading"] = f"{organisation} · {channel} · {content['advisor']}"
            row["summary"] = _shortened(content["summary"])
            row["topics"] = " · ".join(topic for topic in topics if topic)
        timeline.append(row)
    next_cursor = f"{rows[-1][1].isoformat()}_{rows[-1][0]}" if more else None
    return timeline, next_cursor


def _identity_line(company: Company) -> str:
    """The line under the company's name: "SIREN 382614733 · Orléans · Construction"."""
    number = f"{_('SIREN')} {company.registration_number}" if company.registration_number else None
    commune = company.commune.name if company.commune_id else ""
    sector = company.get_sector_display() if company.sector else ""
    return " · ".join(part for part in (number or _("Project (no number yet)"), commune, sector) if part)


def _identity(company: Company) -> list[tuple[str, object]]:
    """The record's "Identity" panel, what is filled in of it: (term, value) pairs in the panel's order; a date is
    formatted by the template."""
    values = (
        (_("Establishment (SIRET)"), company.establishment_number),
        (_("Legal form"), company.legal_form),
        (_("Activity code"), company.activity_code),
        (_("Size"), company.size_band and company.get_size_band_display()),
        (_("Created"), company.founded_on),
        (_("Stage"), company.stage and company.get_stage_display()),
    )
    return [(term, value) for term, value in values if value]


@require_safe
@company_data_required()
def company_detail(request, pk):
    company = get_company_for_user(request, pk)
    if company.pk != pk:
        messages.info(request, _("This record was merged into %(name)s.") % {"name": company.name})
        return redirect("referrals:company_detail", pk=company.pk)
    timeline, next_cursor = timeline_page(company, request.user)
    organisations = list(
        CompanyActivity.objects.filter(company=company)
        .order_by("-last_on", *by_name("organisation__name"))
        .values("organisation__name", "contacts", "last_on")
    )
    return render(
        request,
        "referrals/company.html",
        {
            "company": company,
            "identity_line": _identity_line(company),
            "identity": _identity(company),
            "contacts": CompanyContact.objects.filter(company_id=company.pk).only("id", "full_name", "job_title"),
            "organisations": organisations[:ORGANISATIONS_SHOWN],
            "other_organisations": ", ".join(row["organisation__name"] for row in organisations[ORGANISATIONS_SHOWN:]),
            "other_count": max(0, len(organisations) - ORGANISATIONS_SHOWN),
            "recent": recent_contacts_by_others(company, request.user),
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
    company = get_company_for_user(request, pk)
    if company.pk != pk:  # its contacts moved to the record it was merged into
        return redirect("referrals:company_timeline", pk=company.pk)
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
    company = get_company_for_user(request, pk, write=True)
    if company.pk != pk:
        return redirect("referrals:company_edit", pk=company.pk)
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
            return redirect("referrals:company_detail", pk=company.pk)
    return render(request, "referrals/company_edit.html", {"company": company, "form": form}, status=status)


@require_safe
@company_data_required()
def interaction_detail(request, pk):
    """One contact, in full. A confidential one exists only for its organisation: 404 for everyone else."""
    interaction = get_interaction_for_user(request, pk)
    return render(request, "referrals/interaction.html", {"interaction": interaction})


@require_http_methods(["GET", "HEAD", "POST"])
@company_data_required()
def company_merge(request, pk):
    """Network managers merge a duplicate into the record to keep: search the other record, see what moves,
    confirm. Everything linked follows; the duplicate's address keeps leading to the kept record."""
    if not perms.can_merge_companies(request.user):
        raise PermissionDenied(_("Only network managers merge company records."))
    source = get_company_for_user(request, pk, write=True)
    if source.pk != pk:
        messages.info(request, _("This record was merged into %(name)s.") % {"name": source.name})
        return redirect("referrals:company_detail", pk=source.pk)
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
                    return redirect("referrals:company_detail", pk=target.pk)
                plan, status = company_merge_plan(source=source, target=target), 200
            except MergeError as error:
                form.add_error("target", str(error))
    return render(
        request,
        "referrals/company_merge.html",
        {"company": source, "form": form, "query": query, "candidates": candidates, "plan": plan},
        status=status,
    )

"""Company pages of the extranet: search, the company's page with its timeline, identity edits, one interaction."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from members import search
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
        return found.select_related("commune"), ""
    condition = search.matching(text, words="search", stemmed=(("search", "french_unaccent"),))
    if condition is None:
        return Company.objects.none(), ""
    ranked = (
        Company.objects.live()
        .filter(condition)
        .annotate(rank=search.rank(text, stemmed="search", words="search"))
        .select_related("commune")
        .defer("search")
        .order_by("-rank", "name", "pk")
    )
    return ranked[: SEARCH_LIMIT + 1], ""


@require_GET
@company_data_required()
def company_search(request):
    form = CompanySearchForm(request.GET or None)
    companies, number_error, status = [], "", 200
    if form.is_bound:
        if form.is_valid() and form.cleaned_data["q"]:
            found, number_error = search_companies(form.cleaned_data["q"])
            if looks_like_a_number(form.cleaned_data["q"]):
                # A number usually names one record: go straight to it, reading two columns only (the search
                # page's list is for the rare number shared by several records).
                keys = list(found.values_list("pk", "merged_into_id")[:2])
                if len(keys) == 1:
                    pk, merged_into_id = keys[0]
                    return redirect("companies:detail", pk=merged_into_id or pk)
            companies = list(found)
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


def parse_cursor(value: str | None) -> tuple[date, int] | None:
    """The keyset cursor ``YYYY-MM-DD_<id>`` of the last row shown; None when absent or malformed."""
    if not value:
        return None
    day, _separator, pk = value.partition("_")
    try:
        return date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def timeline_page(company: Company, user, cursor=None) -> tuple[list[Interaction], str | None]:
    """One page of the company's timeline, newest first, and the cursor of the next page (None at the end).

    Keyset pagination on (occurred_on, id), served by the ``interaction_timeline`` index: as fast on page 500 as
    on page 1. Two steps, so the content of a confidential interaction never leaves the database for someone
    outside its organisation: the page's rows (date, organisation, confidentiality only), then the content of the
    rows this user may read, with their people, themes and services. Five queries whatever the rows."""
    rows = (
        Interaction.objects.filter(company=company)
        .timeline()
        .select_related("organisation")
        .only("id", "occurred_on", "is_confidential", "company_id", "organisation__name", "organisation__slug")
    )
    if cursor is not None:
        day, pk = cursor
        rows = rows.filter(Q(occurred_on__lt=day) | Q(occurred_on=day, id__lt=pk))
    rows = list(rows[: TIMELINE_PAGE + 1])
    more = len(rows) > TIMELINE_PAGE
    rows = rows[:TIMELINE_PAGE]
    readable = [row.pk for row in rows if perms.can_read_interaction_content(user, row)]
    contents = {
        interaction.pk: interaction
        for interaction in Interaction.objects.filter(pk__in=readable)
        .select_related("advisor__user")
        .prefetch_related(
            Prefetch("contacts", queryset=CompanyContact.objects.only("id", "full_name", "company_id")),
            "themes",
            "services",
        )
    }
    for row in rows:
        row.content = contents.get(row.pk)
    next_cursor = f"{rows[-1].occurred_on.isoformat()}_{rows[-1].pk}" if more else None
    return rows, next_cursor


@require_GET
@company_data_required()
def company_detail(request, pk):
    company = _company_or_404(pk)
    if company.merged_into_id:
        messages.info(request, _("This record was merged into %(name)s.") % {"name": company.merged_into.name})
        return redirect("companies:detail", pk=company.merged_into_id)
    timeline, next_cursor = timeline_page(company, request.user)
    organisations = (
        Interaction.objects.filter(company=company)
        .values("organisation__name")
        .annotate(count=Count("id"), last_on=Max("occurred_on"))
        .order_by("-last_on", "organisation__name")
    )
    return render(
        request,
        "referrals/company.html",
        {
            "company": company,
            "contacts": CompanyContact.objects.filter(company=company).only("id", "full_name", "job_title"),
            "organisations": organisations,
            "recent_by_others": recent_contacts_by_others(company, request.user),
            "timeline": timeline,
            "next_cursor": next_cursor,
            "can_edit": perms.can_edit_companies(request.user),
            "can_log": perms.can_log_interactions(request.user),
            "can_merge": perms.can_merge_companies(request.user),
        },
    )


@require_GET
@company_data_required()
def company_timeline(request, pk):
    """The next page of the timeline: rows only for htmx ("Show older contacts"), a page of its own without it."""
    company = _company_or_404(pk)
    cursor = parse_cursor(request.GET.get("before"))
    if request.GET.get("before") and cursor is None:
        raise Http404(_("This page of the timeline does not exist."))
    timeline, next_cursor = timeline_page(company, request.user, cursor)
    context = {"company": company, "timeline": timeline, "next_cursor": next_cursor}
    template = "referrals/_timeline_rows.html" if request.htmx else "referrals/timeline.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_http_methods(["GET", "POST"])
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
                status = 409
                form = CompanyIdentityForm(request.POST, instance=stale.current)
                form.data = form.data.copy()
                form.data["version"] = stale.current.version
                form.is_valid()
                return render(
                    request,
                    "referrals/company_edit.html",
                    {"company": stale.current, "form": form, "stale": True},
                    status=status,
                )
            messages.success(request, _("The company's record is saved."))
            return redirect("companies:detail", pk=company.pk)
    return render(request, "referrals/company_edit.html", {"company": company, "form": form}, status=status)


@require_GET
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


@require_http_methods(["GET", "POST"])
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

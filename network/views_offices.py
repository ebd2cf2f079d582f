"""Offices: public pages (list, office page, "which office covers me?") and their management by network managers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import InvalidPage
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from network import perms, public_cache
from network.communes import insee_query
from network.forms import OfficeCommuneForm, OfficeForm
from network.french import elide
from network.models import NetworkStaff, Office, OfficeCommune, Territory
from network.offices import communes_of_office, find_office, office_for_commune
from network.ordering import by_name
from network.services import ServiceError, office_commune_assign, office_commune_release, office_delete, office_save

_DEPARTEMENTS = Prefetch("departements", queryset=Territory.objects.order_by("code"))


# --- Public ---------------------------------------------------------------------------------------------------------


@login_not_required
@require_safe
def office_list(request):
    offices = Office.objects.prefetch_related(_DEPARTEMENTS).order_by("-is_head_office", *by_name("name"))
    return render(request, "network/offices/list.html", {"offices": offices})


@login_not_required
@require_safe
def office_detail(request, slug):
    """The office, then its team and coverage inside a cached fragment (network/public_cache.py): on a cache hit
    they are not read at all, so they are handed to the template as lazy values."""
    office = get_object_or_404(Office, slug=slug)
    staff = (
        NetworkStaff.objects.filter(office=office)
        .select_related("user")
        .order_by("role", *by_name("user__full_name"), "user__email")
    )
    return render(
        request,
        "network/offices/detail.html",
        {"office": office, "coverage": OfficeCoverage(office), "staff": staff, "cache_seconds": public_cache.SECONDS},
    )


class OfficeCoverage:
    """The communes an office covers, grouped by département, read when first shown: names only, since an office
    covers hundreds of communes and model instances with their département cost more than the rest of the page."""

    def __init__(self, office):
        self.office = office

    @cached_property
    def departements(self) -> list[dict]:
        grouped = {}
        rows = communes_of_office(self.office).values_list("parent__code", "parent__name", "name")
        for code, departement, commune in rows:
            grouped.setdefault((code, departement), []).append(commune)
        return [
            {
                "code": code,
                "name": name,
                "count": len(names),
                "communes": names,
            }
            for (code, name), names in grouped.items()
        ]

    @cached_property
    def count(self) -> int:
        return sum(group["count"] for group in self.departements)


@login_not_required
@require_safe
def office_finder(request):
    asked = "q" in request.GET
    context = {"asked": asked, "result": None}
    if asked:
        try:
            result = find_office(request.GET.get("q", ""), page=request.GET.get("page") or 1)
        except InvalidPage:
            raise Http404(_("That page of results does not exist.")) from None
        context["result"] = result
        context["page_query"] = urlencode({"q": result.query})
        if not result.invalid and not result.matches and result.search.insee_hint is not None:
            context["insee_hint_query"] = urlencode({"q": insee_query(result.search.insee_hint)})
    status = 400 if context["result"] is not None and context["result"].invalid else 200
    return render(request, "network/offices/finder.html", context, status=status)


# --- Management -----------------------------------------------------------------------------------------------------


def _require_office_manager_rights(request):
    if not perms.can_manage_offices(request.user):
        raise PermissionDenied(_("Only network managers can change the offices and what they cover."))


def _office_for_manager(request, pk) -> Office:
    _require_office_manager_rights(request)
    return get_object_or_404(Office, pk=pk)


@require_safe
def manage_office_list(request):
    _require_office_manager_rights(request)
    offices = (
        Office.objects.annotate(
            departement_count=Count("departement_links", distinct=True),
            override_count=Count("commune_overrides", distinct=True),
            staff_count=Count("staff", distinct=True),
        )
        .prefetch_related(_DEPARTEMENTS)
        .order_by("-is_head_office", *by_name("name"))
    )
    uncovered = Territory.objects.departements().filter(office_link__isnull=True).order_by("code")
    return render(request, "network/manage/offices.html", {"offices": offices, "uncovered": uncovered})


@require_http_methods(["GET", "HEAD", "POST"])
def manage_office_create(request):
    _require_office_manager_rights(request)
    form = OfficeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        office = office_save(form=form, by=request.user)
        messages.success(request, _("The office %(name)s is created.") % {"name": office.name})
        return redirect("manage:office_edit", pk=office.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "network/manage/office_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def manage_office_edit(request, pk):
    office = _office_for_manager(request, pk)
    form = OfficeForm(request.POST or None, instance=office)
    if request.method == "POST" and form.is_valid():
        office_save(form=form, by=request.user)
        messages.success(request, _("The office %(name)s is saved.") % {"name": office.name})
        return redirect("manage:office_edit", pk=office.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "network/manage/office_form.html", _edit_context(office, form), status=status)


def _edit_context(office, form, commune_form=None, pending=None):
    overrides = office.commune_overrides.select_related("commune__parent").order_by("commune__search_name")
    return {
        "form": form,
        "office": office,
        "overrides": overrides,
        "commune_form": commune_form or OfficeCommuneForm(),
        "pending": pending,
    }


@require_POST
def manage_office_commune_add(request, pk):
    """Read the commune, show which one it is and which office has it today, and attach it once confirmed: the
    confirmation names it by its INSEE code, so what is saved is what was shown."""
    office = _office_for_manager(request, pk)
    commune_form = OfficeCommuneForm(request.POST)
    if not commune_form.is_valid():
        context = _edit_context(office, OfficeForm(instance=office), commune_form)
        return render(request, "network/manage/office_form.html", context, status=400)
    commune = commune_form.cleaned_data["commune"]
    if not commune_form.cleaned_data["confirmed"]:
        pending = {"commune": commune, "current_office": office_for_commune(commune), "value": insee_query(commune)}
        context = _edit_context(office, OfficeForm(instance=office), pending=pending)
        return render(request, "network/manage/office_form.html", context)
    office_commune_assign(office=office, commune=commune, by=request.user)
    messages.success(
        request,
        elide(
            _("%(commune)s is now handled by %(office)s.") % {"commune": commune.name, "office": office.name},
            office.name,
        ),
    )
    return redirect("manage:office_edit", pk=office.pk)


@require_POST
def manage_office_commune_remove(request, pk, link_pk):
    office = _office_for_manager(request, pk)
    link = get_object_or_404(OfficeCommune.objects.select_related("commune"), pk=link_pk, office=office)
    office_commune_release(link=link, by=request.user)
    messages.success(
        request,
        _("%(commune)s goes back to the office of its département.") % {"commune": link.commune.name},
    )
    return redirect("manage:office_edit", pk=office.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def manage_office_delete(request, pk):
    office = _office_for_manager(request, pk)
    if request.method == "POST":
        try:
            office_delete(office=office, by=request.user)
        except ServiceError as error:
            messages.error(request, str(error))
            return redirect("manage:office_edit", pk=office.pk)
        messages.success(request, _("The office %(name)s is deleted.") % {"name": office.name})
        return redirect("manage:office_list")
    communes = communes_of_office(office).count()
    return render(request, "network/manage/office_delete.html", {"office": office, "commune_count": communes})

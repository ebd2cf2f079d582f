"""Public pages: home, legal pages, contact, offices and the "which office covers me?" finder."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import InvalidPage
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from network import public_cache
from network.communes import insee_query
from network.models import NetworkStaff, Office, PrivacyNotice
from network.offices import DEPARTEMENTS_BY_CODE, communes_of_office, find_office
from network.ordering import by_name


@login_not_required
@require_safe
def home(request):
    return render(request, "network/home.html")


@login_not_required
@require_safe
def legal_notice(request):
    return render(request, "network/legal_notice.html")


@login_not_required
@require_safe
def privacy_notice(request):
    notice = PrivacyNotice.objects.current()
    history = PrivacyNotice.objects.exclude(pk=getattr(notice, "pk", None)).only("version", "published_at")[:20]
    return render(request, "network/privacy_notice.html", {"notice": notice, "history": history})


@login_not_required
@require_safe
def accessibility(request):
    return render(request, "network/accessibility.html")


@login_not_required
@require_safe
def contact(request):
    return render(request, "network/contact.html")


@login_not_required
@require_safe
def cookies(request):
    cookie_list = [
        (settings.SESSION_COOKIE_NAME, _("Keeps you signed in. Deleted when you sign out or after 12 hours.")),
        (settings.CSRF_COOKIE_NAME, _("Protects the forms you send against forgery. Kept for one year.")),
        (settings.LANGUAGE_COOKIE_NAME, _("Remembers the language you chose. Kept for one year.")),
    ]
    return render(request, "network/cookies.html", {"cookie_list": cookie_list})


# --- Offices --------------------------------------------------------------------------------------------------------


@login_not_required
@require_safe
def office_list(request):
    offices = Office.objects.prefetch_related(DEPARTEMENTS_BY_CODE).order_by("-is_head_office", *by_name("name"))
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

"""The advisor's side of the people pages: their own profile and preferences, and "Find a colleague"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from members import perms, search
from members.forms_profile import AccountPreferencesForm, AdvisorProfileForm, ColleagueSearchForm
from members.models import Advisor, Affiliation
from network.audit import changes, log_action
from network.languages import language_name
from network.links import url_maker
from network.models import Theme

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


@require_http_methods(["GET", "POST"])
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
            # Only what a result card shows (issue 7: twenty cards a page).
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.current()
                .select_related("organisation")
                .only("id", "advisor_id", "role", "organisation__name")
                .order_by("organisation__name"),
                to_attr="current_affiliations",
            ),
            Prefetch("skills", queryset=Theme.objects.only("id", "name_en", "name_fr"), to_attr="skill_list"),
        )
    )


def search_colleagues(form):
    """The advisors matching a valid ColleagueSearchForm, best matches first when there is a text query."""
    advisors = _colleagues()
    data = form.cleaned_data
    if data.get("skill"):
        themes = [data["skill"].pk, *data["skill"].children.values_list("pk", flat=True)]
        skills = Advisor.skills.through.objects.filter(advisor=OuterRef("pk"), theme_id__in=themes)
        advisors = advisors.filter(Exists(skills))
    if data.get("territory"):
        territories = Advisor.territories.through.objects.filter(advisor=OuterRef("pk"), territory=data["territory"])
        advisors = advisors.filter(Exists(territories))
    if data.get("language"):
        advisors = advisors.filter(languages__contains=[data["language"]])
    if data.get("sector"):
        advisors = advisors.filter(sectors__contains=[data["sector"]])
    if data.get("organisation"):
        works_there = Affiliation.objects.current().filter(advisor=OuterRef("pk"), organisation=data["organisation"])
        advisors = advisors.filter(Exists(works_there))
    text_matches = search.matching(data.get("q", ""))
    if text_matches is not None:
        ranked = advisors.filter(text_matches).annotate(rank=search.rank(data["q"]))
        return ranked.order_by("-rank", "user__full_name", "pk")
    return advisors.order_by("user__full_name", "user__email", "pk")


@require_GET
def colleague_search(request):
    _require_colleagues(request)
    form = ColleagueSearchForm(request.GET or None)
    searched = bool(request.GET)
    if form.is_bound and form.is_valid():
        advisors = search_colleagues(form)
    elif form.is_bound:
        advisors = Advisor.objects.none()
    else:
        advisors = _colleagues().order_by("user__full_name", "user__email", "pk")
    page = Paginator(advisors, PAGE_SIZE).get_page(request.GET.get("page"))
    profile = url_maker("advisors:colleague")
    for advisor in page.object_list:
        advisor.url = profile(advisor.pk)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "searched": searched}
    partial = request.htmx and not request.htmx.boosted
    template = "members/extranet/_colleague_results.html" if partial else "members/extranet/colleagues.html"
    response = render(request, template, context, status=400 if form.is_bound and not form.is_valid() else 200)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def colleague_detail(request, pk):
    _require_colleagues(request)
    advisor = get_object_or_404(_colleagues().prefetch_related("territories"), pk=pk)
    languages = [language_name(code) for code in advisor.languages]
    return render(request, "members/extranet/colleague.html", {"advisor": advisor, "languages": languages})

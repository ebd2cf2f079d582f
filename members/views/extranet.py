"""The advisor's side of the members pages: their own profile and preferences, "Find a colleague", and the code of
conduct (advisors sign, referents countersign)."""

from datetime import date
from typing import TypedDict

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from members import perms, search
from members.access import get_signature_for_user
from members.forms import AccountPreferencesForm, AdvisorProfileForm, ColleagueSearchForm
from members.models import Advisor, Affiliation, CodeOfConduct
from members.queries import colleague_rows
from members.services import ConductError, code_countersign, code_sign, countersign_problem, signature_status
from network.access import requires
from network.audit import changes, log_action
from network.french import elide
from network.languages import language_name
from network.models import Theme
from network.ordering import by_name
from network.throttling import client_ip

PAGE_SIZE = 20
COLLEAGUES_ONLY = gettext_lazy(
    "Finding colleagues is for people who work for a member organisation and for the network team."
)
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
            return redirect("members:profile")
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


SKILLS_SHOWN = 6  # on a card; then "and N more"


class ColleagueCard(TypedDict):
    """What a result card shows of a colleague (templates/members/includes/colleague_card.html), read by
    ``members.queries.COLLEAGUES_SQL``, with its lines composed here."""

    pk: int
    name: str
    email: str
    role: str  # "Export advisor · Initiative Touraine (referent), BPI Centre": the job title, then the organisations
    skills: list[str]  # the first SKILLS_SHOWN
    more_skills: int
    absent_until: date | None  # set while away today
    backup_name: str | None
    backup_email: str | None


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
        return colleague_rows({**parameters, "offset": (number - 1) * PAGE_SIZE})

    guess = _asked_page(page_number)
    rows = read(guess)
    paginator = Paginator(range(rows[0][0]), PAGE_SIZE)  # the count, without reading the rows again
    number = paginator.get_page(page_number).number
    if number != guess:
        rows = read(number)
    today = timezone.localdate()
    return Page([_card(row, today) for row in rows if row[1] is not None], number, paginator)


def _card(row, today: date) -> ColleagueCard:
    _count, pk, _rank, full_name, email, job_title, absent_from, absent_until, *backup, organisations, skills = row
    away = absent_from is not None and absent_from <= today <= absent_until
    return ColleagueCard(
        pk=pk,
        name=full_name or email,
        email=email,
        role=" · ".join(part for part in (job_title, ", ".join(organisations)) if part),
        skills=skills[:SKILLS_SHOWN],
        more_skills=max(len(skills) - SKILLS_SHOWN, 0),
        absent_until=absent_until if away else None,
        backup_name=backup[0],
        backup_email=backup[1],
    )


def _asked_page(value) -> int:
    """A first guess at the page shown: the number asked for, else 1 (``Paginator.get_page`` has the last word)."""
    try:
        return min(max(int(value), 1), 1_000_000)
    except (TypeError, ValueError):
        return 1


@require_safe
@requires(perms.can_find_colleagues, COLLEAGUES_ONLY)
def colleague_search(request):
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
@requires(perms.can_find_colleagues, COLLEAGUES_ONLY)
def colleague_detail(request, pk):
    advisor = get_object_or_404(_colleagues().prefetch_related("territories"), pk=pk)
    languages = [language_name(code) for code in advisor.languages]
    return render(request, "members/extranet/colleague.html", {"advisor": advisor, "languages": languages})


# --- The code of conduct --------------------------------------------------------------------------------------------


def _countersign_url(request):
    return lambda signature: request.build_absolute_uri(
        reverse("members:conduct_countersign", kwargs={"public_id": signature.public_id})
    )


@require_http_methods(["GET", "HEAD", "POST"])
def code_of_conduct(request):
    current = CodeOfConduct.objects.current()
    advisor = Advisor.objects.filter(user=request.user).first()
    affiliations = (
        Affiliation.objects.current().filter(advisor=advisor).select_related("organisation") if advisor else []
    )
    language = translation.get_language()[:2]
    if request.method == "POST":
        organisation = next(iter(affiliations), None)
        if advisor is None or organisation is None or current is None:
            messages.error(request, _("Only advisors of a member organisation sign the code of conduct."))
            return redirect("members:conduct")
        try:
            code_sign(
                advisor=advisor,
                organisation=organisation.organisation,
                language=language,
                ip=client_ip(request),
                countersign_url=_countersign_url(request),
            )
        except ConductError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("You signed the code of conduct. A referent of your organisation now countersigns it.")
            )
        return redirect("members:conduct")
    signature = advisor.signatures.select_related("countersigned_by", "code").first() if advisor else None
    return render(
        request,
        "members/conduct/read.html",
        {
            "code": current,
            "text": current.text_in(language) if current else "",
            "status": signature_status(advisor, current),
            "signature": signature,
            "is_advisor": bool(affiliations),
            "gate": perms.company_data_gate(request.user),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def countersign(request, public_id):
    try:
        signature = get_signature_for_user(request, public_id)
    except Http404:  # an unknown link, or someone else's: the same answer, nothing about other people leaks
        return render(
            request,
            "members/conduct/countersign_problem.html",
            {
                "title": _("This countersignature link is not for you"),
                "explanation": _(
                    "Only the referents of the signer's organisation can open it. Check that you are signed "
                    "in with your own account."
                ),
            },
            status=404,
        )
    if request.method == "POST":
        try:
            code_countersign(signature=signature, by=request.user, ip=client_ip(request))
        except ConductError as error:
            return render(
                request,
                "members/conduct/countersign_problem.html",
                {"title": _("This signature cannot be countersigned"), "explanation": str(error)},
                status=409,
            )
        signer = signature.advisor.user.get_full_name()
        messages.success(
            request,
            elide(_("You countersigned the code of conduct of %(name)s.") % {"name": signer}, signer),
        )
        return redirect("members:conduct")
    problem = countersign_problem(signature, by=request.user)
    if problem:
        return render(
            request,
            "members/conduct/countersign_problem.html",
            {"title": _("This signature cannot be countersigned"), "explanation": problem},
            status=409,
        )
    return render(request, "members/conduct/countersign.html", {"signature": signature})

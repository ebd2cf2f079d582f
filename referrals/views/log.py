"""Fast entry of a contact from anywhere in the extranet: find the company (or create it inline) and log the
contact in one form, one transaction. The lookup and the "already in contact" warning are htmx fragments; without
JavaScript the same form's "Find" button shows the matches, and the page works the same."""

import uuid
from contextlib import nullcontext
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from referrals import services
from referrals.access import company_data_required, get_company_for_user
from referrals.forms.companies import SEARCH_MAX_LENGTH
from referrals.forms.log import ContactLogForm, live_company
from referrals.models import CompanyContact, Interaction
from referrals.services import (
    CompanyNumber,
    CompanyNumberError,
    looks_like_a_number,
    parse_company_number,
    search_companies,
)

LOOKUP_LIMIT = 8
MULTIPLE_FIELDS = ("themes", "services", "contacts")


@dataclass
class Lookup:
    """What a text typed in the company box finds: up to LOOKUP_LIMIT live companies, and whether to offer creating
    one (a valid number the network does not know, or a name that matches nothing)."""

    text: str = ""
    companies: list = field(default_factory=list)
    number: CompanyNumber | None = None
    number_error: str = ""

    @property
    def searched(self) -> bool:
        return bool(self.text)

    @property
    def can_create(self) -> bool:
        if not self.text or self.number_error:
            return False
        return self.number is None or not self.companies


def company_lookup(text: str) -> Lookup:
    text = " ".join((text or "").split())
    if not text or len(text) > SEARCH_MAX_LENGTH:
        return Lookup()
    number = None
    if looks_like_a_number(text):
        try:
            number = parse_company_number(text)
        except CompanyNumberError as error:
            return Lookup(text=text, number_error=error.messages[0])
    found, number_error = search_companies(text)
    if number_error:
        return Lookup(text=text, number_error=number_error)
    if number is not None:
        # A number names one record; a merged one stands for the record it was merged into.
        found = found.select_related("merged_into__commune")
    companies = []
    for company in found[: LOOKUP_LIMIT + 1]:
        live = company.merged_into if company.merged_into_id else company
        if live not in companies:
            companies.append(live)
    return Lookup(text=text, companies=companies[:LOOKUP_LIMIT], number=number)


# --- The page ---------------------------------------------------------------------------------------------------


def _submission_key(data) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(data.get("submission_key", "")))
    except ValueError:
        return None


def _initial_from(data: QueryDict) -> dict:
    """What was posted, as the initial values of an unbound form: the "Find" button re-renders everything typed
    without judging it yet."""
    initial = {}
    for name, value in data.lists():
        if name == "csrfmiddlewaretoken":
            continue
        initial[name] = value if name in MULTIPLE_FIELDS else value[-1]
    return initial


def _choices_context(form: ContactLogForm, lookup: Lookup | None) -> dict:
    """The company choices the page shows: the chosen record, then what the search found."""
    companies = list(lookup.companies) if lookup else []
    chosen = form.chosen_company
    if chosen is not None and chosen not in companies:
        companies.insert(0, chosen)
    return {
        "lookup": lookup or Lookup(),
        "companies": companies,
        "selected": str(chosen.pk) if chosen is not None else form.company_value,
        "offer_create": form.creating or bool(lookup and lookup.can_create),
    }


def fresh_uid() -> str:
    """A prefix for the ids of a fragment's inputs: htmx settles the attributes of old and new elements sharing an
    id, and copying a ``style`` a browser's autofill added is refused by the CSP. New ids, nothing to settle."""
    return f"u{uuid.uuid4().hex[:8]}-"


def _render(request, form, *, lookup=None, status=200, finding=False):
    chosen = form.chosen_company
    context = {
        "form": form,
        "uid": fresh_uid(),
        "finding": finding,
        "today": timezone.localdate(),
        "recent_by_others": services.recent_contacts_by_others(chosen, request.user) if chosen is not None else [],
        "chosen": chosen,
        "people": form.people,
        "ticked": form.ticked_contacts(),
        **_choices_context(form, lookup),
    }
    return render(request, "referrals/log/page.html", context, status=status)


class _AlreadyLogged(Exception):
    """The submission key was used by a request that finished first: undo this one's writes (a record it may have
    created for nothing) and send the advisor to the contact that exists."""

    def __init__(self, interaction):
        super().__init__("already logged")
        self.interaction = interaction


def _save(form: ContactLogForm, user) -> tuple[Interaction, bool, bool]:
    """``(interaction, created, company_created)``: the company if new, then the interaction, in one transaction."""
    data = form.cleaned_data
    # One transaction when a company is created with the contact (undone together if the key was used meanwhile);
    # else ``interaction_log``'s own is the transaction, without a savepoint inside another.
    creating = form.new_company_values is not None
    try:
        with transaction.atomic() if creating else nullcontext():
            company, company_created = data["company"], False
            if creating:
                company, company_created = services.company_create(values=form.new_company_values, by=user)
            interaction, created = services.interaction_log(
                company=company,
                user=user,
                organisation=data["organisation"],
                values=form.interaction_values(),
                contacts=form.chosen("contacts"),
                themes=form.chosen("themes"),
                services=form.chosen("services"),
                submission_key=data["submission_key"],
            )
            if not created:
                raise _AlreadyLogged(interaction)
    except _AlreadyLogged as already:
        return already.interaction, False, False
    return interaction, True, company_created


@dataclass(frozen=True)
class _Logged:
    company_id: int
    company_name: str
    user_id: int  # the advisor's account


def _logged_with_key(key: uuid.UUID) -> _Logged | None:
    """The contact a submission key already recorded, if any: read before anything else on every POST, so that a
    form sent twice answers "already saved" rather than judging the form again."""
    row = (
        Interaction.objects.filter(submission_key=key)
        .values_list("company_id", "company__name", "advisor__user_id")
        .first()
    )
    return _Logged(*row) if row is not None else None


def _already_logged_response(request, company_id: int, company_name: str):
    messages.info(
        request, _("This contact with %(name)s was already saved: the form was sent twice.") % {"name": company_name}
    )
    return redirect("referrals:company_detail", pk=company_id)


@require_http_methods(["GET", "HEAD", "POST"])
@company_data_required(write=True)
def contact_log(request):
    user = request.user
    if request.method in ("GET", "HEAD"):
        company = live_company(request.GET.get("company"))  # from a company page's "Log a contact"
        text = request.GET.get("q", "")[:SEARCH_MAX_LENGTH]
        form = ContactLogForm(
            user=user,
            initial={
                "submission_key": uuid.uuid4(),
                "company": company if company is not None else "",
                "q": "" if company is not None else text,
                "occurred_on": timezone.localdate(),
                "channel": Interaction.Channel.MEETING,
            },
        )
        return _render(request, form, lookup=company_lookup(text) if text and company is None else None)

    key, done = _submission_key(request.POST), None
    if key is not None:
        done = _logged_with_key(key)
        if done is not None and done.user_id == user.pk:
            return _already_logged_response(request, done.company_id, done.company_name)
    data = request.POST.copy()
    if key is None or done is not None:
        data["submission_key"] = str(uuid.uuid4())  # a key that was not this advisor's: start a fresh submission
    finding = "find" in data
    lookup = company_lookup(data.get("q", "")) if finding or not data.get("company") else None
    if lookup and lookup.number is not None and len(lookup.companies) == 1:
        data["company"] = str(lookup.companies[0].pk)  # the number typed names one company: that is the choice

    if finding:
        # Without JavaScript, "Find" shows the matches as choices; everything typed stays, nothing is judged yet.
        initial = _initial_from(data)
        if lookup and lookup.can_create:
            target = "new_number" if lookup.number is not None else "new_name"
            initial.setdefault(target, "")
            if not initial[target]:
                initial[target] = lookup.text
        return _render(request, ContactLogForm(user=user, initial=initial), lookup=lookup, finding=True)

    form = ContactLogForm(data, user=user)
    if form.is_valid():
        try:
            interaction, created, company_created = _save(form, user)
        except services.InteractionError as error:
            form.add_error(None, str(error))
        else:
            if not created:
                return _already_logged_response(request, interaction.company_id, interaction.company.name)
            company = interaction.company
            if company_created:
                messages.success(
                    request,
                    _("%(name)s is now in the network's records, and your contact is saved.") % {"name": company},
                )
            elif form.known_number:
                messages.success(
                    request,
                    _("%(name)s was already in the network's records: your contact is saved there.")
                    % {"name": company},
                )
            else:
                messages.success(request, _("Your contact with %(name)s is saved.") % {"name": company})
            return redirect("referrals:company_detail", pk=company.pk)
    if key is not None and done is None:
        # A form sent twice at once: the other request may have saved it while this one was judged, and then its
        # new company looks like a duplicate of the one just created. Say it is saved rather than ask to confirm.
        done = _logged_with_key(key)
        if done is not None and done.user_id == user.pk:
            return _already_logged_response(request, done.company_id, done.company_name)
    if lookup is None and form.chosen_company is None:
        lookup = company_lookup(data.get("q", ""))
    return _render(request, form, lookup=lookup, status=400)


# --- Fragments --------------------------------------------------------------------------------------------------


@require_safe
@company_data_required()
def company_lookup_view(request):
    """The companies matching ``?q=`` as choices for the fast-entry form (htmx). Without htmx: the form itself,
    showing the same matches."""
    text = request.GET.get("q", "")
    if not request.htmx:
        query = urlencode({"q": text[:SEARCH_MAX_LENGTH]}) if text else ""
        return redirect(reverse("referrals:contact_log") + (f"?{query}" if query else ""))
    lookup = company_lookup(text)
    too_long = len(" ".join(text.split())) > SEARCH_MAX_LENGTH
    response = render(
        request,
        "referrals/log/_choices.html",
        {
            "lookup": lookup,
            "companies": lookup.companies,
            "selected": "",
            "offer_create": lookup.can_create,
            "too_long": too_long,
            "oob": True,
            "uid": fresh_uid(),
        },
        status=400 if too_long else 200,
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
@company_data_required()
def already_in_contact(request, pk):
    """The "already in contact" warning for the company chosen in the fast-entry form, and the people met there
    (htmx). Without htmx: the company page, which shows the same warning."""
    company = get_company_for_user(request, pk)
    if not request.htmx:
        return redirect("referrals:company_detail", pk=company.pk)
    people = CompanyContact.objects.filter(company=company).only("id", "full_name", "job_title")
    response = render(
        request,
        "referrals/log/_already_in_contact.html",
        {
            "chosen": company,
            "recent_by_others": services.recent_contacts_by_others(company, request.user),
            "people": people,
            "ticked": [],
            "oob": True,
            "uid": fresh_uid(),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response

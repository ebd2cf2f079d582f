"""The people of the network (advisors and referents): list, CSV export, bulk code-of-conduct reminder, page with
the items to hand over, deactivation and second-factor reset."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Exists, OuterRef, Prefetch, Q, Value, When
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from members import perms
from members.models import Affiliation, CodeOfConduct, CodeOfConductSignature, MemberOrganisation
from members.services import (
    BULK_MAX,
    AccountError,
    ConductError,
    conduct_remind,
    conduct_reminder_plan,
    user_deactivate,
    user_reactivate,
    user_reset_mfa,
)
from network.audit import log_access
from network.exports import EXPORT_MAX_ROWS, csv_download
from network.french import elide
from network.hooks import handover_items
from network.models import User
from network.ordering import by_name

PAGE_SIZE = 25
SIGNATURE_STATUSES = [
    ("valid", gettext_lazy("Countersigned")),
    ("awaiting", gettext_lazy("Awaiting countersignature")),
    ("outdated", gettext_lazy("Signed an earlier version")),
    ("unsigned", gettext_lazy("Not signed")),
]


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=MemberOrganisation.objects.none(),
        required=False,
        empty_label=gettext_lazy("All organisations"),
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        required=False,
        choices=[("", gettext_lazy("All roles")), *Affiliation.Role.choices],
    )
    signature = forms.ChoiceField(
        label=gettext_lazy("Code of conduct"),
        required=False,
        choices=[("", gettext_lazy("Any state")), *SIGNATURE_STATUSES],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = MemberOrganisation.objects.order_by(*by_name("name"), "id")


def _require_view(request):
    if not perms.can_view_organisations(request.user):
        raise PermissionDenied(_("Only the network team can see the people of the network."))


def _require_edit(request):
    if not perms.can_edit_organisations(request.user):
        raise PermissionDenied(_("Only network managers can change people's accounts."))


def people_with_signature_status():
    current = CodeOfConduct.objects.current()
    signatures = CodeOfConductSignature.objects.filter(advisor__user=OuterRef("pk"))
    return User.objects.filter(advisor__isnull=False).annotate(
        signature_status=Case(
            When(Exists(signatures.filter(code=current, countersigned_at__isnull=False)), then=Value("valid")),
            When(Exists(signatures.filter(code=current)), then=Value("awaiting")),
            When(Exists(signatures), then=Value("outdated")),
            default=Value("unsigned"),
        )
    )


def _filtered(form: PeopleFilterForm):
    """The people matching the filters (all of them when the form is empty or invalid), in list order."""
    people = people_with_signature_status()
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            people = people.filter(Q(full_name__unaccent__icontains=data["q"]) | Q(email__icontains=data["q"]))
        if data["organisation"]:
            people = people.filter(
                advisor__affiliations__organisation=data["organisation"], advisor__affiliations__ended_on__isnull=True
            )
        if data["role"]:
            people = people.filter(
                advisor__affiliations__role=data["role"], advisor__affiliations__ended_on__isnull=True
            )
        if data["signature"]:
            people = people.filter(signature_status=data["signature"])
    return people.distinct().order_by(*by_name("full_name"), "email", "pk")


def _filter_query(data) -> QueryDict:
    """Only the filters of ``data`` (a GET or POST), to rebuild the list's address: nothing else is carried."""
    query = QueryDict(mutable=True)
    for name in PeopleFilterForm.base_fields:
        values = [value for value in data.getlist(name) if value][:1]
        if values:
            query.setlist(name, values)
    return query


def _list_url(data) -> str:
    query = _filter_query(data).urlencode()
    return reverse("people:list") + (f"?{query}" if query else "")


@require_safe
def people_list(request):
    _require_view(request)
    form = PeopleFilterForm(request.GET or None)
    people = _filtered(form).prefetch_related(_current_affiliations())
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "members/people/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filters": list(_filter_query(request.GET).lists()),
            "export_query": _filter_query(request.GET).urlencode(),
            "statuses": dict(SIGNATURE_STATUSES),
            "can_edit": perms.can_edit_organisations(request.user),
            "bulk_max": BULK_MAX,
        },
    )


def _current_affiliations():
    return Prefetch(
        "advisor__affiliations",
        queryset=Affiliation.objects.current().select_related("organisation").order_by(*by_name("organisation__name")),
        to_attr="current_affiliations",
    )


@require_safe
def people_export(request):
    """The list as a spreadsheet, with the same filters; personal data, so every export is in the access log."""
    _require_view(request)
    form = PeopleFilterForm(request.GET or None)
    people = list(_filtered(form).prefetch_related(_current_affiliations())[:EXPORT_MAX_ROWS])
    statuses = dict(SIGNATURE_STATUSES)
    rows = []
    for person in people:
        affiliations = person.advisor.current_affiliations
        rows.append(
            (
                person.get_full_name(),
                person.email,
                "; ".join(affiliation.organisation.name for affiliation in affiliations),
                "; ".join(str(affiliation.get_role_display()) for affiliation in affiliations),
                statuses[person.signature_status],
                timezone.localtime(person.last_login).strftime("%Y-%m-%d %H:%M") if person.last_login else "",
                _("yes") if person.is_active else _("no"),
            )
        )
    used = sorted(name for name, value in form.cleaned_data.items() if value) if form.is_valid() else []
    log_access(
        actor=request.user,
        action="export",
        content_type=User,
        detail={"rows": len(rows), "format": "csv", "filters": used},
    )
    header = [
        _("Name"),
        _("Email"),
        _("Organisations"),
        _("Roles"),
        _("Code of conduct"),
        _("Last sign-in"),
        _("Account active"),
    ]
    return csv_download(name="people", header=header, rows=rows)


class PersonIdsField(forms.Field):
    """Ids of people posted as repeated hidden inputs or checkboxes; at most ``BULK_MAX`` (RL-4)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if value in self.empty_values:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        try:
            ids = {int(item) for item in values}
        except (TypeError, ValueError):
            raise ValidationError(_("Choose people from the list."), code="invalid") from None
        if any(not 0 < item < 2**31 for item in ids):
            raise ValidationError(_("Choose people from the list."), code="invalid")
        if len(ids) > BULK_MAX:
            raise ValidationError(
                _("Choose at most %(max)s people at a time."), code="too_many", params={"max": BULK_MAX}
            )
        return sorted(ids)


class PeopleSelectionForm(forms.Form):
    """Who a bulk action is for: the ticked people, everyone on the page, or everyone matching the filters (the
    filters come with the form). Works as a plain form: "everyone on this page" is a real field, not only script."""

    scope = forms.ChoiceField(
        choices=[("selected", gettext_lazy("The selected people")), ("filter", gettext_lazy("Everyone matching"))],
        initial="selected",
        widget=forms.HiddenInput,
    )
    person = PersonIdsField(label=gettext_lazy("People"), required=False)
    all_on_page = forms.BooleanField(label=gettext_lazy("Select everyone on this page"), required=False)
    on_page = PersonIdsField(required=False)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def user_ids(self, request) -> list[int]:
        """The chosen people (accounts with an advisor profile only); adds an error and returns [] if none."""
        data = self.cleaned_data
        if data["scope"] == "filter":
            filters = PeopleFilterForm(request.POST)
            if not filters.is_valid():  # never "everyone" by mistake
                self.add_error(None, _("The filters are not valid: filter the list again."))
                return []
            people = _filtered(filters)
            ids = list(people.values_list("pk", flat=True)[: BULK_MAX + 1])
            if len(ids) > BULK_MAX:
                self.add_error(None, _("Narrow the filters: at most %(max)s people at a time.") % {"max": BULK_MAX})
                return []
        else:
            chosen = set(data["person"]) | (set(data["on_page"]) if data["all_on_page"] else set())
            ids = list(User.objects.filter(pk__in=chosen, advisor__isnull=False).values_list("pk", flat=True))
        if not ids:
            self.add_error(None, _("Tick at least one person, or choose everyone matching the filters."))
        return ids


@require_POST
def people_remind(request):
    """Bulk reminder about the current code of conduct, in two steps: the first post shows how many people the
    reminder reaches (nothing is sent), the second, confirmed, sends it through the outbox."""
    _require_edit(request)
    form = PeopleSelectionForm(request.POST)
    context = {"form": form, "back_url": _list_url(request.POST), "filters": list(_filter_query(request.POST).lists())}
    ids = form.user_ids(request) if form.is_valid() else []
    if ids:
        try:
            if form.cleaned_data["confirm"]:
                plan = conduct_remind(user_ids=ids, by=request.user)
            else:
                plan = conduct_reminder_plan(user_ids=ids)
        except ConductError as error:
            form.add_error(None, str(error))
        else:
            if form.cleaned_data["confirm"]:
                messages.success(
                    request,
                    ngettext(
                        "%(sent)s reminder sent, %(skipped)s skipped (already valid / reminded this week).",
                        "%(sent)s reminders sent, %(skipped)s skipped (already valid / reminded this week).",
                        plan.count,
                    )
                    % {"sent": plan.count, "skipped": plan.skipped},
                )
                return redirect(context["back_url"])
            context |= {"plan": plan, "ids": ids}
            return render(request, "members/people/remind_confirm.html", context)
    return render(request, "members/people/remind_confirm.html", context, status=400)


@require_safe
def person_detail(request, pk):
    _require_view(request)
    person = get_object_or_404(people_with_signature_status().select_related("advisor"), pk=pk)
    affiliations = person.advisor.affiliations.select_related("organisation").order_by("-started_on", "-id")
    signatures = person.advisor.signatures.select_related("code", "countersigned_by", "organisation")
    from allauth.mfa.models import Authenticator

    can_edit = perms.can_edit_organisations(request.user)
    return render(
        request,
        "members/people/detail.html",
        {
            "person": person,
            "affiliations": affiliations,
            "signatures": signatures,
            "status_label": dict(SIGNATURE_STATUSES)[person.signature_status],
            "has_mfa": Authenticator.objects.filter(user=person).exists(),
            "can_edit": can_edit,
            # What the person still holds, from every app's handover hook (network/hooks.py): managers only.
            "handover": handover_items(person) if can_edit else [],
        },
    )


def _person_for_manager(request, pk):
    _require_edit(request)
    return get_object_or_404(User.objects.filter(advisor__isnull=False), pk=pk)


@require_POST
def person_deactivate(request, pk):
    person = _person_for_manager(request, pk)
    try:
        ended = user_deactivate(user=person, by=request.user)
    except AccountError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s can no longer sign in; %(count)s open session(s) ended.")
            % {"name": person.get_full_name(), "count": ended},
        )
        if handover_items(person):
            messages.warning(request, _("Hand over the open items listed on this page to a colleague."))
            return redirect(reverse("people:detail", kwargs={"pk": person.pk}) + "#handover")
    return redirect("people:detail", pk=person.pk)


@require_POST
def person_reactivate(request, pk):
    person = _person_for_manager(request, pk)
    user_reactivate(user=person, by=request.user)
    messages.success(request, _("%(name)s can sign in again.") % {"name": person.get_full_name()})
    return redirect("people:detail", pk=person.pk)


class MfaResetForm(forms.Form):
    identity_checked = forms.BooleanField(
        label=gettext_lazy("I checked this person's identity (for example by calling them back at a known number)."),
        required=True,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def person_mfa_reset(request, pk):
    person = _person_for_manager(request, pk)
    form = MfaResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user_reset_mfa(user=person, by=request.user)
        messages.success(
            request,
            elide(
                _("The second factor of %(name)s is removed; they set a new one at next sign-in.")
                % {"name": person.get_full_name()},
                person.get_full_name(),
            ),
        )
        return redirect("people:detail", pk=person.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "members/people/mfa_reset.html", {"person": person, "form": form}, status=status)

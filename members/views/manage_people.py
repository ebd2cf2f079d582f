"""The people of the network (advisors and referents): list, CSV export, bulk code-of-conduct reminder, page with
the items to hand over, deactivation and second-factor reset."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from members import perms
from members.access import get_person_for_user
from members.filters import SIGNATURE_STATUSES, PeopleFilterForm
from members.forms import MfaResetForm, PeopleSelectionForm
from members.models import Affiliation
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
from network.access import requires
from network.audit import log_access
from network.exports import EXPORT_MAX_ROWS, csv_download
from network.french import elide
from network.hooks import handover_items
from network.models import User
from network.ordering import by_name

PAGE_SIZE = 25
STAFF_ONLY = gettext_lazy("Only the network team can see the people of the network.")
MANAGERS_ONLY = gettext_lazy("Only network managers can change people's accounts.")


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
    return reverse("members:person_list") + (f"?{query}" if query else "")


@require_safe
@requires(perms.can_view_organisations, STAFF_ONLY)
def people_list(request):
    form = PeopleFilterForm(request.GET or None)
    people = form.people().prefetch_related(_current_affiliations())
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
@requires(perms.can_view_organisations, STAFF_ONLY)
def people_export(request):
    """The list as a spreadsheet, with the same filters; personal data, so every export is in the access log."""
    form = PeopleFilterForm(request.GET or None)
    people = list(form.people().prefetch_related(_current_affiliations())[:EXPORT_MAX_ROWS])
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


@require_POST
@requires(perms.can_edit_organisations, MANAGERS_ONLY)
def people_remind(request):
    """Bulk reminder about the current code of conduct, in two steps: the first post shows how many people the
    reminder reaches (nothing is sent), the second, confirmed, sends it through the outbox."""
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
    person = get_person_for_user(request, pk)
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


@require_POST
def person_deactivate(request, pk):
    person = get_person_for_user(request, pk, write=True)
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
            return redirect(reverse("members:person_detail", kwargs={"pk": person.pk}) + "#handover")
    return redirect("members:person_detail", pk=person.pk)


@require_POST
def person_reactivate(request, pk):
    person = get_person_for_user(request, pk, write=True)
    user_reactivate(user=person, by=request.user)
    messages.success(request, _("%(name)s can sign in again.") % {"name": person.get_full_name()})
    return redirect("members:person_detail", pk=person.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def person_mfa_reset(request, pk):
    person = get_person_for_user(request, pk, write=True)
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
        return redirect("members:person_detail", pk=person.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "members/people/mfa_reset.html", {"person": person, "form": form}, status=status)

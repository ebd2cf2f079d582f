"""The people of the network (advisors and referents): list, page, deactivation and second-factor reset."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from members import perms
from members.models import Affiliation, CodeOfConduct, CodeOfConductSignature, MemberOrganisation
from members.services import AccountError, user_deactivate, user_reactivate, user_reset_mfa
from network.models import User

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
        self.fields["organisation"].queryset = MemberOrganisation.objects.order_by("name")


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


@require_GET
def people_list(request):
    _require_view(request)
    form = PeopleFilterForm(request.GET or None)
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
    people = people.distinct().order_by("full_name", "email").prefetch_related(_current_affiliations())
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "members/people/list.html",
        {"form": form, "page": page, "query": query.urlencode(), "statuses": dict(SIGNATURE_STATUSES)},
    )


def _current_affiliations():
    from django.db.models import Prefetch

    return Prefetch(
        "advisor__affiliations",
        queryset=Affiliation.objects.current().select_related("organisation").order_by("organisation__name"),
        to_attr="current_affiliations",
    )


@require_GET
def person_detail(request, pk):
    _require_view(request)
    person = get_object_or_404(people_with_signature_status().select_related("advisor"), pk=pk)
    affiliations = person.advisor.affiliations.select_related("organisation").order_by("-started_on", "-id")
    signatures = person.advisor.signatures.select_related("code", "countersigned_by", "organisation")
    from allauth.mfa.models import Authenticator

    return render(
        request,
        "members/people/detail.html",
        {
            "person": person,
            "affiliations": affiliations,
            "signatures": signatures,
            "status_label": dict(SIGNATURE_STATUSES)[person.signature_status],
            "has_mfa": Authenticator.objects.filter(user=person).exists(),
            "can_edit": perms.can_edit_organisations(request.user),
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


@require_http_methods(["GET", "POST"])
def person_mfa_reset(request, pk):
    person = _person_for_manager(request, pk)
    form = MfaResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user_reset_mfa(user=person, by=request.user)
        messages.success(
            request,
            _("The second factor of %(name)s is removed; they set a new one at next sign-in.")
            % {"name": person.get_full_name()},
        )
        return redirect("people:detail", pk=person.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "members/people/mfa_reset.html", {"person": person, "form": form}, status=status)

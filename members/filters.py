"""Filters of the management lists: organisations (django-filter) and people (a form and the queryset it filters)."""

import django_filters
from django import forms
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _

from members.models import (
    Affiliation,
    CodeOfConduct,
    CodeOfConductSignature,
    MemberOrganisation,
    OrganisationStatus,
    normalise_registration_number,
)
from network.models import Territory, Theme, User
from network.ordering import by_name


def _departements(request):
    return Territory.objects.departements().order_by("code")


def _themes(request):
    return Theme.objects.filter(parent__isnull=True).order_by("position", "slug")


class OrganisationFilter(django_filters.FilterSet):
    """Filters of the organisations list; they live in the query string, so a filtered list can be shared."""

    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=100)
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=MemberOrganisation.Kind.choices, empty_label=_("All kinds")
    )
    departement = django_filters.ModelChoiceFilter(
        label=_("Département"),
        queryset=_departements,
        field_name="territories",
        to_field_name="code",
        empty_label=_("All départements"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Convention"),
        choices=OrganisationStatus.choices,
        field_name="convention_status",
        empty_label=_("Any status"),
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), queryset=_themes, to_field_name="slug", method="filter_theme", empty_label=_("All themes")
    )

    class Meta:
        model = MemberOrganisation
        fields = []

    def search(self, queryset, name, value):
        number = normalise_registration_number(value)
        return queryset.filter(Q(name__unaccent__icontains=value) | Q(registration_number=number))

    def filter_theme(self, queryset, name, theme):
        return queryset.filter(Q(themes=theme) | Q(themes__parent=theme)).distinct()


# --- People ---------------------------------------------------------------------------------------------------------

SIGNATURE_STATUSES = [
    ("valid", _("Countersigned")),
    ("awaiting", _("Awaiting countersignature")),
    ("outdated", _("Signed an earlier version")),
    ("unsigned", _("Not signed")),
]


def people_with_signature_status():
    """Accounts with an advisor profile, each with ``signature_status`` (one of SIGNATURE_STATUSES)."""
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


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=MemberOrganisation.objects.none(),
        required=False,
        empty_label=_("All organisations"),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[("", _("All roles")), *Affiliation.Role.choices],
    )
    signature = forms.ChoiceField(
        label=_("Code of conduct"),
        required=False,
        choices=[("", _("Any state")), *SIGNATURE_STATUSES],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = MemberOrganisation.objects.order_by(*by_name("name"), "id")

    def people(self):
        """The people matching the filters (all of them when the form is empty or invalid), in list order."""
        people = people_with_signature_status()
        if self.is_valid():
            data = self.cleaned_data
            if data["q"]:
                people = people.filter(Q(full_name__unaccent__icontains=data["q"]) | Q(email__icontains=data["q"]))
            if data["organisation"]:
                people = people.filter(
                    advisor__affiliations__organisation=data["organisation"],
                    advisor__affiliations__ended_on__isnull=True,
                )
            if data["role"]:
                people = people.filter(
                    advisor__affiliations__role=data["role"], advisor__affiliations__ended_on__isnull=True
                )
            if data["signature"]:
                people = people.filter(signature_status=data["signature"])
        return people.distinct().order_by(*by_name("full_name"), "email", "pk")

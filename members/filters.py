import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import MemberOrganisation, OrganisationStatus, normalise_registration_number
from network.models import Territory, Theme


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

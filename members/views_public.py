"""The public directory: member organisations with a convention in force, and their public services."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from members.models import Advisor, Affiliation, MemberOrganisation, Service
from network import public_cache
from network.links import url_maker
from network.models import Territory, Theme
from network.ordering import by_name

PAGE_SIZE = 24


def public_services(on=None):
    on = on or timezone.localdate()
    return (
        Service.objects.filter(is_public=True, is_published=True)
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=on), Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .prefetch_related("themes")
        .order_by(*by_name("title_fr", "title_en"), "id")
    )


def public_advisors(organisation):
    """The people of the organisation who switched their public profile on (off by default): name, job title and
    skills only, never contact details."""
    current = Affiliation.objects.current().filter(advisor=OuterRef("pk"), organisation=organisation)
    return (
        Advisor.objects.filter(Exists(current), public_profile=True, user__is_active=True)
        .only("job_title", "user__full_name", "user__email")
        .select_related("user")
        .prefetch_related(Prefetch("skills", queryset=Theme.objects.order_by("position"), to_attr="skill_list"))
        .order_by(*by_name("user__full_name"), "pk")
    )


@login_not_required
@require_safe
def organisation_list(request):
    """The directory of member organisations. The list sits in a cached fragment (network/public_cache.py): on a
    cache hit nothing below is read, so the page of results is handed to the template as a lazy value."""
    kind = request.GET.get("kind", "")
    if kind not in MemberOrganisation.Kind.values:
        kind = ""
    page_number = request.GET.get("page", "")[:10]
    return render(
        request,
        "members/public/organisation_list.html",
        {
            "listing": OrganisationListing(kind, page_number),
            "page_number": page_number,
            "kind": kind,
            "kinds": MemberOrganisation.Kind.choices,
            "query": urlencode({"kind": kind}) if kind else "",
            "cache_seconds": public_cache.SECONDS,
        },
    )


class OrganisationListing:
    """One page of the public directory, read when first shown."""

    def __init__(self, kind: str, page_number: str):
        self.kind, self.page_number = kind, page_number

    @cached_property
    def page(self):
        organisations = MemberOrganisation.objects.public().prefetch_related(
            Prefetch("territories", queryset=Territory.objects.order_by("code").only("id", "name"))
        )
        if self.kind:
            organisations = organisations.filter(kind=self.kind)
        page = Paginator(organisations.order_by(*by_name("name"), "id"), PAGE_SIZE).get_page(self.page_number)
        detail = url_maker("directory:organisation_detail", "slug")
        for organisation in page.object_list:
            organisation.url = detail(organisation.slug)
        return page


@login_not_required
@require_safe
def organisation_detail(request, slug):
    organisation = get_object_or_404(MemberOrganisation.objects.public(), slug=slug)
    return render(
        request,
        "members/public/organisation_detail.html",
        {
            "organisation": organisation,
            "services": public_services().filter(organisation=organisation),
            "territories": organisation.territories.order_by("code"),
            "themes": organisation.themes.order_by("position"),
            "advisors": public_advisors(organisation),
        },
    )

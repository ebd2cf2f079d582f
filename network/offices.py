"""Which office covers which commune, and the "which office covers me?" search.

Resolution rule (the only one): a commune handled by a named office (``OfficeCommune``) goes there; otherwise
the office covering its département (``OfficeDepartement``); otherwise the head office. Unique keys on both
link tables make the answer unique; the head office makes it exist.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q

from network.communes import CommuneSearch, search_communes
from network.models import Office, Territory

# An office's départements in code order, for pages that list offices with what they cover.
DEPARTEMENTS_BY_CODE = Prefetch("departements", queryset=Territory.objects.order_by("code"))


def head_office() -> Office | None:
    return Office.objects.filter(is_head_office=True).first()


# What ``_offices_of`` reads: each commune's own office link and its département's, joined to the commune.
OFFICE_LINKS = ("office_override__office", "parent__office_link__office")


def offices_for_communes(communes) -> dict[int, Office | None]:
    """The office of each commune (by id), in one query (two when one falls back to the head office)."""
    linked = Territory.objects.filter(pk__in=[commune.pk for commune in communes]).select_related(*OFFICE_LINKS)
    return _offices_of(linked)


def _offices_of(communes) -> dict[int, Office | None]:
    """The office of each commune read with ``select_related(*OFFICE_LINKS)``: its own link, else its département's,
    else the head office."""
    offices = {commune.pk: _linked_office(commune) for commune in communes}
    if None in offices.values():
        fallback = head_office()
        offices = {pk: office or fallback for pk, office in offices.items()}
    return offices


def _linked_office(commune: Territory) -> Office | None:
    try:
        return commune.office_override.office
    except ObjectDoesNotExist:
        pass
    if commune.parent is None:
        return None
    try:
        return commune.parent.office_link.office
    except ObjectDoesNotExist:
        return None


def office_for_commune(commune: Territory) -> Office | None:
    return offices_for_communes([commune])[commune.pk]


def communes_of_office(office: Office):
    """Every commune the office answers for, ordered by département then name."""
    covered = Q(office_override__office=office) | Q(parent__office_link__office=office, office_override__isnull=True)
    if office.is_head_office:
        covered |= Q(parent__office_link__isnull=True, office_override__isnull=True)
    return (
        Territory.objects.communes()
        .filter(covered)
        .select_related("parent")
        .order_by("parent__code", "search_name", "code")
    )


RESULTS_PER_PAGE = 20


@dataclass
class FinderResult:
    query: str = ""
    error: str = ""
    invalid: bool = False  # the query itself is malformed (as opposed to: nothing matches)
    search: CommuneSearch | None = None
    page: Page | None = None  # this page of the matches, best first
    matches: list = field(default_factory=list)  # [(commune, office)] of this page

    @property
    def single(self):
        return self.matches[0] if self.page is not None and self.page.paginator.count == 1 else None

    @property
    def count(self) -> int:
        return self.page.paginator.count if self.page is not None else 0


def find_office(query: str, page: int | str = 1) -> FinderResult:
    """The communes ``query`` may mean (``network.communes``: every match counted, best first, a page at a time),
    with their office. Raises ``django.core.paginator.InvalidPage`` for a page that is not there."""
    search = search_communes(query)
    result = FinderResult(query=search.query, search=search)
    if search.error:
        result.error = search.error
        result.invalid = True
        return result
    # Each commune with its office links joined: the matches and their offices in one query (issue 7).
    communes = search.communes.select_related(*OFFICE_LINKS)
    paginator = Paginator(communes, RESULTS_PER_PAGE)
    if str(page) == "1":
        # The first page is read with one row more: when it is not full, its rows are the count (no COUNT query).
        found = list(communes[: RESULTS_PER_PAGE + 1])
        if len(found) <= RESULTS_PER_PAGE:
            paginator.count = len(found)
        found = found[:RESULTS_PER_PAGE]
        result.page = Page(found, 1, paginator)
    else:
        result.page = paginator.page(page)
        found = list(result.page.object_list)
    search.count = paginator.count
    if not found:
        result.error = search.not_found()
        return result
    offices = _offices_of(found)
    result.matches = [(commune, offices[commune.pk]) for commune in found]
    return result

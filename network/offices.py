"""Which office covers which commune, and the "which office covers me?" search.

Resolution rule (the only one): a commune handled by a named office (``OfficeCommune``) goes there; otherwise
the office covering its département (``OfficeDepartement``); otherwise the head office. Unique keys on both
link tables make the answer unique; the head office makes it exist.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.utils.translation import gettext as _

from network.models import Office, Territory, search_key

QUERY_MAX_LENGTH = 100
RESULT_LIMIT = 20
POSTCODE_OR_INSEE = re.compile(r"^(\d{5}|2[ab]\d{3})$", re.IGNORECASE)


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


@dataclass
class FinderResult:
    query: str = ""
    error: str = ""
    invalid: bool = False  # the query itself is malformed (as opposed to: nothing matches)
    matches: list = field(default_factory=list)  # [(commune, office)]
    truncated: bool = False

    @property
    def single(self):
        return self.matches[0] if len(self.matches) == 1 else None


def find_office(query: str) -> FinderResult:
    """Communes matching a name (accent- and case-insensitive), a postcode or an INSEE code, with their office."""
    query = (query or "").strip()
    result = FinderResult(query=query[:QUERY_MAX_LENGTH])
    if not query:
        result.error = _("Type the name of your commune, its postcode or its INSEE code.")
        result.invalid = True
        return result
    if len(query) > QUERY_MAX_LENGTH:
        result.error = _("That is too long for a commune name: type at most %(max)s characters.") % {
            "max": QUERY_MAX_LENGTH
        }
        result.invalid = True
        return result
    compact = query.replace(" ", "")
    # Each commune with its office links joined: the matches and their offices in one query (issue 7).
    communes = Territory.objects.communes().select_related(*OFFICE_LINKS).order_by("search_name", "code")
    if POSTCODE_OR_INSEE.match(compact):
        code = compact.upper()
        found = list(communes.filter(Q(code=code) | Q(postcodes__contains=[code]))[: RESULT_LIMIT + 1])
    elif compact.isdigit():
        result.error = _("A postcode or an INSEE code has five characters, for example 45000 or 45234.")
        result.invalid = True
        return result
    else:
        key = search_key(query)
        if not key:
            result.error = _("Type letters or digits: the name of your commune, its postcode or its INSEE code.")
            result.invalid = True
            return result
        # Exact name first, then names starting with the words typed, then names containing them.
        found = []
        for lookup in ("search_name", "search_name__startswith", "search_name__contains"):
            found = list(communes.filter(**{lookup: key})[: RESULT_LIMIT + 1])
            if found:
                break
    result.truncated = len(found) > RESULT_LIMIT
    found = found[:RESULT_LIMIT]
    if not found:
        result.error = _(
            "No commune of the network's area matches “%(query)s”. Check the spelling or try the postcode."
        ) % {"query": result.query}
        return result
    offices = _offices_of(found)
    result.matches = [(commune, offices[commune.pk]) for commune in found]
    return result

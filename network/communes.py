"""The one commune lookup: what a person types in any commune field, or in the public office finder, read one way.

- Five digits are a postcode, never an INSEE code: "45300" is Pithiviers' postcode (and 29 other communes'), though
  it is also Sandillon's INSEE code. A postcode that is nobody's but is a commune's INSEE code offers that commune
  (``insee_hint``) for the person to pick; it is never chosen for them.
- An INSEE code is read when it is said: "INSEE 45300", "insee:45300", or a Corsican code ("2A004"), which no
  postcode can be.
- A name with a postcode ("Pithiviers (45300)", what the fields show back; "45300 Pithiviers", as on an envelope)
  is that name among the postcode's communes.
- A name alone matches the communes of exactly that name if there are any, else those whose name holds the words.

Matches are ranked by ``TerritoryQuerySet.ranked`` (exact name, the postcode's main commune, then by name) and
counted in full: callers page them or offer them as choices.
"""

import re
from dataclasses import dataclass

from django.db.models import Exists, Q, QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from network.models import Territory, search_key

QUERY_MAX_LENGTH = 100
INSEE_SAID = re.compile(r"\binsee\s*:?\s*((?:\d{2}|2[ab])\d{3})\b", re.IGNORECASE)
CORSICAN_CODE = re.compile(r"2[ab]\d{3}", re.IGNORECASE)
POSTCODE = re.compile(r"(?<!\w)(\d{5})(?!\w)")


def commune_label(commune: Territory) -> str:
    """How a commune field shows a commune, which the lookup reads back to that commune: "Pithiviers (45300)"."""
    if commune.postcodes:
        return f"{commune.name} ({commune.postcodes[0]})"
    return f"{commune.name} (INSEE {commune.code})"


def insee_query(commune: Territory) -> str:
    """The query that names this commune and no other, whatever its name and postcodes: "INSEE 45252"."""
    return f"INSEE {commune.code}"


@dataclass
class CommuneSearch:
    query: str = ""
    error: str = ""  # the query itself is malformed: nothing was looked up
    name_key: str = ""
    postcode: str = ""
    insee: str = ""
    communes: QuerySet | None = None  # every match, best first

    @cached_property
    def count(self) -> int:
        """Every match; a caller that has read them all (a first page that is not full) sets it instead."""
        return self.communes.count() if self.communes is not None else 0

    @cached_property
    def insee_hint(self) -> Territory | None:
        """The commune whose INSEE code is the postcode typed, to offer (never to choose) when no commune has that
        postcode; asked only once nothing matched."""
        if not self.postcode or self.name_key:
            return None
        return Territory.objects.communes().select_related("parent").filter(code=self.postcode).first()

    def summary(self) -> str:
        """The full count, as a page heading says it: "30 communes have the postcode 45300", "2 communes match …"."""
        if self.postcode and not self.name_key:
            return ngettext(
                "%(count)s commune has the postcode %(postcode)s",
                "%(count)s communes have the postcode %(postcode)s",
                self.count,
            ) % {"count": self.count, "postcode": self.postcode}
        return ngettext(
            "%(count)s commune matches “%(query)s”", "%(count)s communes match “%(query)s”", self.count
        ) % {"count": self.count, "query": self.query}

    def not_found(self) -> str:
        if self.insee_hint is not None:
            return _(
                "No commune has the postcode %(postcode)s. %(postcode)s is the INSEE code of %(name)s: "
                "is that the commune you mean?"
            ) % {"postcode": self.postcode, "name": self.insee_hint.name}
        if self.insee:
            return _("No commune of the network's area has the INSEE code %(code)s.") % {"code": self.insee}
        if self.postcode and not self.name_key:
            return _("No commune of the network's area has the postcode %(postcode)s.") % {"postcode": self.postcode}
        return _("No commune of the network's area matches “%(query)s”. Check the spelling or try the postcode.") % {
            "query": self.query
        }


def search_communes(query: str) -> CommuneSearch:
    """Every commune ``query`` may mean, ranked, or the reason the query cannot be read (``error``)."""
    text = " ".join((query or "").split())
    search = CommuneSearch(query=text[:QUERY_MAX_LENGTH])
    if not text:
        search.error = _("Type the name of your commune or its postcode.")
        return search
    if len(text) > QUERY_MAX_LENGTH:
        search.error = _("That is too long for a commune name: type at most %(max)s characters.") % {
            "max": QUERY_MAX_LENGTH
        }
        return search
    rest = text
    said = INSEE_SAID.search(text)
    compact = text.replace(" ", "")
    if said:
        search.insee = said[1].upper()
        rest = ""
    elif CORSICAN_CODE.fullmatch(compact):
        search.insee = compact.upper()
        rest = ""
    elif re.fullmatch(r"\d{5}", compact):  # "45 300"
        search.postcode = compact
        rest = ""
    elif written := POSTCODE.search(text):
        search.postcode = written[1]
        rest = text[: written.start()] + " " + text[written.end() :]
    elif compact.isdigit():
        search.error = _("A postcode has five digits, for example 45000.")
        return search
    search.name_key = search_key(rest)
    if not (search.insee or search.postcode or search.name_key):
        search.error = _("Type letters or digits: the name of your commune or its postcode.")
        return search

    communes = Territory.objects.communes()
    if search.insee:
        found = communes.filter(code=search.insee)
    else:
        found = communes.with_postcode(search.postcode) if search.postcode else communes
        if search.name_key:
            # The communes of exactly that name if there are any, else those whose name holds the words: one query
            # (the EXISTS is computed once, as an InitPlan), so the finder's first page is a single query.
            exact = Q(search_name=search.name_key)
            named = found.filter(exact | (~Exists(found.filter(exact)) & Q(search_name__contains=search.name_key)))
            if search.postcode and not named.exists():
                # A misspelt name with a right postcode: the postcode's communes, to pick from.
                search.name_key = ""
            else:
                found = named
    search.communes = found.ranked(name_key=search.name_key, postcode=search.postcode)
    return search

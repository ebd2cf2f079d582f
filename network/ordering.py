"""Lists sorted by a name read in the order people expect, not in byte order: "Caisse d'Epargne" before "CCI
Touraine" (capitals do not come first), "École…" between "Direction…" and "France…" (an accent does not send a name
to the end of the list).

A collation would say this best, but the embedded PostgreSQL is built without ICU ("ICU is not supported in this
build") and the machines have no libc locale but C: the only language-aware collations are ICU's, and they exist on
some servers only. So names sort on a key that every server computes alike, ``name_sort_key(name)``, a SQL function
created in ``network/migrations/0010_name_sort_key.py``: the name in lower case without its accents (``unaccent``:
"Œuvre" → "oeuvre"), as UTF-8 bytes, which compare the same whatever the database's collation. The name itself breaks
ties, so two spellings of one name keep a fixed order. The function is immutable: an index can hold the key.

Every list sorted by a name orders with ``by_name``; hand-written statements write ``name_sort_key(<column>),
<column>`` in their ORDER BY. A big table whose names a hot page sorts stores the key in a generated column
(``Company.name_key``) and orders on that column, then the name."""

from django.db.models import BinaryField, Func


class NameSortKey(Func):
    function = "name_sort_key"
    arity = 1
    output_field = BinaryField()


def by_name(*fields: str) -> list:
    """``order_by`` arguments sorting on each name field in turn as people read names ("-field" for descending):
    ``.order_by(*by_name("name"), "id")``, ``*by_name("user__full_name")``."""
    ordering = []
    for field in fields:
        key = NameSortKey(field.removeprefix("-"))
        ordering += [key.desc() if field.startswith("-") else key.asc(), field]
    return ordering

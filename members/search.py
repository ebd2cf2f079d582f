"""Full-text search ("Find a colleague", company names), on the ``*_unaccent`` text search configurations.

The searchable text is kept in ``Advisor.search_text`` (names, job title, skills in French) and ``search_text_en``
(skills in English); PostgreSQL derives three weighted vectors from them and the bio (see the model).
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, Q

MAX_TERMS = 8
MAX_TERM_LENGTH = 40
MIN_PREFIX_LENGTH = 3
_TERM = re.compile(r"\w+", re.UNICODE)


# Words that say nothing about a person, skipped from queries. PostgreSQL's French list lacks "les", which stems to
# "le" and would match almost every French bio.
STOP_WORDS = frozenset(
    "a à au aux avec d de des du en et l la le les par pour sur un une dans of the and for with in to an on".split()
)


def _terms(text: str) -> list[str]:
    terms = [term[:MAX_TERM_LENGTH] for term in _TERM.findall(text.replace("_", " ").lower())]
    return [term for term in terms if term not in STOP_WORDS][:MAX_TERMS]


def matching(
    text: str, *, words="search_words", stemmed=(("search_fr", "french_unaccent"), ("search_en", "english_unaccent"))
):
    """A filter (Q) where every significant word of ``text`` matches, in the way that suits its length:

    - four letters or more: the start of a word ("financ" while typing), or the whole word stemmed in French or
      English ("financements" finds "financement", "loans" finds "loan");
    - three letters: the start of a word only (stemming "lea" gives "le", which matches too much);
    - one or two: the whole word ("RH").

    ``words`` names the whole-word vector (``simple_unaccent``), ``stemmed`` the (vector, configuration) pairs; the
    defaults are the advisor's. Only word characters reach ``to_tsquery``, so its syntax cannot be injected. None
    when the text holds no word at all; a text of stop words only matches nobody."""
    if not _TERM.search(text):
        return None
    condition = Q()
    terms = _terms(text)
    if not terms:
        return Q(pk__in=[])
    for term in terms:
        if not _by_prefix(term):
            condition &= Q(**{words: SearchQuery(term, config="simple_unaccent")})
            continue
        term_matches = Q(**{words: SearchQuery(f"{term}:*", config="simple_unaccent", search_type="raw")})
        if _stemmed(term):
            for field, config in stemmed:
                term_matches |= Q(**{field: SearchQuery(term, config=config)})
        condition &= term_matches
    return condition


def _by_prefix(term: str) -> bool:
    return len(term) >= MIN_PREFIX_LENGTH


def _stemmed(term: str) -> bool:
    return len(term) > MIN_PREFIX_LENGTH


def statement_parameters(text: str) -> dict | None:
    """What ``matching`` and ``rank`` do, as the parameters of a constant statement (``members.queries``):
    ``ranked`` when the text holds a word (else everyone matches, unranked); per significant word, in parallel arrays,
    the whole word (``whole``), the prefix query (``prefixes``) and the word to stem (``stems``), NULL where its
    length rules that way out; then the two queries ``rank`` weighs. None for a text of stop words only, which
    matches nobody."""
    if not _TERM.search(text):
        return {"ranked": False, "whole": [], "prefixes": [], "stems": [], "rank_words": "", "rank_prefixes": ""}
    terms = _terms(text)
    if not terms:
        return None
    rank_words, rank_prefixes = _rank_queries(terms)
    return {
        "ranked": True,
        "whole": [None if _by_prefix(term) else term for term in terms],
        "prefixes": [f"{term}:*" if _by_prefix(term) else None for term in terms],
        "stems": [term if _stemmed(term) else None for term in terms],
        "rank_words": rank_words,
        "rank_prefixes": rank_prefixes,
    }


def _rank_queries(terms: list[str]) -> tuple[str, str]:
    """The words to stem in French, and the prefix query (``to_tsquery`` syntax), that ``rank`` weighs."""
    terms = terms or ["_"]
    return " ".join(terms), " | ".join(f"{term}:*" for term in terms)


def rank(text: str, *, stemmed="search_fr", words="search_words"):
    """Best matches first: name, job title and skills weigh more than the bio; whole words more than prefixes."""
    words_query, prefixes_query = _rank_queries(_terms(text))
    french = SearchQuery(words_query, config="french_unaccent")
    prefixes = SearchQuery(prefixes_query, config="simple_unaccent", search_type="raw")
    return SearchRank(F(stemmed), french) * 2 + SearchRank(F(words), prefixes)

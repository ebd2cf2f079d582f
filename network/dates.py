"""Dates in the page's language, each formatted once per process.

``date_format`` looks up the language's format and walks the format string at every call: 20 to 50 µs, which the
20 rows of a timeline and the side panels of a company page turn into a millisecond (issue 7). Ten years hold
fewer than 4,000 days, so a process remembers each day it formatted, per language and format.
"""

from datetime import date
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import get_language


@lru_cache(maxsize=16_384)
def _formatted(day: date, language: str | None, format_name: str) -> str:
    return date_format(day, format_name)  # in the active language, which is ``language`` (the caller's)


def day_format(day: date | None, format_name: str = "DATE_FORMAT") -> str:
    """``day`` formatted like ``{{ day|date:format_name }}`` in the active language; "" for None."""
    if day is None:
        return ""
    return _formatted(day, get_language(), format_name)

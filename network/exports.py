"""CSV downloads that open cleanly in a spreadsheet and cannot run anything there (SECURITY.md IN-5).

One helper for every export of the project: RFC 4180 quoting, CRLF line ends, a UTF-8 byte-order mark (so
spreadsheets read accents), and every cell neutralised against formula injection. The caller caps its rows
(``EXPORT_MAX_ROWS``, RL-4) and, when the rows hold personal data, writes an access-log row (LG-3).
"""

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone

EXPORT_MAX_ROWS = 100_000

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """Neutralise formula injection: a cell starting with = + - @ tab or CR is prefixed with a quote (IN-5)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_download(*, name: str, header: Iterable, rows: Iterable[Iterable], dated: bool = True) -> HttpResponse:
    """An attachment ``<name>-<today>.csv`` (``<name>.csv`` when not ``dated``: a template to fill in) with
    ``header`` then ``rows``, every cell made spreadsheet-safe."""
    buffer = io.StringIO()
    buffer.write("\ufeff")  # a BOM, so spreadsheets read the accents as UTF-8
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([spreadsheet_safe(value) for value in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(value) for value in row])
    filename = f"{name}-{timezone.localdate().isoformat()}.csv" if dated else f"{name}.csv"
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response

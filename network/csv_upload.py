"""One upload → preview → confirm component for CSV files (the organisations import, invitations from a file).

Step 1, ``CsvFlow.upload``: the file is read and checked by the flow's ``CsvUploadForm`` (size, type, encoding,
rows), and its text waits in the session, never on disk, under a random token. Step 2: the flow's own view reads it
back (``CsvFlow.stored``), plans and shows a preview; step 3 posts a ``CsvConfirmForm`` whose token must be the
stored one, so a preview of an older file is never confirmed. Each flow keeps its own parsing rules and messages;
the pages extend ``templates/components/csv_upload/upload.html`` and ``preview.html``.
"""

import csv
import io
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

from django import forms
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_COLUMNS = 60

NOT_UTF8 = gettext_lazy(
    "The file is not UTF-8 text. In your spreadsheet, use “Save as” and choose “CSV UTF-8 (comma delimited)”."
)


class CsvFileError(Exception):
    """The uploaded file cannot be read at all; ``message`` is safe to show."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def header_key(text: str) -> str:
    """Lower case, no accents, runs of anything else than letters and digits as one underscore: "N° SIREN" →
    "n_siren"."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def choice_lookup(choices_class) -> dict[str, str]:
    """Codes and names (English and French) of a TextChoices, by their ``header_key``."""
    lookup = {}
    for language in ("en", "fr"):
        with translation.override(language):
            for value, label in choices_class.choices:
                lookup.setdefault(header_key(label), value)
    for value in choices_class.values:
        lookup[header_key(value)] = value
    return lookup


# --- Reading the file ----------------------------------------------------------------------------------------------


@dataclass
class Row:
    line: int
    cells: list[str]
    width: int  # how many cells the row had in the file


@dataclass
class Table:
    headers: list[str]
    rows: list[Row]
    delimiter: str
    encoding: str  # "utf-8" or "windows-1252"

    def column_labels(self) -> list[str]:
        """What a mapping form shows for each column: its header, told apart when two are alike."""
        labels = []
        for index, header in enumerate(self.headers):
            label = header or _("Column %(number)s") % {"number": index + 1}
            if header and self.headers.count(header) > 1:
                label = _("%(header)s (column %(number)s)") % {"header": header, "number": index + 1}
            labels.append(label)
        return labels


def decode(data: bytes) -> tuple[str, str]:
    """The text and its encoding: UTF-8 (a BOM is dropped), else Windows-1252 when every byte is defined there
    and the text has no control character; anything else is refused."""
    if b"\x00" in data:  # UTF-16, a spreadsheet's binary format, an image...
        raise CsvFileError(NOT_UTF8)
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise CsvFileError(NOT_UTF8) from None
    if re.search(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", text):
        raise CsvFileError(NOT_UTF8)
    return text, "windows-1252"


def detect_delimiter(text: str) -> str:
    """The header line tells: more semicolons than commas means a French spreadsheet's ``;``."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if first_line.count(";") > first_line.count(",") else ","


def parse_text(text: str, encoding: str, *, max_rows: int) -> Table:
    """The header line and the rows of a decoded file (blank lines skipped); CsvFileError when it is not usable."""
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers = None
    rows = []
    previous_end = 0
    try:
        for cells in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # blank lines, and rows of empty cells a spreadsheet leaves at the end
            if headers is None:
                headers = [cell.strip() for cell in cells]
                if len(headers) > MAX_COLUMNS:
                    raise CsvFileError(
                        _("The file has %(count)s columns; the limit is %(max)s.")
                        % {"count": len(headers), "max": MAX_COLUMNS}
                    )
                continue
            if len(rows) == max_rows:
                raise CsvFileError(
                    _("The file has more than %(max)s rows: split it into several files.") % {"max": max_rows}
                )
            width = len(cells)
            cells = (cells + [""] * len(headers))[: max(len(headers), width)]
            rows.append(Row(line=start, cells=cells, width=width))
    except csv.Error:
        raise CsvFileError(
            _("The file is not a readable CSV file (near line %(line)s).") % {"line": reader.line_num}
        ) from None
    if headers is None:
        raise CsvFileError(_("The file is empty."))
    if not rows:
        raise CsvFileError(_("The file has a header line but no row below it."))
    return Table(headers=headers, rows=rows, delimiter=delimiter, encoding=encoding)


# --- Forms ---------------------------------------------------------------------------------------------------------


class CsvUploadForm(forms.Form):
    """Step 1: the file, checked and read by ``read`` (``text`` and ``table`` hold it once valid). A flow subclasses
    it with its limit, the message saying it, the field's help text and its reader."""

    file = forms.FileField(
        label=gettext_lazy("CSV file"), widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"})
    )

    max_bytes = 1024 * 1024
    too_large = gettext_lazy("The file is larger than 1 MB: split it into several files.")
    help_text = ""

    text = ""
    table = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.help_text

    @staticmethod
    def read(text: str, encoding: str):
        """The table of a decoded file; CsvFileError (with a message safe to show) when it is not usable."""
        raise NotImplementedError

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(self.too_large)
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(
                _("Upload a CSV file (.csv): in your spreadsheet, use “Save as” and choose the CSV format.")
            )
        upload.seek(0)
        data = upload.read(self.max_bytes + 1)
        try:
            if len(data) > self.max_bytes:
                raise CsvFileError(self.too_large)
            self.text, encoding = decode(data)
            self.table = self.read(self.text, encoding)
        except CsvFileError as error:
            raise forms.ValidationError(error.message) from None
        return upload


class CsvConfirmForm(forms.Form):
    """Step 3: confirming the preview of one upload, named by its token (the file itself waits in the session)."""

    upload = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, expected_upload=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected_upload = expected_upload

    def clean_upload(self):
        value = self.cleaned_data["upload"]
        if self.expected_upload is not None and value != self.expected_upload:
            raise forms.ValidationError(_("The uploaded file changed since this preview: check the new preview."))
        return value


# --- The flow ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvFlow:
    """Where one kind of upload waits in the session, and how it is read back. ``scope`` ties an upload to what it
    was uploaded for (e.g. ``{"organisation": pk}``): read back for anything else, it is not there."""

    session_key: str
    form_class: type[CsvUploadForm]

    def upload(self, request, *, template: str, context: dict, preview_url: str, scope: dict | None = None):
        """Step 1's view: the form, and once the file is valid, the file kept in the session and the preview next."""
        if request.method == "POST":
            form = self.form_class(request.POST, request.FILES)
            if form.is_valid():
                request.session[self.session_key] = {
                    "token": secrets.token_urlsafe(12),
                    **(scope or {}),
                    "filename": PurePath(form.cleaned_data["file"].name).name[:120],
                    "encoding": form.table.encoding,
                    "text": form.text,
                }
                return redirect(preview_url)
            status = 400
        else:
            form = self.form_class()
            status = 200
        return render(request, template, {**context, "form": form}, status=status)

    def stored(self, request, *, scope: dict | None = None) -> tuple[dict | None, object]:
        """The upload waiting for ``scope`` and its table, or (None, None) when there is none or it is unreadable."""
        stored = request.session.get(self.session_key)
        try:
            if any(stored[name] != value for name, value in (scope or {}).items()):
                return None, None
            return stored, self.form_class.read(stored["text"], stored["encoding"])
        except (TypeError, KeyError, CsvFileError):
            return None, None

    def clear(self, request) -> None:
        request.session.pop(self.session_key, None)


def preview_context(stored: dict, table) -> dict:
    """What ``components/csv_upload/preview.html`` shows of the file: its name, rows, delimiter and encoding."""
    return {
        "upload": stored,
        "row_count": len(table.rows),
        "delimiter_label": _("semicolons") if table.delimiter == ";" else _("commas"),
    }

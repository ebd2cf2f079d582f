"""Compile the translation catalogues (``locale/*/LC_MESSAGES/*.po``) to ``.mo`` files with Babel.

Run as ``python -m config.i18n_compile`` (the second half of ``make messages``). Django's ``compilemessages``
shells out to GNU gettext's ``msgfmt``; Babel is pure Python and already a test dependency, so neither CI nor a
contributor's machine needs GNU gettext installed to build or check the catalogues.

The output is deterministic, so the committed ``.mo`` can be checked against its ``.po`` byte for byte
(``tests/test_i18n.py``):

* ``write_mo`` sorts the messages by msgid and writes no hash table, so the layout depends only on the content;
* fuzzy entries are left out (``use_fuzzy=False``): a guess by ``msgmerge`` never reaches a page, as with ``msgfmt``;
* the header Babel writes into the ``.mo`` is rebuilt from the ``.po`` header, which ``makemessages`` always fills
  (no clock is read), except for its ``Generated-By: Babel x.y.z`` line, which is dropped so that a newer Babel
  release on CI or on a contributor's machine does not change the file.
"""

import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

BASE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = BASE_DIR / "locale"
PO_GLOB = "*/LC_MESSAGES/*.po"


class _WithoutToolVersion:
    """The catalogue as ``write_mo`` reads it (``charset`` and iteration), minus the ``Generated-By`` header line."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.charset = catalog.charset

    def __iter__(self) -> Iterator[Message]:
        for message in self.catalog:
            if message.id == "":
                lines = message.string.split("\n")
                message.string = "\n".join(line for line in lines if not line.startswith("Generated-By:"))
            yield message


def compile_catalogue(po_path: Path | str) -> bytes:
    """The ``.mo`` bytes for the ``.po`` file at ``po_path``: the same input always gives the same bytes."""
    with open(po_path, "rb") as po_file:
        catalog = read_po(po_file, abort_invalid=True)
    buffer = io.BytesIO()
    write_mo(buffer, _WithoutToolVersion(catalog), use_fuzzy=False)
    return buffer.getvalue()


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compile every catalogue under ``locale_dir``; a ``.mo`` is rewritten only when its bytes change.

    Returns the ``.mo`` files that were written.
    """
    written = []
    for po_path in sorted(locale_dir.glob(PO_GLOB)):
        mo_path = po_path.with_suffix(".mo")
        content = compile_catalogue(po_path)
        if not mo_path.exists() or mo_path.read_bytes() != content:
            mo_path.write_bytes(content)
            written.append(mo_path)
    return written


def main() -> int:
    po_paths = sorted(LOCALE_DIR.glob(PO_GLOB))
    if not po_paths:
        print(f"No catalogue found under {LOCALE_DIR}/{PO_GLOB}.", file=sys.stderr)
        return 1
    written = compile_all()
    for po_path in po_paths:
        mo_path = po_path.with_suffix(".mo")
        state = "compiled" if mo_path in written else "up to date"
        print(f"{mo_path.relative_to(BASE_DIR)}: {state}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

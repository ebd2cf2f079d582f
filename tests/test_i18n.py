"""The French catalogue: complete, compiled from its .po exactly as ``make messages`` does, and used by the pages.

The catalogue checks read the files with Babel and need neither GNU gettext nor a database; the two page checks
render real pages and so use the database.
"""

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.urls import reverse
from django.utils import translation

from config.i18n_compile import compile_catalogue

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
FRENCH_PO = LOCALE_DIR / "fr" / "LC_MESSAGES" / "django.po"
FRENCH_MO = FRENCH_PO.with_suffix(".mo")

# %(name)s and the other named conversions, bare %s / %d, and {{ ... }} template variables; "%%" is a literal.
PLACEHOLDER = re.compile(r"%%|%\([^)]+\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]|%[#0 +-]*\d*(?:\.\d+)?[sdif]|\{\{.*?\}\}")


def read_catalogue(path=FRENCH_PO):
    with open(path, "rb") as po_file:
        return read_po(po_file)


def forms(value):
    """A message's msgid or msgstr as a tuple of strings (a plural entry has several)."""
    return tuple(value) if isinstance(value, list | tuple) else (value,)


def placeholders(texts):
    return {marker for text in texts for marker in PLACEHOLDER.findall(text) if marker != "%%"}


def test_every_french_entry_is_translated_and_none_is_fuzzy():
    catalogue = read_catalogue()
    entries = [message for message in catalogue if message.id]
    untranslated = [message.id for message in entries if not all(forms(message.string))]
    fuzzy = [message.id or "(the header)" for message in catalogue if message.fuzzy]

    assert entries, f"{FRENCH_PO} has no entry: run `make messages`."
    assert not untranslated and not fuzzy, (
        f"In {FRENCH_PO}, untranslated: {untranslated}; fuzzy (check the translation, then remove the flag): {fuzzy}"
    )


def test_the_committed_mo_file_is_exactly_what_compile_catalogue_builds_from_the_po_file():
    assert FRENCH_MO.exists(), f"{FRENCH_MO} is missing: run `make messages`."
    assert FRENCH_MO.read_bytes() == compile_catalogue(FRENCH_PO), (
        f"{FRENCH_MO} is out of date with {FRENCH_PO.name}: run `make messages` and commit both files."
    )


def test_every_translation_keeps_the_placeholders_of_its_source_string():
    mismatches = []
    for message in read_catalogue():
        if not message.id:
            continue
        expected = placeholders(forms(message.id))
        found = placeholders(forms(message.string))
        if found != expected:
            mismatches.append(f"{message.id!r}: expected {sorted(expected)}, found {sorted(found)}")
    assert not mismatches, "Placeholders differ between msgid and msgstr:\n" + "\n".join(mismatches)


def test_compiling_a_catalogue_twice_gives_the_same_bytes_without_fuzzy_entries_or_babel_version(tmp_path):
    po_path = tmp_path / "django.po"
    po_path.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"POT-Creation-Date: 2025-01-01 10:00+0100\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Sign in"\nmsgstr "Se connecter"\n\n'
        '#, fuzzy\nmsgid "Sign out"\nmsgstr "Se déconnecter"\n',
        encoding="utf-8",
    )

    first = compile_catalogue(po_path)
    mo_path = tmp_path / "django.mo"
    mo_path.write_bytes(first)
    with open(mo_path, "rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)

    assert compile_catalogue(po_path) == first
    assert compiled.gettext("Sign in") == "Se connecter"
    assert compiled.gettext("Sign out") == "Sign out"
    assert b"Generated-By" not in first


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "skip_link"),
    [("fr", "Aller au contenu principal"), ("en", "Skip to main content")],
)
def test_the_home_page_speaks_the_language_of_its_url_prefix(client, language, skip_link):
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text
    assert skip_link in response.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "path"),
    [("fr", "/fr/mentions-legales/"), ("en", "/en/legal-notice/")],
)
def test_the_legal_notice_has_a_translated_url_that_answers(client, language, path):
    with translation.override(language):
        url = reverse("public:legal_notice")

    assert url == path
    assert client.get(url).status_code == 200

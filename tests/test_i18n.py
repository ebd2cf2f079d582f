"""The French catalogue: complete, compiled from its .po exactly as ``make messages`` does, and used by the pages.

The catalogue checks read the files with Babel and need neither GNU gettext nor a database; the two page checks
render real pages and so use the database. The completeness check extracts the strings from the code itself, as
``makemessages`` would, so a string marked for translation but never added to the catalogue is caught.
"""

import ast
import gettext
import io
import os
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract
from babel.messages.pofile import read_po
from django.urls import reverse
from django.utils import translation
from django.utils.translation.template import templatize

from config.i18n_compile import compile_catalogue

BASE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = BASE_DIR / "locale"
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


# The marking functions ``makemessages`` knows, as (context argument, singular argument, plural argument).
GETTEXT_FUNCTIONS = {
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
# What ``templatize`` turns the template tags into, for Babel's Python extractor.
TEMPLATE_KEYWORDS = {
    "gettext": None,
    "_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
# Folders of the project that hold no user-facing string: tests, the catalogue itself, and generated or local files.
NOT_SCANNED = {"tests", "locale", "var", "staticfiles", "node_modules"}


def python_strings(path):
    """(line, msgid, context) of each literal string marked for translation in a Python file.

    Read from the syntax tree rather than from tokens, so a call inside an f-string (``f"{_('last on')} ..."``),
    which ``xgettext`` and Babel's tokenizer skip, is found too; ``_`` and any ``import ... as`` alias of a
    marking function count as that function.
    """
    tree = ast.parse(path.read_bytes(), filename=str(path))
    functions = dict(GETTEXT_FUNCTIONS, _=GETTEXT_FUNCTIONS["gettext"])
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            for alias in node.names:
                if alias.name in GETTEXT_FUNCTIONS:
                    functions[alias.asname or alias.name] = GETTEXT_FUNCTIONS[alias.name]

    def literal(call, index):
        if index is None:
            return None
        argument = call.args[index] if index < len(call.args) else None
        is_text = isinstance(argument, ast.Constant) and isinstance(argument.value, str)
        return argument.value if is_text else False

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in functions:
            continue
        context, singular, plural = (literal(node, index) for index in functions[name])
        if False in (context, singular, plural):
            continue  # a variable, translated where its literal is marked
        yield node.lineno, (singular, plural) if plural else singular, context


def template_strings(path):
    """(line, msgid, context) of each {% translate %} and {% blocktranslate %} string, as ``makemessages`` reads them.

    ``templatize`` is what ``makemessages`` feeds ``xgettext``: the template with its translation tags turned into
    gettext calls and everything else blanked out, line numbers kept. Its indentation means nothing, so each line is
    left-stripped before Babel's Python extractor reads it.
    """
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    code = "\n".join(line.lstrip() for line in code.split("\n"))
    found = extract("python", io.BytesIO(code.encode()), keywords=TEMPLATE_KEYWORDS, options={"encoding": "utf-8"})
    for line, message, _comments, context in found:
        yield line, message, context


def marked_strings(root=BASE_DIR):
    """Every string marked for translation in the project's .py, .html and .txt files: (file:line, msgid, context)."""
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".") and not (Path(folder) == root and name in NOT_SCANNED)
        )
        for name in sorted(files):
            path = Path(folder) / name
            if path.suffix == ".py":
                found = python_strings(path)
            elif path.suffix in {".html", ".txt"}:
                found = template_strings(path)
            else:
                continue
            for line, message, context in found:
                yield f"{path.relative_to(root)}:{line}", message, context


def test_the_string_extraction_finds_marked_strings_in_python_f_strings_aliases_and_templates(tmp_path):
    (tmp_path / "views.py").write_text(
        "from django.utils.translation import gettext_lazy as _l, npgettext, pgettext_lazy\n"
        "from django.utils import translation\n"
        "label = _l('Label')\n"
        "line = f\"{who}, {_('last on %(day)s') % {'day': day}}\"\n"
        "menu = pgettext_lazy('menu', 'Open')\n"
        "count = npgettext('people', '%(n)s person', '%(n)s people', n)\n"
        "other = translation.gettext('Other')\n"
        "skipped = _(variable)\n",
        encoding="utf-8",
    )
    (tmp_path / "page.html").write_text(
        '{% load i18n %}\n  <h1>{% translate "Title" context "page" %}</h1>\n'
        "{% blocktranslate trimmed with name=user.name %}\n  Hello {{ name }}\n{% endblocktranslate %}\n",
        encoding="utf-8",
    )

    found = sorted(marked_strings(tmp_path))

    assert found == [
        ("page.html:2", "Title", "page"),
        ("page.html:3", "Hello %(name)s", None),
        ("views.py:3", "Label", None),
        ("views.py:4", "last on %(day)s", None),
        ("views.py:5", "Open", "menu"),
        ("views.py:6", ("%(n)s person", "%(n)s people"), "people"),
        ("views.py:7", "Other", None),
    ]


def test_every_string_marked_for_translation_in_the_code_has_a_french_translation():
    catalogue = read_catalogue()
    problems = []
    for where, message, context in marked_strings():
        entry = catalogue.get(message, context=context)
        if entry is None:
            problems.append(f"{where}: {message!r} is missing")
        elif entry.fuzzy or not all(forms(entry.string)):
            problems.append(f"{where}: {message!r} is {'fuzzy' if entry.fuzzy else 'untranslated'}")

    assert not problems, (
        f"Strings of the code without a French translation in {FRENCH_PO.relative_to(BASE_DIR)} (add each entry "
        "by hand at the end of the file, then `python -m config.i18n_compile`):\n" + "\n".join(problems)
    )


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
        url = reverse("network_public:legal_notice")

    assert url == path
    assert client.get(url).status_code == 200


def project_form_classes():
    """Every form class of the project's apps: the URL configuration imports every view, so every form."""
    import importlib

    from django import forms as django_forms
    from django.conf import settings

    importlib.import_module(settings.ROOT_URLCONF)
    seen, pending = [], [django_forms.BaseForm]
    while pending:
        cls = pending.pop()
        for subclass in cls.__subclasses__():
            pending.append(subclass)
            if subclass.__module__.split(".")[0] in {"network", "members", "referrals", "programmes", "training"}:
                seen.append(subclass)
    return sorted(set(seen), key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_form_label_of_the_project_starts_with_a_capital(language):
    lower_case = []
    with translation.override(language):
        for form_class in project_form_classes():
            for name, field in getattr(form_class, "base_fields", {}).items():
                label = str(field.label) if field.label is not None else ""
                if label and label[0].isalpha() and not label[0].isupper():
                    lower_case.append(f"{form_class.__module__}.{form_class.__qualname__}.{name}: {label!r}")
    assert not lower_case, "Form labels that start in lower case:\n" + "\n".join(lower_case)

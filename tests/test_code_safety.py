"""SECURITY.md IN-2: no dangerous ORM or SQL patterns in the project's code (migrations aside, which run fixed SQL).

- no ``.raw(``, ``.extra(``, ``RawSQL(``;
- ``cursor.execute(`` only with a constant statement (a string literal or a module constant) or psycopg's
  ``sql.SQL(...).format(sql.Identifier(...))``, never an f-string, ``%`` formatting, ``str.format()`` or
  concatenation: values go in the parameters;
- no ``**request.GET`` / ``**request.POST`` / ``**form.data`` (or ``.dict()`` of them) unpacked into a call;
- ``order_by(`` only with literal field names or names from a module-level allowlist, never from the request.

And markup only in templates (CONVENTIONS.md 13): no ``mark_safe``/``format_html`` nor HTML in Python strings outside
a short allowlist (``MARKUP_ALLOWED``).
"""

import ast
import re
from pathlib import Path

from django.conf import settings

from network.registries import PROJECT_APPS

REQUEST_DATA = {"GET", "POST", "data", "query_params", "COOKIES"}


def project_sources():
    for label in (*PROJECT_APPS, "config", "demo"):
        for path in Path(settings.BASE_DIR, label).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def _is_request_data(node) -> bool:
    """``request.GET``, ``form.data``, ``request.POST.dict()``..."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        node = node.func.value
    return isinstance(node, ast.Attribute) and node.attr in REQUEST_DATA


def _is_built_string(node) -> bool:
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        # psycopg's sql.SQL("...").format(sql.Identifier(...)) composes identifiers safely
        composed = node.func.value
        return not (isinstance(composed, ast.Call) and getattr(composed.func, "attr", "") == "SQL")
    return False


def problems_in(source: str, label: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        where = f"{label}:{node.lineno}"
        if name in ("raw", "extra") and isinstance(node.func, ast.Attribute):
            found.append(f"{where}: .{name}() bypasses the ORM")
        if name == "RawSQL":
            found.append(f"{where}: RawSQL")
        if name in ("execute", "executemany") and node.args and _is_built_string(node.args[0]):
            found.append(f"{where}: SQL built with formatting; pass the values as parameters")
        for keyword in node.keywords:
            if keyword.arg is None and _is_request_data(keyword.value):
                found.append(f"{where}: request data unpacked into a call (**{ast.unparse(keyword.value)})")
        if name == "order_by":
            for argument in node.args:
                if isinstance(argument, ast.Starred):
                    argument = argument.value
                if _is_request_data(argument) or (
                    isinstance(argument, ast.Subscript) and _is_request_data(argument.value)
                ):
                    found.append(f"{where}: order_by from the request; map it through an allowlist")
    return found


def test_the_project_code_has_no_dangerous_orm_or_sql_pattern():
    problems = []
    for path in project_sources():
        problems += problems_in(path.read_text(), str(path.relative_to(settings.BASE_DIR)))
    assert problems == [], "\n".join(problems)


def test_the_checker_finds_what_it_forbids():
    bad = """
def view(request, cursor, Model, form):
    Model.objects.raw("SELECT 1")
    Model.objects.extra(where=["1=1"])
    cursor.execute(f"SELECT * FROM t WHERE id = {request.GET['id']}")
    cursor.execute("SELECT * FROM t WHERE id = %s" % request.GET["id"])
    cursor.execute("SELECT {}".format(1))
    Model.objects.filter(**request.GET.dict())
    Model.objects.create(**form.data)
    Model.objects.order_by(request.GET["sort"])
    RawSQL("1", [])
"""
    good = """
SQL = "SELECT 1"
def view(request, cursor, Model):
    cursor.execute(SQL, {"a": 1})
    cursor.execute("SELECT 1")
    cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier("x")))
    Model.objects.filter(**{"name": request.GET.get("q", "")})
    Model.objects.order_by("-created_at", "pk")
"""
    assert len(problems_in(bad, "bad.py")) == 9
    assert problems_in(good, "good.py") == []


# --- Markup lives in templates (CONVENTIONS.md 13) -------------------------------------------------------------------
#
# No ``mark_safe``/``format_html`` and no HTML written in Python strings in the product code, but in the modules below,
# each with its reason. Docstrings are prose and are not read.

MARKUP_ALLOWED = {
    "network/widgets.py": "form widgets that write their own markup, every part escaped (QuickSelect, QuickTextInput)",
    "network/views/system.py": "the 500 page's last resort, plain HTML for when the template engine itself fails",
}
MARKUP_APPS = ("config", "network", "members", "referrals", "programmes", "training")
SAFE_MARKERS = {"mark_safe", "format_html", "format_html_join", "SafeString"}
HTML_TAGS = (
    "a abbr article aside b body br button code dd details div dl dt em fieldset footer form h1 h2 h3 h4 h5 h6 head "
    "header hr html i iframe img input kbd label legend li link main mark meta nav ol optgroup option p pre script "
    "section select small span strong style summary svg table tbody td template textarea th thead time title tr u ul"
).split()
HTML_IN_STRING = re.compile(r"<(?:!doctype\b|/?(?:" + "|".join(HTML_TAGS) + r")(?=[\s>/]))", re.IGNORECASE)


def _docstrings(tree) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def markup_in(source: str, label: str) -> list[str]:
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in SAFE_MARKERS:
                found.append(f"{label}:{node.lineno}: {name}(): write the markup in a template")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if HTML_IN_STRING.search(node.value):
                found.append(f"{label}:{node.lineno}: HTML in a Python string: write it in a template")
    return found


def test_the_product_code_writes_no_markup_outside_templates():
    problems = []
    for label in MARKUP_APPS:
        for path in Path(settings.BASE_DIR, label).rglob("*.py"):
            relative = path.relative_to(settings.BASE_DIR).as_posix()
            if "migrations" not in path.parts and relative not in MARKUP_ALLOWED:
                problems += markup_in(path.read_text(), relative)
    assert problems == [], "\n".join(problems)


def test_every_module_allowed_to_write_markup_exists_and_writes_some():
    for relative in MARKUP_ALLOWED:
        path = Path(settings.BASE_DIR, relative)
        assert path.exists() and markup_in(path.read_text(), relative), f"{relative}: drop it from MARKUP_ALLOWED"


def test_the_markup_checker_finds_what_it_forbids():
    bad = """
from django.utils import safestring
def card(person):
    safestring.mark_safe(person)
    format_html("<b>{}</b>", person)
    format_html_join("", "{}", [person])
    SafeString(person)
    return f'<li class="card">{person}</li>'
PAGE = "<!doctype html>"
BREAK = "</p>"
"""
    good = '''
def view(request):
    """Renders a <div> and a <p> (prose, not markup)."""
    path("offices/<int:pk>/", view)
    return "<app>/user_context.py: a < b > c"
'''
    assert {problem.split(":")[1] for problem in markup_in(bad, "bad.py")} == {str(line) for line in range(4, 11)}
    assert markup_in(good, "good.py") == []

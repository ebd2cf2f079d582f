"""SECURITY.md IN-2: no dangerous ORM or SQL patterns in the project's code (migrations aside, which run fixed SQL).

- no ``.raw(``, ``.extra(``, ``RawSQL(``;
- ``cursor.execute(`` only with a constant statement (a string literal or a module constant) or psycopg's
  ``sql.SQL(...).format(sql.Identifier(...))``, never an f-string, ``%`` formatting, ``str.format()`` or
  concatenation: values go in the parameters;
- no ``**request.GET`` / ``**request.POST`` / ``**form.data`` (or ``.dict()`` of them) unpacked into a call;
- ``order_by(`` only with literal field names or names from a module-level allowlist, never from the request.
"""

import ast
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

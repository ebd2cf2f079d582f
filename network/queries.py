"""Statements of the network app that do not go through the ORM at each call, each with what the ORM version cost
(measured) and the shape of its plan."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import QuerySet
from django.utils import timezone

# --- The request's user context (network/user_context.py) -----------------------------------------------------------
#
# Every signed-in request reads its user with a dozen correlated subqueries, one or more per app. Through the ORM
# (``users().filter(pk=user_id).first()``) that cost 4.5 to 6.3 ms a request, 2.5 to 3.7 ms of it building and
# compiling the queryset, against 0.8 to 1.0 ms for the same SQL compiled once and run as a plain statement (measured
# with the test database, December 2026; /healthz answers in 1.1 ms). So the ORM compiles it once per process and per
# day (conventions "in force" compare with today's date), with a placeholder for the user's key, and each request runs
# that statement with the real key, turning the row into a ``User`` the way ``ModelIterable`` does. It is the ORM's
# own SQL with its own parameters: nothing is formatted by hand.
#
# Plan: the user row by its primary key, then one subplan per annotation, each an index scan on a ``user_id`` (or
# ``advisor_id``) index; the current code-of-conduct version is an InitPlan, read once.

_PLACEHOLDER_PK = -7_000_000_001  # no user has a negative key


@dataclass
class _Compiled:
    key: tuple
    sql: str
    params: tuple
    pk_position: int
    compiler: object
    converters: dict
    init_list: list
    model_slice: slice
    annotation_col_map: dict


_compiled: _Compiled | None = None


def _statement(using: str, users: Callable[[], QuerySet]) -> _Compiled:
    global _compiled
    key = (using, timezone.localdate())
    if _compiled is None or _compiled.key != key:
        queryset = users().filter(pk=_PLACEHOLDER_PK)[:1]
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        positions = [index for index, value in enumerate(params) if value == _PLACEHOLDER_PK]
        if len(positions) != 1:
            raise RuntimeError("The user-context statement must have the user's key as exactly one parameter.")
        fields = compiler.klass_info["select_fields"]
        model_slice = slice(fields[0], fields[-1] + 1)
        _compiled = _Compiled(
            key=key,
            sql=sql,
            params=tuple(params),
            pk_position=positions[0],
            compiler=compiler,
            converters=compiler.get_converters([column[0] for column in compiler.select]),
            init_list=[column[0].target.attname for column in compiler.select[model_slice]],
            model_slice=model_slice,
            annotation_col_map=dict(compiler.annotation_col_map),
        )
    return _compiled


def user_with_context(user_id, users: Callable[[], QuerySet]):
    """The user ``user_id`` read through ``users()`` (the user queryset with every app's annotations, built only when
    the statement is compiled), with the annotations as attributes; None when there is no such user."""
    from network.models import User

    using = router.db_for_read(User)
    statement = _statement(using, users)
    params = list(statement.params)
    params[statement.pk_position] = user_id
    with connections[using].cursor() as cursor:
        cursor.execute(statement.sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    if statement.converters:
        row = next(iter(statement.compiler.apply_converters([row], statement.converters)))
    user = User.from_db(using, statement.init_list, row[statement.model_slice])
    for name, position in statement.annotation_col_map.items():
        setattr(user, name, row[position])
    return user

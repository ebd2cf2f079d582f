"""The request's user and everything the permission predicates ask about them, read in one query.

Every extranet request asks the same questions about the person making it: are they network staff, which member
organisations do they work for today and in which role, is a convention in force there, where does their
code-of-conduct signature stand. Asked one by one, that was five or six queries before the page did anything. The
authentication backends (``network/auth_backends.py``) load the signed-in user with ``load(user_id)`` instead: one
``SELECT`` on the user row, annotated by every app that has something to say, and each app then keeps its answers
on the user object for the rest of the request. Nothing is cached across requests, so a lapsed convention or a new
code version takes effect on the very next request.

Each project app may declare ``<app>/user_context.py`` (found by ``hooks.app_modules``, dependencies keep pointing
one way) with two functions::

    def annotate(users: QuerySet) -> QuerySet:   # add the app's annotations (correlated subqueries on the user)
    def remember(user) -> None:                  # turn them into what the app's predicates read; an annotation
                                                 # may be absent (a user deleted meanwhile): read it with getattr

A predicate asked about a user who did not come through ``load`` (a user read elsewhere, a test's factory user)
calls ``load_into(user)``: the same single query, done once for that object.

This module is also the network app's own share: the network-staff role, and whether the account has a TOTP
authenticator (the second-factor requirement, ``network/mfa.py``).
"""

from dataclasses import dataclass
from functools import cache

from django.db import connections, router
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from network.hooks import app_modules
from network.statements import prepared


def annotate(users: QuerySet) -> QuerySet:
    from allauth.mfa.models import Authenticator

    from network.models import NetworkStaff

    return users.annotate(
        context_staff_role=Subquery(NetworkStaff.objects.filter(user_id=OuterRef("pk")).order_by().values("role")[:1]),
        context_has_totp=Exists(Authenticator.objects.filter(user_id=OuterRef("pk"), type=Authenticator.Type.TOTP)),
    )


def remember(user) -> None:
    user._network_staff_role = getattr(user, "context_staff_role", None)
    user._has_second_factor = getattr(user, "context_has_totp", False)


@cache
def _modules() -> tuple:
    """The apps' ``user_context`` modules, looked up once: the lookup searches the import path again for each app
    without one, every time (0.3 ms a request)."""
    return tuple(app_modules("user_context"))


def _users_with_context() -> QuerySet:
    from network.models import User

    users = User._default_manager.order_by()
    for module in _modules():
        users = module.annotate(users)
    return users


def _remember_all(user) -> None:
    for module in _modules():
        module.remember(user)
    user._context_loaded = True


# --- The statement, compiled once per process and per day -----------------------------------------------------------
#
# Building and compiling this queryset (a dozen correlated subqueries) costs the ORM about 2 ms of Python, more than
# the query itself and as much as a whole simple page: measured at region scale it was most of the cost of the
# company search by number (issue 7). So the ORM compiles it once, with a placeholder for the user's primary key,
# and each request executes that same statement with the real key, then turns the row into a ``User`` the way
# ``ModelIterable`` does. The statement is the ORM's own SQL with its own parameters: nothing is formatted by hand.
# It is compiled again each day, because conventions "in force" are compared with today's date.

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


def _statement(using: str) -> _Compiled:
    global _compiled
    key = (using, timezone.localdate())
    if _compiled is None or _compiled.key != key:
        queryset = _users_with_context().filter(pk=_PLACEHOLDER_PK)[:1]
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


def _fetch(user_id):
    """The user row with every app's annotations, through the compiled statement; None when there is no such user."""
    from network.models import User

    using = router.db_for_read(User)
    statement = _statement(using)
    params = list(statement.params)
    params[statement.pk_position] = user_id
    connection = connections[using]
    # Prepared (network/statements.py): planning its dozen subqueries took longer than running them.
    with prepared(using), connection.cursor() as cursor:
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


def load(user_id):
    """The user with primary key ``user_id`` and their request context, in one query; None if there is none."""
    user = _fetch(user_id)
    if user is not None:
        _remember_all(user)
    return user


def load_into(user) -> None:
    """Read the context of a user object that was loaded some other way (one query, once per object)."""
    if getattr(user, "_context_loaded", False):
        return
    loaded = _fetch(user.pk)
    if loaded is not None:  # else deleted meanwhile: no annotations, and ``remember`` reads an empty context
        for name, value in vars(loaded).items():
            if name.startswith("context_"):
                setattr(user, name, value)
    _remember_all(user)

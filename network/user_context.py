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

from functools import cache

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from network import queries
from network.hooks import app_modules


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


def load(user_id):
    """The user with primary key ``user_id`` and their request context, in one query; None if there is none."""
    user = queries.user_with_context(user_id, _users_with_context)
    if user is not None:
        _remember_all(user)
    return user


def load_into(user) -> None:
    """Read the context of a user object that was loaded some other way (one query, once per object)."""
    if getattr(user, "_context_loaded", False):
        return
    loaded = queries.user_with_context(user.pk, _users_with_context)
    if loaded is not None:  # else deleted meanwhile: no annotations, and ``remember`` reads an empty context
        for name, value in vars(loaded).items():
            if name.startswith("context_"):
                setattr(user, name, value)
    _remember_all(user)

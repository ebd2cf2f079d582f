"""The project's registries: how every URL is protected, which views take forms, which fields hold personal data.

Each app declares its own in ``<app>/registry.py`` (``ACCESS``, ``FORMS``, ``PII``, ``NOT_PII``;
``network/registry.py`` is the example); this module collects them. Generated tests
(``tests/test_registries.py``) walk the URL resolver and the models and fail on anything unregistered, so a new
page or field is secure by default or the suite says what to add.

Access rules (SECURITY.md AZ-1, the authorisation matrix):

- ``PUBLIC``: anyone, no sign-in.
- ``AUTHENTICATED``: any signed-in account.
- ``ROLE``: signed-in accounts holding one of ``roles`` (a predicate of a ``perms.py``); others get 403.
- ``OBJECT``: signed-in accounts with a link to the object (``owner`` names the rule); others get 404.
- ``THIRD_PARTY``: a page served by Django's admin or allauth under its own rules (``note`` says which).
- ``OFF``: a page a package routes for a feature the portal switches off in settings: 404 for everyone.
"""

import importlib
from dataclasses import dataclass, field
from enum import Enum

from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.db import models

PROJECT_APPS = ["network", "members", "referrals", "programmes", "training"]


class Access(Enum):
    PUBLIC = "public"
    AUTHENTICATED = "authenticated"
    ROLE = "role"
    OBJECT = "object"
    THIRD_PARTY = "third-party"
    OFF = "switched off"


@dataclass(frozen=True)
class Rule:
    access: Access
    roles: tuple[str, ...] = ()
    owner: str = ""
    note: str = ""


def public(note=""):
    return Rule(Access.PUBLIC, note=note)


def authenticated(note=""):
    return Rule(Access.AUTHENTICATED, note=note)


def role(*roles, note=""):
    return Rule(Access.ROLE, roles=roles, note=note)


def scoped(owner, *roles, note=""):
    return Rule(Access.OBJECT, roles=roles, owner=owner, note=note)


def third_party(note):
    return Rule(Access.THIRD_PARTY, note=note)


def switched_off(note):
    return Rule(Access.OFF, note=note)


# The model fields PII and NOT_PII must classify (SECURITY.md PR-1): those that can hold text.
TEXT_LIKE = (
    models.CharField,
    models.TextField,
    models.JSONField,
    models.GenericIPAddressField,
    models.FileField,
    ArrayField,
)


def is_text_like(field) -> bool:
    return isinstance(field, TEXT_LIKE)


def edited_text_fields(form_class) -> list[str]:
    """The text-like model fields a model form edits, by name, read from its ``Meta.fields``: a registry that says
    "what this form edits is published" takes the form's list rather than restating it."""
    meta = form_class._meta
    return [name for name in meta.fields if is_text_like(meta.model._meta.get_field(name))]


@dataclass(frozen=True)
class FormView:
    """A view that accepts POST. ``form`` is the form class it binds (None: a button, no fields);
    ``protected`` lists model fields that a posted value must never change (mass assignment)."""

    form: type | None
    protected: tuple[str, ...] = ()
    note: str = ""


@dataclass
class Registries:
    access: dict = field(default_factory=dict)
    access_prefixes: dict = field(default_factory=dict)
    forms: dict = field(default_factory=dict)
    pii: dict = field(default_factory=dict)
    not_pii: dict = field(default_factory=dict)


def collect() -> Registries:
    """Merge every project app's ``registry`` module; a name registered twice is an error."""
    merged = Registries()
    for label in PROJECT_APPS:
        if not apps.is_installed(label):
            continue
        try:
            module = importlib.import_module(f"{label}.registry")
        except ModuleNotFoundError as error:
            if error.name != f"{label}.registry":
                raise
            continue
        for attribute, target in (
            ("ACCESS", merged.access),
            ("ACCESS_PREFIXES", merged.access_prefixes),
            ("FORMS", merged.forms),
            ("PII", merged.pii),
            ("NOT_PII", merged.not_pii),
        ):
            for key, value in getattr(module, attribute, {}).items():
                if key in target:
                    raise ValueError(f"{key!r} is registered twice (second time in {label}.registry.{attribute})")
                target[key] = value
    return merged


def rule_for(registries: Registries, url_name: str) -> Rule | None:
    if url_name in registries.access:
        return registries.access[url_name]
    for prefix, rule in registries.access_prefixes.items():
        if url_name.startswith(prefix):
            return rule
    return None

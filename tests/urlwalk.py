"""Walk the project's URL patterns as the generated tests need them: full names, routes, example paths."""

import uuid
from dataclasses import dataclass
from html.parser import HTMLParser

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import translation

_DUMMY_BY_CONVERTER = {"IntConverter": 987654, "SlugConverter": "no-such-thing", "UUIDConverter": uuid.UUID(int=1)}


def _converters(pattern) -> dict:
    if isinstance(pattern, RoutePattern):
        return dict(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return {name: None for name in pattern.regex.groupindex}
    return {}


@dataclass(frozen=True)
class UrlEntry:
    name: str  # "namespace:name", or the route when the pattern has no name
    route: str
    pattern: URLPattern
    parent_parameters: tuple = ()  # (name, converter) pairs captured by the including resolvers

    @property
    def is_admin(self):
        return self.name.startswith("admin:")

    def parameters(self):
        return {**dict(self.parent_parameters), **_converters(self.pattern.pattern)}


def url_entries(resolver=None, prefix="", namespaces=(), parameters=()):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            captured = (*parameters, *_converters(entry.pattern).items())
            yield from url_entries(entry, prefix + str(entry.pattern), inner, captured)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = ":".join((*namespaces, entry.name or route))
            yield UrlEntry(name=name, route=route, pattern=entry, parent_parameters=parameters)


def dummy_kwargs(entry: UrlEntry) -> dict:
    """Values that fit the converters but point at nothing: enough for checks that run before any lookup."""
    kwargs = {}
    for name, converter in entry.parameters().items():
        kwargs[name] = _DUMMY_BY_CONVERTER.get(type(converter).__name__, "abc") if converter else "abc"
    return kwargs


def path_for(entry: UrlEntry, kwargs=None, language="en") -> str:
    with translation.override(language):
        return reverse(entry.name, kwargs=kwargs if kwargs is not None else dummy_kwargs(entry))


def with_access(entries, registries, *kinds):
    """The entries whose rule is one of ``kinds``. An unclassified entry is left out here, never a crash at
    collection: ``test_every_url_pattern_is_classified`` fails on it by name, with the registry to edit."""
    from network.registries import rule_for

    return [entry for entry in entries if (rule := rule_for(registries, entry.name)) and rule.access in kinds]


def registry_to_edit(entry: UrlEntry) -> str:
    """Where an unclassified URL belongs: the registry of the project app whose view serves it; a third-party
    page (allauth, the admin) is classified by ``network/registry.py``, which wires those packages in."""
    from network.registries import PROJECT_APPS

    app = entry.pattern.lookup_str.split(".")[0]
    return f"{app if app in PROJECT_APPS else 'network'}/registry.py"


def reversible_entries():
    """Named project URLs (admin left out: Django's own, covered by its prefix rule)."""
    return [entry for entry in url_entries() if entry.pattern.name and not entry.is_admin]


class ScriptAudit(HTMLParser):
    """Finds inline or foreign scripts, event-handler attributes and javascript: URLs in a page (SECURITY HD-4)."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if value and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value}>")
        if tag == "script":
            src = attributes.get("src") or ""
            # Data blocks (JSON, JSON-LD) never execute; anything else must be a same-origin file.
            if not src.startswith("/static/") and attributes.get("type") not in (
                "application/json",
                "application/ld+json",
            ):
                self.problems.append(f"<script src={src!r}> (inline or external)")


def script_problems(html: str) -> list[str]:
    audit = ScriptAudit()
    audit.feed(html)
    return audit.problems

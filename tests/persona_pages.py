"""The signed-in pages of each persona, derived from the URL registry: every GET page the persona may open.

The personas are the four roles that sign in (advisor, referent, office manager, network manager), all around the
objects of the registry tests' ``world`` fixture (``tests/test_registries.py``), whose examples
(``tests/registry_examples.py``) fill the URL parameters. A page belongs to a persona when the registry says it needs
a sign-in (authenticated, role or object rules: neither the public pages, crawled on their own, nor Django's admin)
and a GET by that persona answers 200 with HTML. So a new page is in the page-quality checks and in the dashboard
test of every role that can open it, without anyone listing it.
"""

import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.test import Client

from network.registries import Access, collect, rule_for
from tests.registry_examples import EXAMPLES
from tests.urlwalk import dummy_kwargs, path_for, reversible_entries

PERSONAS = ("advisor", "referent", "office_manager", "network_manager")
SIGNED_IN_RULES = (Access.AUTHENTICATED, Access.ROLE, Access.OBJECT)
# Where the signed-in pages live; a "top-level" page is one of these that no other page's address contains.
EXTRANET_PREFIXES = ("/extranet/", "/manage/")
DASHBOARD = "network:dashboard"


@dataclass(frozen=True)
class PersonaPage:
    name: str  # the URL name
    path: str
    has_parameters: bool
    content: bytes = field(default=b"", compare=False, repr=False)  # the HTML the test client got

    @property
    def shape(self) -> str:
        """A digest of the page's markup without its texts and values (tags and classes): two personas' versions of a
        page with the same shape show the same elements, so a browser check of one stands for the other."""
        skeleton = _Skeleton()
        skeleton.feed(self.content.decode())
        return hashlib.sha256("".join(skeleton.parts).encode()).hexdigest()


class _Skeleton(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_starttag(self, tag, attrs):
        self.parts.append(f"<{tag} {dict(attrs).get('class') or ''}>")

    def handle_endtag(self, tag):
        self.parts.append(f"</{tag}>")


def make_personas(world, request) -> dict:
    """The four signed-in users, keyed as in ``PERSONAS``. The advisor and the referent work for ``world``'s
    organisation and are through the company-data gate; the referent's colleague has a signature awaiting them."""
    from tests.referrals.conftest import make_gated_advisor

    organisation = world["organisation"]
    return {
        "advisor": make_gated_advisor(organisation=organisation),
        "referent": make_gated_advisor(organisation=organisation, role="referent"),
        "office_manager": request.getfixturevalue("office_manager"),
        "network_manager": request.getfixturevalue("network_manager"),
    }


def signed_in_client(user) -> Client:
    """A client signed in as ``user``, who has just confirmed their password (so no page asks for it again)."""
    from tests.test_registries import client_for

    return client_for(user)


def session_cookie(user, url) -> dict:
    """A browser cookie (Playwright's ``add_cookies`` format) carrying a fresh session of ``user`` for the site at
    ``url``: the browser tests start signed in without filling the sign-in form."""
    from django.conf import settings

    session = signed_in_client(user).cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": url}


def _signed_in_entries():
    registries = collect()
    for entry in reversible_entries():
        rule = rule_for(registries, entry.name)
        if rule is not None and rule.access in SIGNED_IN_RULES:
            yield entry


def pages_for(user, world, language="en") -> list[PersonaPage]:
    """Every signed-in GET page ``user`` may open, in ``language`` (the user's preferred language is set to it)."""
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    client = signed_in_client(user)
    pages = []
    for entry in _signed_in_entries():
        kwargs = EXAMPLES[entry.name](world) if entry.name in EXAMPLES else dummy_kwargs(entry)
        path = path_for(entry, kwargs, language)
        response = client.get(path)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append(PersonaPage(entry.name, path, bool(entry.parameters()), response.content))
    return pages


def top_level_pages(pages: list[PersonaPage]) -> list[PersonaPage]:
    """The pages a role starts from: extranet or management pages without parameters whose address does not extend
    another such page's (``/manage/offices/new/`` is reached from ``/manage/offices/``), the dashboard aside."""
    candidates = [
        page
        for page in pages
        if not page.has_parameters and page.path.startswith(EXTRANET_PREFIXES) and page.name != DASHBOARD
    ]
    return [
        page
        for page in candidates
        if not any(other is not page and page.path.startswith(other.path) for other in candidates)
    ]

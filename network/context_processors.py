from functools import lru_cache

from django.conf import settings
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse, translate_url
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_from_path, get_language_info

from network import perms, public_cache
from network.models import Network

# The header entry that is current (``aria-current="page"``), by the view's name; see ``_current_section``.
SECTION_OF_VIEW = {
    "network_public:home": "home",
    "network_public:office_list": "offices",
    "network_public:office_detail": "offices",
    "network_public:office_finder": "offices",
    "network_public:contact": "contact",
    "network:dashboard": "dashboard",
    "referrals:contact_log": "log_contact",
}


def _current_section(match) -> str:
    """Which entry of the header names the page being shown ("" for none), decided once in Python rather than by a
    dozen lookups of ``request.resolver_match`` in the header."""
    if match is None:
        return ""
    if match.route.startswith("manage/"):  # the management pages, whichever app they belong to
        return "manage"
    if match.namespace == "members_public":
        return "organisations"
    return SECTION_OF_VIEW.get(match.view_name, "")


@lru_cache(maxsize=4096)
def _translated(path: str, language: str) -> str:
    """``translate_url``, remembered: it resolves the path and reverses it in the other language, about half a
    millisecond a page, and the URL patterns never change while the process runs."""
    return translate_url(path, language)


# The views the header and footer link to, on every page: reversed once per language (and script prefix) instead of
# twenty times a page (issue 7). The templates read them as ``layout_urls.<key>``.
LAYOUT_URLS = {
    "home": "network_public:home",
    "organisations": "members_public:organisation_list",
    "offices": "network_public:office_list",
    "contact": "network_public:contact",
    "legal_notice": "network_public:legal_notice",
    "privacy_notice": "network_public:privacy_notice",
    "accessibility": "network_public:accessibility",
    "cookies": "network_public:cookies",
    "dashboard": "network:dashboard",
    "log_contact": "referrals:contact_log",
    "companies": "referrals:company_search",
    "manage_settings": "network:network_settings",
    "manage_organisations": "members:organisation_list",
    "set_language": "set_language",
    "login": "account_login",
    "logout": "account_logout",
    "logo": "network_logo",
    "theme_css": "theme_css",
}
# The layout's own files, by ``{% static %}``'s rules (the manifest's hashed names in production).
LAYOUT_STATIC = {
    "favicon": "favicon.svg",
    "bootstrap_css": "vendor/bootstrap/bootstrap.min.css",
    "bootstrap_js": "vendor/bootstrap/bootstrap.bundle.min.js",
    "htmx_js": "vendor/htmx/htmx.min.js",
    "portal_css": "css/portal.css",
    "nojs_css": "css/nojs.css",
    "portal_js": "js/portal.js",
}


@lru_cache(maxsize=64)
def _layout_urls(language: str, script_prefix: str) -> dict:
    urls = {key: reverse(name) for key, name in LAYOUT_URLS.items()}
    return urls | {key: static(path) for key, path in LAYOUT_STATIC.items()}


@lru_cache(maxsize=16)
def _other_languages(language: str) -> tuple[tuple[str, str], ...]:
    """The header's language buttons: each other language's code and its name in that language."""
    return tuple(
        (code, capfirst(get_language_info(code)["name_local"]))
        for code, _name in settings.LANGUAGES
        if code != language
    )


def network(request):
    """What every page needs: the network's identity, the language alternates and the visitor's roles."""
    current = Network.load()
    alternates = []
    if get_language_from_path(request.path_info) is not None:
        for code, name in settings.LANGUAGES:
            url = _translated(request.get_full_path(), code)
            alternates.append({"code": code, "name": name, "absolute_url": request.build_absolute_uri(url)})
    user = getattr(request, "user", None)
    return {
        "network": current,
        "layout_urls": _layout_urls(get_language(), get_script_prefix()),
        "other_languages": _other_languages(get_language()),
        "current_section": _current_section(getattr(request, "resolver_match", None)),
        "public_version": public_cache.version,  # called only by the templates that cache a fragment
        "language_alternates": alternates,
        "is_network_manager": perms.is_network_manager(user),
        "is_network_staff": perms.is_network_staff(user),
    }

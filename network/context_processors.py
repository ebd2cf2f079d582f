from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, reverse, translate_url
from django.utils.translation import get_language, get_language_from_path

from network import perms, public_cache
from network.models import Network

# URL namespaces of the management pages (the "Manage" entry of the header is current on them).
MANAGE_NAMESPACES = ("manage", "members", "people", "conduct_manage")


@lru_cache(maxsize=4096)
def _translated(path: str, language: str) -> str:
    """``translate_url``, remembered: it resolves the path and reverses it in the other language, about half a
    millisecond a page, and the URL patterns never change while the process runs."""
    return translate_url(path, language)


# The views the header and footer link to, on every page: reversed once per language (and script prefix) instead of
# twenty times a page (issue 7). The templates read them as ``layout_urls.<key>``.
LAYOUT_URLS = {
    "home": "public:home",
    "organisations": "directory:organisation_list",
    "offices": "public:office_list",
    "contact": "public:contact",
    "legal_notice": "public:legal_notice",
    "privacy_notice": "public:privacy_notice",
    "accessibility": "public:accessibility",
    "cookies": "public:cookies",
    "dashboard": "extranet:dashboard",
    "log_contact": "companies:log",
    "manage_settings": "manage:network_settings",
    "manage_organisations": "members:organisation_list",
    "set_language": "set_language",
    "login": "account_login",
    "logout": "account_logout",
    "logo": "network_logo",
    "theme_css": "theme_css",
}


@lru_cache(maxsize=64)
def _layout_urls(language: str, script_prefix: str) -> dict:
    return {key: reverse(name) for key, name in LAYOUT_URLS.items()}


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
        "public_version": public_cache.version,  # called only by the templates that cache a fragment
        "language_alternates": alternates,
        "is_network_manager": perms.is_network_manager(user),
        "is_network_staff": perms.is_network_staff(user),
        "manage_namespaces": MANAGE_NAMESPACES,
    }

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_from_path

from network import perms
from network.models import Network

# URL namespaces of the management pages (the "Manage" entry of the header is current on them).
MANAGE_NAMESPACES = ("manage", "members", "people", "conduct_manage")


def network(request):
    """What every page needs: the network's identity, the language alternates and the visitor's roles."""
    current = Network.load()
    alternates = []
    if get_language_from_path(request.path_info) is not None:
        for code, name in settings.LANGUAGES:
            url = translate_url(request.get_full_path(), code)
            alternates.append({"code": code, "name": name, "absolute_url": request.build_absolute_uri(url)})
    user = getattr(request, "user", None)
    return {
        "network": current,
        "language_alternates": alternates,
        "is_network_manager": perms.is_network_manager(user),
        "is_network_staff": perms.is_network_staff(user),
        "manage_namespaces": MANAGE_NAMESPACES,
    }

"""Fragments of the public pages kept in the cache (issue 7: "fragment caching where pages are public").

The public pages show what changes a few times a week (offices and what they cover, member organisations, their
services) to every visitor. Their content blocks are cached for ``SECONDS`` under a key that includes
``version()``: any save or delete of a model they show (``SHOWN``) bumps the version, so with the shared Redis cache
of a production install an edit shows at once; with the per-process memory cache of a single machine without Redis,
another worker may show the previous version for up to ``SECONDS``. Links between rows (an organisation's
territories) are edited with their row, whose save bumps the version; there is no ``m2m_changed`` receiver, which
would make Django read every many-to-many link before adding it, everywhere. Never cached: anything depending on
the visitor (the header with its CSRF token and sign-in state stays outside the fragments).
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

SECONDS = 60
VERSION_KEY = "public-pages:version"

# The models whose rows the cached fragments show (labels, so this module imports no other app). Not the users:
# their rows change at every sign-in (last_login), and a renamed team member may show under the old name for
# ``SECONDS``.
SHOWN = frozenset(
    {
        "network.Network",
        "network.Office",
        "network.OfficeDepartement",
        "network.OfficeCommune",
        "network.NetworkStaff",
        "network.Territory",
        "network.Theme",
        "members.MemberOrganisation",
        "members.Convention",
        "members.Service",
    }
)


def version() -> int:
    """The current version of the public content (read by the templates' ``{% cache %}`` keys)."""
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, 1, None)
        current = cache.get(VERSION_KEY) or 1
    return current


def bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new value differs from the keys in use
        cache.set(VERSION_KEY, 2, None)


def _shown(model) -> bool:
    return model is not None and model._meta.label in SHOWN


@receiver(post_save, dispatch_uid="public_cache_saved")
@receiver(post_delete, dispatch_uid="public_cache_deleted")
def _changed(sender, **kwargs):
    if _shown(sender):
        bump()

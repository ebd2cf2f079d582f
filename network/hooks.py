"""Hooks the apps above ``network`` fill in, found by module name so dependencies keep pointing one way.

Handover (``<app>/handover.py``)
--------------------------------

When a person leaves (a network manager deactivates their account), whatever they still hold must be passed on to
a colleague. Each app lists its share in ``<app>/handover.py``::

    def open_items(user) -> list[HandoverItem]:
        ...

``handover_items(user)`` below collects them, app by app in ``PROJECT_APPS`` order, for the person page and the
page shown after deactivating. The contract for an ``open_items``:

- ``user`` may be active or already deactivated; answer the same either way.
- Return one ``HandoverItem`` per kind of thing (and per organisation when that helps the manager), never one per
  row: ``label`` is translated (``gettext``, evaluated in the call), ``count`` is at least 1 (leave out empty
  kinds), ``url`` is a page where a network manager can hand it over, or ``None``.
- Labels may name organisations, never the SME contacts or the people concerned (the page is a summary).
- Run a fixed number of queries (aggregate with ``values(...).annotate(Count(...))``), whatever the rows: the
  person page's query count is pinned in the tests.
- It is only called for network managers, who see everything network-wide; items must stay counts, so content
  confidential to an organisation never shows.

``members/handover.py`` is the example (pending invitations the person sent, signatures only they can
countersign). The referrals app adds its own later: the follow-ups and referrals assigned to the person, in the
same shape, for instance::

    def open_items(user):
        due = FollowUp.objects.filter(advisor__user=user, done_at__isnull=True).count()
        url = reverse("referrals:follow_up_list") + f"?advisor={user.pk}"
        return [HandoverItem(_("Follow-ups not done yet"), due, url)] if due else []
"""

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType

from network.registries import PROJECT_APPS


@dataclass(frozen=True)
class HandoverItem:
    """Something a leaving person still holds: what (``label``), how many, and where to reassign it (or None)."""

    label: str
    count: int
    url: str | None = None


def app_modules(name: str) -> Iterator[ModuleType]:
    """Each project app's ``<app>.<name>`` module, in ``PROJECT_APPS`` order; apps without one are skipped (an
    import error inside an existing module is raised, not hidden). Not remembered: Python searches the import path
    again for a module that is not there, so a caller on a hot path keeps the result (``network/user_context.py``)."""
    for label in PROJECT_APPS:
        try:
            yield importlib.import_module(f"{label}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{label}.{name}":
                raise


def handover_items(user) -> list[HandoverItem]:
    """Every app's open items for ``user`` (see the module docstring for the ``<app>/handover.py`` contract)."""
    items = []
    for module in app_modules("handover"):
        items.extend(item for item in module.open_items(user) if item.count)
    return items

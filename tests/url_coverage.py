"""The URL-coverage gate (SECURITY.md SC-4): every URL pattern must answer 2xx or 3xx in at least one test.

A session fixture records which patterns answered, through the request handler (test client and live server
alike); at the end of a full run (no -k, -m or narrower paths) ``pytest_sessionfinish`` in conftest fails the
run listing the patterns nobody reached.
"""

import threading

from django.core.handlers.base import BaseHandler

from tests.urlwalk import reversible_entries

# Patterns no request can reach, with the reason.
EXEMPT = {
    "account_email": "shadowed by account_email_managed (same path, listed first)",
}

hits: set[str] = set()
_lock = threading.Lock()


def start_recording():
    original = BaseHandler.get_response

    def get_response(self, request):
        response = original(self, request)
        match = getattr(request, "resolver_match", None)
        if match is not None and 200 <= response.status_code < 400:
            with _lock:
                hits.add(match.view_name)
        return response

    BaseHandler.get_response = get_response
    return original


def stop_recording(original):
    BaseHandler.get_response = original


def unreached() -> list[str]:
    """Patterns no test reached, less the exemptions and the switched-off pages, which answer 404 by design
    (``test_a_switched_off_page_does_not_exist_for_anyone`` checks that)."""
    from network.registries import Access, collect, rule_for

    registries = collect()
    names = {
        entry.name
        for entry in reversible_entries()
        if (rule := rule_for(registries, entry.name)) is None or rule.access != Access.OFF
    }
    return sorted(names - hits - set(EXEMPT))


def is_full_run(config) -> bool:
    option = config.option
    if option.keyword or option.markexpr or getattr(option, "lf", False) or getattr(option, "deselect", None):
        return False
    return all(str(arg).rstrip("/") in {"tests", str(config.rootpath / "tests")} for arg in config.args)

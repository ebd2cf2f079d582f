"""The extranet's home: the signed-in person's dashboard, with the panels other apps add to it."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from network import perms
from network.hooks import app_modules


def dashboard_panels(request) -> list[dict]:
    """Panels other apps add to the extranet home: ``<app>/dashboard.py`` defines ``panels(request)`` returning
    ``[{"template": ..., **context}]``. Found by name, so this app never imports the apps above it."""
    panels = []
    for module in app_modules("dashboard"):
        panels.extend(module.panels(request))
    return panels


@require_safe
def dashboard(request):
    from allauth.mfa.utils import is_mfa_enabled

    return render(
        request,
        "network/dashboard.html",
        {
            "mfa_enabled": is_mfa_enabled(request.user),
            "staff_role": perms.staff_role(request.user),
            "panels": dashboard_panels(request),
        },
    )

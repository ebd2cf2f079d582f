"""The Django admin as the network staff's technical tool (``is_staff``): the sign-in goes through allauth
(``network/urls.py``), and a signed-in account without access is told so on a 403 page, in the site's layout.

Django's admin sends any visitor it refuses to its own sign-in page, which here hands over to allauth; allauth sends
a visitor who is already signed in straight back to ``next``, the admin, which refuses them again: an endless loop
of redirects for a signed-in advisor who opens ``/admin/``."""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_protect


def staff_only(request):
    """The 403 page of a signed-in account that the admin refuses: what the admin is for, and the way home."""
    response = render(request, "network/admin_staff_only.html", status=403)
    add_never_cache_headers(response)
    return response


def refuses_signed_in(site, request) -> bool:
    """Whether ``request`` comes from a signed-in account that ``site`` does not let in (sending it to sign in would
    bring it straight back)."""
    return request.user.is_authenticated and not site.has_permission(request)


class PortalAdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        guarded = super().admin_view(view, cacheable)
        refused = csrf_protect(staff_only)  # a POST without its token is refused for that first, as before

        def inner(request, *args, **kwargs):
            if refuses_signed_in(self, request):
                return refused(request)
            return guarded(request, *args, **kwargs)

        return update_wrapper(inner, guarded)


class PortalAdminConfig(AdminConfig):
    """``django.contrib.admin`` with the site above (INSTALLED_APPS names this class instead of the app)."""

    default_site = "network.admin_site.PortalAdminSite"

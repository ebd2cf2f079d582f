from allauth.account import views as account_views
from allauth.account.decorators import reauthentication_required
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, reverse
from django.views.generic import RedirectView

from network.admin_site import refuses_signed_in, staff_only
from network.views import system


class AdminLoginRedirect(RedirectView):
    """The admin signs in through allauth too, so throttling and MFA have no bypass. A signed-in account that the
    admin refuses is told why: allauth would send it straight back to the admin (network/admin_site.py)."""

    def dispatch(self, request, *args, **kwargs):
        if refuses_signed_in(admin.site, request):
            return staff_only(request)
        return super().dispatch(request, *args, **kwargs)

    def get_redirect_url(self, *args, **kwargs):
        query = self.request.GET.urlencode()
        return reverse("account_login") + (f"?{query}" if query else "")


handler500 = "network.views.system.server_error"

urlpatterns = [
    path("healthz", system.healthz, name="healthz"),
    path("readyz", system.readyz, name="readyz"),
    path("theme.css", system.theme_css, name="theme_css"),
    path("logo", system.network_logo, name="network_logo"),
    path("i18n/setlang/", system.set_language, name="set_language"),
    path("admin/login/", login_not_required(AdminLoginRedirect.as_view()), name="admin_login_redirect"),
    path("admin/", admin.site.urls),
    path("accounts/email/", system.email_managed_by_invitation, name="account_email_managed"),
    # Each app's signed-in pages (extranet/, manage/, the invitation link under accounts/), written with their full
    # paths in <app>/urls.py; before allauth's accounts/ below.
    path("", include("network.urls")),
    path("", include("members.urls")),
    path("", include("referrals.urls")),
    # SE-5: changing the password needs a sign-in confirmed in the last 5 minutes (allauth asks only for MFA
    # changes by itself); the page opens, the POST waits for the re-authentication and is then replayed.
    path(
        "accounts/password/change/",
        reauthentication_required(account_views.password_change, allow_get=True),
        name="account_change_password",
    ),
    # Re-authentication by an emailed code is switched off (ACCOUNT_REAUTHENTICATION_METHODS): its pages are 404.
    path("accounts/reauthenticate/code/", system.switched_off, name="account_request_reauthentication_code"),
    path("accounts/reauthenticate/code/confirm/", system.switched_off, name="account_confirm_reauthentication_code"),
    path("accounts/", include("allauth.urls")),
]

urlpatterns += i18n_patterns(
    path("", include("network.urls_public")),
    path("", include("members.urls_public")),
    prefix_default_language=True,
)

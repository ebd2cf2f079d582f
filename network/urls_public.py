from django.urls import path
from django.utils.translation import gettext_lazy as _

from network.views import public

app_name = "network_public"

urlpatterns = [
    path("", public.home, name="home"),
    path(_("legal-notice/"), public.legal_notice, name="legal_notice"),
    path(_("privacy/"), public.privacy_notice, name="privacy_notice"),
    path(_("accessibility/"), public.accessibility, name="accessibility"),
    path(_("contact/"), public.contact, name="contact"),
    path(_("cookies/"), public.cookies, name="cookies"),
    path(_("offices/"), public.office_list, name="office_list"),
    path(_("which-office/"), public.office_finder, name="office_finder"),
    path(_("offices/<slug:slug>/"), public.office_detail, name="office_detail"),
]

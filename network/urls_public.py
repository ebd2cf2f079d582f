from django.urls import path
from django.utils.translation import gettext_lazy as _

from network import views, views_offices

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path(_("legal-notice/"), views.legal_notice, name="legal_notice"),
    path(_("privacy/"), views.privacy_notice, name="privacy_notice"),
    path(_("accessibility/"), views.accessibility, name="accessibility"),
    path(_("contact/"), views.contact, name="contact"),
    path(_("cookies/"), views.cookies, name="cookies"),
    path(_("offices/"), views_offices.office_list, name="office_list"),
    path(_("which-office/"), views_offices.office_finder, name="office_finder"),
    path(_("offices/<slug:slug>/"), views_offices.office_detail, name="office_detail"),
]

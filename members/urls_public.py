from django.urls import path
from django.utils.translation import gettext_lazy as _

from members import views_public

app_name = "directory"

urlpatterns = [
    path(_("organisations/"), views_public.organisation_list, name="organisation_list"),
    path(_("organisations/<slug:slug>/"), views_public.organisation_detail, name="organisation_detail"),
]

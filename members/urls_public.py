from django.urls import path
from django.utils.translation import gettext_lazy as _

from members.views import public

app_name = "members_public"

urlpatterns = [
    path(_("organisations/"), public.organisation_list, name="organisation_list"),
    path(_("organisations/<slug:slug>/"), public.organisation_detail, name="organisation_detail"),
]

from django.urls import path

from network.views import extranet, manage

app_name = "network"

urlpatterns = [
    path("extranet/", extranet.dashboard, name="dashboard"),
    path("manage/network/", manage.network_settings, name="network_settings"),
    path("manage/privacy-notices/", manage.privacy_notices, name="privacy_notices"),
    path("manage/offices/", manage.manage_office_list, name="office_list"),
    path("manage/offices/new/", manage.manage_office_create, name="office_create"),
    path("manage/offices/<int:pk>/", manage.manage_office_edit, name="office_edit"),
    path("manage/offices/<int:pk>/delete/", manage.manage_office_delete, name="office_delete"),
    path("manage/offices/<int:pk>/communes/", manage.manage_office_commune_add, name="office_commune_add"),
    path(
        "manage/offices/<int:pk>/communes/<int:link_pk>/remove/",
        manage.manage_office_commune_remove,
        name="office_commune_remove",
    ),
]

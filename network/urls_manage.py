from django.urls import path

from network import views, views_offices

app_name = "manage"

urlpatterns = [
    path("network/", views.network_settings, name="network_settings"),
    path("privacy-notices/", views.privacy_notices, name="privacy_notices"),
    path("offices/", views_offices.manage_office_list, name="office_list"),
    path("offices/new/", views_offices.manage_office_create, name="office_create"),
    path("offices/<int:pk>/", views_offices.manage_office_edit, name="office_edit"),
    path("offices/<int:pk>/delete/", views_offices.manage_office_delete, name="office_delete"),
    path("offices/<int:pk>/communes/", views_offices.manage_office_commune_add, name="office_commune_add"),
    path(
        "offices/<int:pk>/communes/<int:link_pk>/remove/",
        views_offices.manage_office_commune_remove,
        name="office_commune_remove",
    ),
]

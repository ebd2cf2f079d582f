from django.urls import path

from network import views

app_name = "manage"

urlpatterns = [
    path("network/", views.network_settings, name="network_settings"),
    path("privacy-notices/", views.privacy_notices, name="privacy_notices"),
]

from django.urls import path

from network import views

app_name = "extranet"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]

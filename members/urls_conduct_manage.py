from django.urls import path

from members import views_conduct

app_name = "conduct_manage"

urlpatterns = [
    path("", views_conduct.manage_versions, name="versions"),
]

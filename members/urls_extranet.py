from django.urls import path

from members import views_extranet

app_name = "advisors"

urlpatterns = [
    path("profile/", views_extranet.profile, name="profile"),
    path("colleagues/", views_extranet.colleague_search, name="colleagues"),
    path("colleagues/<int:pk>/", views_extranet.colleague_detail, name="colleague"),
]

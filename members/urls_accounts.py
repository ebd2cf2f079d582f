from django.urls import path

from members import views_invitations

urlpatterns = [
    path("", views_invitations.invitation_accept_view, name="invitation_accept"),
]

from django.urls import path

from members import views_people

app_name = "people"

urlpatterns = [
    path("", views_people.people_list, name="list"),
    path("export.csv", views_people.people_export, name="export"),
    path("remind/", views_people.people_remind, name="remind"),
    path("<int:pk>/", views_people.person_detail, name="detail"),
    path("<int:pk>/deactivate/", views_people.person_deactivate, name="deactivate"),
    path("<int:pk>/reactivate/", views_people.person_reactivate, name="reactivate"),
    path("<int:pk>/reset-mfa/", views_people.person_mfa_reset, name="mfa_reset"),
]

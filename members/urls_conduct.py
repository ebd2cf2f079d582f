from django.urls import path

from members import views_conduct

app_name = "conduct"

urlpatterns = [
    path("", views_conduct.code_of_conduct, name="read"),
    path("countersign/<uuid:public_id>/", views_conduct.countersign, name="countersign"),
]

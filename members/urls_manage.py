from django.urls import path

from members import views_import, views_invitations, views_invitations_bulk, views_manage

app_name = "members"

urlpatterns = [
    path("", views_manage.organisation_list, name="organisation_list"),
    path("export.csv", views_manage.organisation_export, name="organisation_export"),
    path("new/", views_manage.organisation_create, name="organisation_create"),
    path("<int:pk>/", views_manage.organisation_detail, name="organisation_detail"),
    path("<int:pk>/edit/", views_manage.organisation_edit, name="organisation_edit"),
    path("<int:pk>/publication/", views_manage.organisation_publication, name="organisation_publication"),
    path("<int:pk>/services/new/", views_manage.service_create, name="service_create"),
    path("services/<int:pk>/edit/", views_manage.service_edit, name="service_edit"),
    path("<int:pk>/conventions/new/", views_manage.convention_create, name="convention_create"),
    path("conventions/<int:pk>/pdf/", views_manage.convention_pdf, name="convention_pdf"),
    path("<int:pk>/invitations/", views_invitations.invitation_create, name="invitation_create"),
    path("invitations/<int:pk>/resend/", views_invitations.invitation_resend, name="invitation_resend"),
    path("invitations/<int:pk>/withdraw/", views_invitations.invitation_withdraw, name="invitation_withdraw"),
    # Invitations from a CSV file (members/views_invitations_bulk.py)
    path("<int:pk>/invitations/import/", views_invitations_bulk.invitation_import, name="invitation_import"),
    path(
        "<int:pk>/invitations/import/preview/",
        views_invitations_bulk.invitation_import_confirm,
        name="invitation_import_confirm",
    ),
    path(
        "<int:pk>/invitations/import/template.csv",
        views_invitations_bulk.invitation_import_template,
        name="invitation_import_template",
    ),
    # CSV import (members/views_import.py)
    path("import/", views_import.organisation_import, name="organisation_import"),
    path("import/template.csv", views_import.organisation_import_template, name="organisation_import_template"),
    path("import/preview/", views_import.organisation_import_confirm, name="organisation_import_confirm"),
]

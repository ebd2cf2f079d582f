from django.urls import path

from members.views import extranet, manage, manage_imports, manage_invitations, manage_people, public

app_name = "members"

urlpatterns = [
    # The invitation link (before allauth's accounts/ in config/urls.py); public: the invitee has no account yet.
    path("accounts/invitation/<str:token>/", public.invitation_accept_page, name="invitation_accept"),
    # The advisor's side
    path("extranet/code-of-conduct/", extranet.code_of_conduct, name="conduct"),
    path(
        "extranet/code-of-conduct/countersign/<uuid:public_id>/",
        extranet.countersign,
        name="conduct_countersign",
    ),
    path("extranet/profile/", extranet.profile, name="profile"),
    path("extranet/colleagues/", extranet.colleague_search, name="colleagues"),
    path("extranet/colleagues/<int:pk>/", extranet.colleague_detail, name="colleague"),
    # Organisations, their services and conventions
    path("manage/organisations/", manage.organisation_list, name="organisation_list"),
    path("manage/organisations/export.csv", manage.organisation_export, name="organisation_export"),
    path("manage/organisations/new/", manage.organisation_create, name="organisation_create"),
    path("manage/organisations/<int:pk>/", manage.organisation_detail, name="organisation_detail"),
    path("manage/organisations/<int:pk>/edit/", manage.organisation_edit, name="organisation_edit"),
    path(
        "manage/organisations/<int:pk>/publication/", manage.organisation_publication, name="organisation_publication"
    ),
    path("manage/organisations/<int:pk>/services/new/", manage.service_create, name="service_create"),
    path("manage/organisations/services/<int:pk>/edit/", manage.service_edit, name="service_edit"),
    path("manage/organisations/<int:pk>/conventions/new/", manage.convention_create, name="convention_create"),
    path("manage/organisations/conventions/<int:pk>/pdf/", manage.convention_pdf, name="convention_pdf"),
    # Invitations, one by one and from a CSV file
    path(
        "manage/organisations/<int:pk>/invitations/",
        manage_invitations.invitation_create,
        name="invitation_create",
    ),
    path(
        "manage/organisations/invitations/<int:pk>/resend/",
        manage_invitations.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "manage/organisations/invitations/<int:pk>/withdraw/",
        manage_invitations.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(
        "manage/organisations/<int:pk>/invitations/import/",
        manage_invitations.invitation_import,
        name="invitation_import",
    ),
    path(
        "manage/organisations/<int:pk>/invitations/import/preview/",
        manage_invitations.invitation_import_confirm,
        name="invitation_import_confirm",
    ),
    path(
        "manage/organisations/<int:pk>/invitations/import/template.csv",
        manage_invitations.invitation_import_template,
        name="invitation_import_template",
    ),
    # Organisations from a CSV file
    path("manage/organisations/import/", manage_imports.organisation_import, name="organisation_import"),
    path(
        "manage/organisations/import/template.csv",
        manage_imports.organisation_import_template,
        name="organisation_import_template",
    ),
    path(
        "manage/organisations/import/preview/",
        manage_imports.organisation_import_confirm,
        name="organisation_import_confirm",
    ),
    # The code of conduct's versions
    path("manage/code-of-conduct/", manage.conduct_versions, name="conduct_versions"),
    # The people of the network
    path("manage/people/", manage_people.people_list, name="person_list"),
    path("manage/people/export.csv", manage_people.people_export, name="person_export"),
    path("manage/people/remind/", manage_people.people_remind, name="person_remind"),
    path("manage/people/<int:pk>/", manage_people.person_detail, name="person_detail"),
    path("manage/people/<int:pk>/deactivate/", manage_people.person_deactivate, name="person_deactivate"),
    path("manage/people/<int:pk>/reactivate/", manage_people.person_reactivate, name="person_reactivate"),
    path("manage/people/<int:pk>/reset-mfa/", manage_people.person_mfa_reset, name="person_mfa_reset"),
]

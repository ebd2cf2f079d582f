from django.urls import path

from referrals.views import companies, contacts, log

app_name = "referrals"

urlpatterns = [
    path("extranet/companies/", companies.company_search, name="company_search"),
    path("extranet/companies/<int:pk>/", companies.company_detail, name="company_detail"),
    path("extranet/companies/<int:pk>/timeline/", companies.company_timeline, name="company_timeline"),
    path("extranet/companies/<int:pk>/edit/", companies.company_edit, name="company_edit"),
    path("extranet/companies/<int:pk>/merge/", companies.company_merge, name="company_merge"),
    path("extranet/companies/interactions/<int:pk>/", companies.interaction_detail, name="interaction_detail"),
    path("extranet/companies/<int:pk>/contacts/new/", contacts.contact_create, name="contact_create"),
    path("extranet/companies/contacts/<int:pk>/", contacts.contact_detail, name="contact_detail"),
    path("extranet/companies/contacts/<int:pk>/edit/", contacts.contact_edit, name="contact_edit"),
    path("extranet/companies/contacts/<int:pk>/delete/", contacts.contact_delete, name="contact_delete"),
    path(
        "extranet/companies/contacts/<int:pk>/information/", contacts.contact_information, name="contact_information"
    ),
    path("extranet/companies/log/", log.contact_log, name="contact_log"),
    path("extranet/companies/lookup/", log.company_lookup_view, name="company_lookup"),
    path("extranet/companies/<int:pk>/already-in-contact/", log.already_in_contact, name="already_in_contact"),
]

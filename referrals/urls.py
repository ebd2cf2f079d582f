from django.urls import path

from referrals import views, views_contacts, views_log

app_name = "companies"

urlpatterns = [
    path("", views.company_search, name="search"),
    path("<int:pk>/", views.company_detail, name="detail"),
    path("<int:pk>/timeline/", views.company_timeline, name="timeline"),
    path("<int:pk>/edit/", views.company_edit, name="edit"),
    path("<int:pk>/merge/", views.company_merge_view, name="merge"),
    path("interactions/<int:pk>/", views.interaction_detail, name="interaction"),
    path("<int:pk>/contacts/new/", views_contacts.contact_create, name="contact_create"),
    path("contacts/<int:pk>/", views_contacts.contact_detail, name="contact_detail"),
    path("contacts/<int:pk>/edit/", views_contacts.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/delete/", views_contacts.contact_delete, name="contact_delete"),
    path("contacts/<int:pk>/information/", views_contacts.contact_information, name="contact_information"),
    path("log/", views_log.contact_log, name="log"),
    path("lookup/", views_log.company_lookup_view, name="lookup"),
    path("<int:pk>/already-in-contact/", views_log.already_in_contact, name="already_in_contact"),
]

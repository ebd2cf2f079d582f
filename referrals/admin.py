"""The company records in the Django admin, for the network staff to look things up: read only. Every write goes
through the extranet's pages and ``referrals.services`` (audit log, optimistic locking, merges), and the counts of
``CompanyActivity`` are kept by the database's triggers. What the admin shows follows the extranet's rules: no
content of an interaction (it may be confidential to an organisation, DESIGN §4), and a person's email and phone
only on the extranet page, whose every view is in the access log (LG-3)."""

from django.contrib import admin
from django.db import models

from referrals.models import Company, CompanyActivity, CompanyContact, Interaction


class ReadOnlyAdmin(admin.ModelAdmin):
    show_full_result_count = False  # no count(*) of a million rows on every list
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # as the extranet's form

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Company)
class CompanyAdmin(ReadOnlyAdmin):
    list_display = ["name", "registration_number", "commune", "sector", "merged_into", "updated_at"]
    list_filter = ["sector", "size_band", "stage"]
    search_fields = ["=registration_number", "=establishment_number", "name"]
    list_select_related = ["commune", "merged_into"]
    exclude = ["project_email"]  # a person's address: on the extranet only
    readonly_fields = ["sector", "merged_into", "created_by", "version", "created_at", "updated_at"]
    raw_id_fields = ["commune"]


@admin.register(CompanyContact)
class CompanyContactAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "company", "job_title", "legal_basis", "informed_on", "updated_at"]
    list_filter = ["legal_basis"]
    search_fields = ["full_name", "company__name", "=company__registration_number"]
    list_select_related = ["company"]
    exclude = ["email", "phone"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    raw_id_fields = ["company"]


@admin.register(Interaction)
class InteractionAdmin(ReadOnlyAdmin):
    list_display = ["occurred_on", "company", "organisation", "is_confidential", "created_at"]
    list_filter = ["is_confidential"]
    search_fields = ["=company__registration_number", "company__name", "organisation__name"]
    list_select_related = ["company", "organisation"]
    fields = ["company", "organisation", "occurred_on", "is_confidential", "submission_key", "created_at"]
    readonly_fields = ["submission_key", "created_at", "updated_at"]
    raw_id_fields = ["company", "organisation"]


@admin.register(CompanyActivity)
class CompanyActivityAdmin(ReadOnlyAdmin):
    list_display = ["company", "organisation", "contacts", "last_on"]
    search_fields = ["=company__registration_number", "company__name", "organisation__name"]
    list_select_related = ["company", "organisation"]
    raw_id_fields = ["company", "organisation"]

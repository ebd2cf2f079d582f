"""The members app in the Django admin, for the network's technical staff: every model, searchable, with its foreign
keys chosen by search and its audit fields read-only. Day-to-day changes go through the management pages, which
write the audit log; records that are proofs (signatures, published codes, invitations' tokens) are read-only here."""

from django.contrib import admin
from django.db import models

from members.models import (
    Advisor,
    Affiliation,
    CodeOfConduct,
    CodeOfConductSignature,
    Convention,
    Invitation,
    MemberOrganisation,
    Service,
)

AUDIT = ["created_at", "updated_at"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MemberOrganisation)
class MemberOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "registration_number", "is_published", "updated_at"]
    list_filter = ["kind", "is_published"]
    search_fields = ["name", "registration_number", "slug"]
    filter_horizontal = ["themes", "territories"]
    readonly_fields = AUDIT
    ordering = ["name"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["title_fr", "title_en", "organisation", "cost", "is_public", "is_published"]
    list_filter = ["is_public", "is_published", "cost"]
    search_fields = ["title_fr", "title_en", "organisation__name"]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["themes", "territories"]
    readonly_fields = AUDIT
    list_select_related = ["organisation"]
    ordering = ["organisation__name", "title_fr"]


@admin.register(Convention)
class ConventionAdmin(admin.ModelAdmin):
    list_display = ["organisation", "version", "signed_on", "valid_from", "valid_until"]
    list_filter = ["valid_until"]
    search_fields = ["organisation__name", "signatory_name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = AUDIT
    list_select_related = ["organisation"]
    ordering = ["organisation__name", "-version"]


@admin.register(Advisor)
class AdvisorAdmin(admin.ModelAdmin):
    list_display = ["user", "job_title", "public_profile", "absent_from", "absent_until"]
    list_filter = ["public_profile"]
    search_fields = ["user__email", "user__full_name", "job_title"]
    autocomplete_fields = ["user", "backup"]
    filter_horizontal = ["skills", "territories"]
    readonly_fields = AUDIT
    list_select_related = ["user"]
    ordering = ["user__email"]


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    list_display = ["advisor", "organisation", "role", "started_on", "ended_on"]
    list_filter = ["role", "ended_on"]
    search_fields = ["advisor__user__email", "advisor__user__full_name", "organisation__name"]
    autocomplete_fields = ["advisor", "organisation"]
    readonly_fields = AUDIT
    list_select_related = ["advisor__user", "organisation"]
    ordering = ["-started_on", "-id"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are sent from the organisation's page (the token is only in the mail): none is added here."""

    list_display = ["email", "organisation", "role", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["invited_by", "expires_at", "accepted_at", "accepted_by", "revoked_at", *AUDIT]
    list_select_related = ["organisation"]
    ordering = ["-created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(CodeOfConduct)
class CodeOfConductAdmin(ReadOnlyAdmin):
    """Versions are published from the management page, which asks every advisor to sign again."""

    list_display = ["version", "published_at"]
    search_fields = ["text_fr", "text_en"]
    readonly_fields = ["version", "text_fr", "text_en", "published_at", *AUDIT]
    ordering = ["-version"]


@admin.register(CodeOfConductSignature)
class CodeOfConductSignatureAdmin(ReadOnlyAdmin):
    """A signature is the proof of what the person signed and who countersigned it."""

    list_display = ["advisor", "code", "organisation", "signed_at", "countersigned_at"]
    list_filter = ["code"]
    search_fields = ["advisor__user__email", "advisor__user__full_name", "organisation__name"]
    readonly_fields = [
        "public_id",
        "advisor",
        "code",
        "organisation",
        "language",
        "text_sha256",
        "signed_at",
        "signed_ip",
        "countersigned_by",
        "countersigned_at",
        "countersigned_ip",
        *AUDIT,
    ]
    list_select_related = ["advisor__user", "code", "organisation"]
    ordering = ["-signed_at"]

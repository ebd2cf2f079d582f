from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from network.models import (
    AccessLog,
    AuditEntry,
    LoginFailure,
    Network,
    NetworkStaff,
    Office,
    OfficeCommune,
    OfficeDepartement,
    OutboxMessage,
    PrivacyNotice,
    SecondFactorFailure,
    Territory,
    Theme,
    User,
)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "preferred_language", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "preferred_language"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "preferred_language"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "region", "time_zone"]

    def has_add_permission(self, request):
        return not Network.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(admin.ModelAdmin):
    list_display = ["version", "published_at"]
    ordering = ["-version"]


@admin.register(NetworkStaff)
class NetworkStaffAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name"]
    autocomplete_fields = ["user"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "status", "attempts", "next_attempt_at", "created_at", "sent_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    list_display = ["created_at", "ip_address"]
    readonly_fields = ["account_key", "ip_address", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(SecondFactorFailure)
class SecondFactorFailureAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user"]
    readonly_fields = ["user", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    """Territories load with the migrations or ``import_territories``; the admin shows them, for a check."""

    list_display = ["name", "code", "level", "parent", "population"]
    list_filter = ["level"]
    search_fields = ["name", "code", "postcodes"]
    list_select_related = ["parent"]
    readonly_fields = ["level", "code", "name", "postcodes", "population", "parent"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OfficeDepartementInline(admin.TabularInline):
    model = OfficeDepartement
    extra = 0
    raw_id_fields = ["departement"]


class OfficeCommuneInline(admin.TabularInline):
    model = OfficeCommune
    extra = 0
    raw_id_fields = ["commune"]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    """Offices are managed on /manage/offices/ (which checks every commune keeps one office); this is for staff."""

    list_display = ["name", "is_head_office", "email", "phone"]
    search_fields = ["name", "email"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OfficeDepartementInline, OfficeCommuneInline]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_fr", "slug", "parent", "position"]
    list_filter = ["parent"]
    search_fields = ["name_en", "name_fr", "slug"]
    list_select_related = ["parent"]
    ordering = ["parent__position", "position", "slug"]


class _LogEntryAdmin(admin.ModelAdmin):
    """Append-only (a database trigger refuses changes): read, never add, change or delete."""

    list_display = ["created_at", "action", "content_type", "object_id", "actor"]
    list_filter = ["action", "content_type"]
    list_select_related = ["content_type", "actor"]
    search_fields = ["object_id", "action"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(_LogEntryAdmin):
    readonly_fields = ["created_at", "actor", "action", "content_type", "object_id", "changed_fields", "values"]


@admin.register(AccessLog)
class AccessLogAdmin(_LogEntryAdmin):
    readonly_fields = ["created_at", "actor", "action", "content_type", "object_id", "detail"]

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from network.models import LoginFailure, Network, NetworkStaff, OutboxMessage, PrivacyNotice, User


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

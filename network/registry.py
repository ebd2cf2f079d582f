"""The network app's entries in the project registries (see ``network/registries.py`` for the rules)."""

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_base_forms
from allauth.mfa.recovery_codes import forms as recovery_forms
from allauth.mfa.totp import forms as totp_forms

from network import forms
from network.registries import (
    FormView,
    authenticated,
    edited_text_fields,
    public,
    role,
    switched_off,
    third_party,
)

MANAGER = "network.perms.is_network_manager"
TIMESTAMPS = ("id", "created_at", "updated_at")

ACCESS = {
    # Infrastructure and assets
    "healthz": public("liveness probe"),
    "readyz": public("readiness probe"),
    "theme_css": public("the network's colours"),
    "network_logo": public("the network's logo"),
    "set_language": public("language switch; saves a signed-in user's preference"),
    # Public pages (under /fr/ and /en/)
    "network_public:home": public(),
    "network_public:legal_notice": public(),
    "network_public:privacy_notice": public(),
    "network_public:accessibility": public(),
    "network_public:contact": public(),
    "network_public:cookies": public(),
    "network_public:office_list": public(),
    "network_public:office_detail": public(),
    "network_public:office_finder": public(),
    # Accounts (allauth); every one is also listed in network.auth_pathways
    "account_login": public(),
    "account_logout": public("signs out a session if there is one"),
    "account_signup": public("closed: explains that accounts come by invitation"),
    "account_inactive": public(),
    "account_reset_password": public(),
    "account_reset_password_done": public(),
    "account_reset_password_from_key": public("the emailed link"),
    "account_reset_password_from_key_done": public(),
    "account_confirm_login_code": public("login by code is off: sends back to sign-in"),
    "account_email_verification_sent": public(),
    "account_confirm_email": public("the emailed link"),
    "mfa_authenticate": public("second step of a sign-in in progress"),
    "account_request_reauthentication_code": switched_off("ACCOUNT_REAUTHENTICATION_METHODS leaves the code out"),
    "account_confirm_reauthentication_code": switched_off("ACCOUNT_REAUTHENTICATION_METHODS leaves the code out"),
    "account_reauthenticate": authenticated(),
    "account_change_password": authenticated(),
    "account_set_password": authenticated(),
    "account_email": authenticated("shadowed by account_email_managed"),
    "account_email_managed": authenticated(),
    "mfa_index": authenticated(),
    "mfa_reauthenticate": authenticated(),
    "mfa_activate_totp": authenticated(),
    "mfa_deactivate_totp": authenticated(),
    "mfa_view_recovery_codes": authenticated(),
    "mfa_generate_recovery_codes": authenticated(),
    "mfa_download_recovery_codes": authenticated(),
    "admin_login_redirect": public("sends the admin's sign-in to allauth's"),
    # Extranet and management
    "network:dashboard": authenticated(),
    "network:network_settings": role(MANAGER),
    "network:privacy_notices": role(MANAGER),
    "network:office_list": role(MANAGER),
    "network:office_create": role(MANAGER),
    "network:office_edit": role(MANAGER),
    "network:office_delete": role(MANAGER),
    "network:office_commune_add": role(MANAGER),
    "network:office_commune_remove": role(MANAGER),
}

ACCESS_PREFIXES = {
    "admin:": third_party("Django admin: staff accounts only, signed in through allauth (fallback tool)"),
    # "admin:login" is shadowed by admin_login_redirect, so the admin has no sign-in of its own.
}

FORMS = {
    "set_language": FormView(None, note="one button per language"),
    "admin_login_redirect": FormView(None, note="redirects any method to the sign-in page"),
    "account_login": FormView(forms.LoginForm),
    "account_logout": FormView(None),
    "account_signup": FormView(None, note="closed: nothing is read"),
    "account_reauthenticate": FormView(account_forms.ReauthenticateForm),
    "account_change_password": FormView(account_forms.ChangePasswordForm),
    "account_set_password": FormView(account_forms.SetPasswordForm),
    "account_reset_password": FormView(account_forms.ResetPasswordForm),
    "account_reset_password_from_key": FormView(account_forms.ResetPasswordKeyForm),
    "account_confirm_login_code": FormView(None, note="login by code is off: 404"),
    "account_request_reauthentication_code": FormView(None, note="re-authentication by code is off: 404"),
    "account_confirm_reauthentication_code": FormView(None, note="re-authentication by code is off: 404"),
    "account_confirm_email": FormView(None),
    "mfa_authenticate": FormView(forms.MfaAuthenticateForm),
    "mfa_reauthenticate": FormView(mfa_base_forms.ReauthenticateForm),
    "mfa_activate_totp": FormView(totp_forms.ActivateTOTPForm),
    "mfa_deactivate_totp": FormView(totp_forms.DeactivateTOTPForm),
    "mfa_generate_recovery_codes": FormView(recovery_forms.GenerateRecoveryCodesForm),
    "network:network_settings": FormView(forms.NetworkSettingsForm, protected=TIMESTAMPS),
    "network:privacy_notices": FormView(forms.PrivacyNoticeForm, protected=(*TIMESTAMPS, "version", "published_at")),
    "network:office_create": FormView(forms.OfficeForm, protected=TIMESTAMPS),
    "network:office_edit": FormView(forms.OfficeForm, protected=TIMESTAMPS),
    "network:office_commune_add": FormView(forms.OfficeCommuneForm),
    "network:office_commune_remove": FormView(None, note="a button"),
    "network:office_delete": FormView(None, note="a confirmation button"),
}

# Model fields that can hold personal data ("app.Model.field": what it holds). SECURITY.md PR-1.
PII = {
    "network.User.email": "contact",
    "network.User.full_name": "identity",
    "network.User.password": "credential (hashed)",
    "network.User.preferred_language": "preference",
    "network.User.digest_frequency": "preference",
    "network.NetworkStaff.role": "job",
    "network.OutboxMessage.to": "contact",
    "network.OutboxMessage.reply_to": "contact",
    "network.OutboxMessage.subject": "message (may name people)",
    "network.OutboxMessage.body_text": "message",
    "network.OutboxMessage.body_html": "message",
    "network.OutboxMessage.last_error": "server answer (may quote an address)",
    "network.LoginFailure.account_key": "pseudonymous (keyed hash of an email)",
    "network.LoginFailure.ip_address": "connection data",
    "network.AuditEntry.values": "pseudonymous (keyed hashes) or public values",
}

# Text-like fields that hold no personal data, with the reason.
NOT_PII = {
    # What the settings, privacy-notice and office forms edit is published on the site (the settings view logs it
    # as public values): the forms' field lists are the lists here.
    **{
        f"network.Network.{name}": "the network's public identity and texts"
        for name in edited_text_fields(forms.NetworkSettingsForm)
    },
    **{
        f"network.PrivacyNotice.{name}": "published legal text" for name in edited_text_fields(forms.PrivacyNoticeForm)
    },
    "network.OutboxMessage.dedup_key": "technical key (ids, no names)",
    "network.OutboxMessage.status": "delivery state",
    **{
        f"network.Territory.{name}": "official geography"
        for name in ("level", "code", "name", "search_name", "postcodes")
    },
    **{
        f"network.Office.{name}": "an office's public, professional contact"
        for name in edited_text_fields(forms.OfficeForm)
    },
    **{
        f"network.Theme.{name}": "taxonomy"
        for name in ("slug", "name_en", "name_fr", "description_en", "description_fr")
    },
    "network.AuditEntry.action": "verb",
    "network.AuditEntry.object_id": "an object's id",
    "network.AuditEntry.changed_fields": "field names",
    "network.AccessLog.action": "verb",
    "network.AccessLog.object_id": "an object's id",
    "network.AccessLog.detail": "counts and filters only (documented in network.audit.log_access)",
}

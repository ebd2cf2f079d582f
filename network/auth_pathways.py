"""Every way into an account, by URL name (SECURITY.md AU-8). A test fails when allauth or a change adds one.

Sign-up is routed but closed (the adapter refuses it); passkeys, login by code and social login are off.
"""

AUTH_PATHWAYS = {
    # password sign-in and sign-out
    "account_login",
    "account_logout",
    "account_signup",  # closed: renders "accounts are opened by invitation"
    "account_reauthenticate",
    "account_request_reauthentication_code",  # re-authentication by emailed code is off: 404
    "account_confirm_reauthentication_code",  # idem
    "account_confirm_login_code",  # login by emailed code is off: the view answers 404
    # password management
    "account_change_password",
    "account_set_password",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    # email (one address per account, fixed by the invitation: the page explains and redirects)
    "account_email",
    "account_email_managed",
    "account_email_verification_sent",
    "account_confirm_email",
    "account_inactive",
    # second factor
    "mfa_index",
    "mfa_authenticate",
    "mfa_reauthenticate",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    # joining by invitation (members.views.public): creates the account, bound to email, organisation, role
    "members:invitation_accept",
    # the admin's own login ("login"), shadowed by a redirect to account_login
    "admin_login_redirect",
    "login",
}

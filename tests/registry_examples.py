"""Real URL arguments for the generated tests, by URL name: later issues add theirs here.

Each function takes the ``world`` fixture (objects every persona can see) and returns the reverse() kwargs.
A parameterised URL without an example here makes ``test_every_parameterised_url_has_an_example`` fail.
"""

EXAMPLES = {
    "network_public:office_detail": lambda world: {"slug": world["office"].slug},
    "network:office_edit": lambda world: {"pk": world["office"].pk},
    "network:office_delete": lambda world: {"pk": world["office"].pk},
    "network:office_commune_add": lambda world: {"pk": world["office"].pk},
    "network:office_commune_remove": lambda world: {"pk": world["office"].pk, "link_pk": world["commune_link"].pk},
    "members_public:organisation_detail": lambda world: {"slug": world["organisation"].slug},
    "members:organisation_detail": lambda world: {"pk": world["organisation"].pk},
    "members:organisation_edit": lambda world: {"pk": world["organisation"].pk},
    "members:organisation_publication": lambda world: {"pk": world["organisation"].pk},
    "members:service_create": lambda world: {"pk": world["organisation"].pk},
    "members:service_edit": lambda world: {"pk": world["service"].pk},
    "members:convention_create": lambda world: {"pk": world["organisation"].pk},
    "members:convention_pdf": lambda world: {"pk": world["convention"].pk},
    "members:invitation_accept": lambda world: {"token": world["invitation"].token},
    "members:invitation_create": lambda world: {"pk": world["organisation"].pk},
    "members:invitation_resend": lambda world: {"pk": world["invitation"].pk},
    "members:invitation_withdraw": lambda world: {"pk": world["invitation"].pk},
    "members:invitation_import": lambda world: {"pk": world["organisation"].pk},
    "members:invitation_import_confirm": lambda world: {"pk": world["organisation"].pk},
    "members:invitation_import_template": lambda world: {"pk": world["organisation"].pk},
    "members:conduct_countersign": lambda world: {"public_id": world["signature"].public_id},
    "members:colleague": lambda world: {"pk": world["signature"].advisor_id},
    "members:person_detail": lambda world: {"pk": world["signature"].advisor.user_id},
    "members:person_deactivate": lambda world: {"pk": world["signature"].advisor.user_id},
    "members:person_reactivate": lambda world: {"pk": world["signature"].advisor.user_id},
    "members:person_mfa_reset": lambda world: {"pk": world["signature"].advisor.user_id},
    "referrals:company_detail": lambda world: {"pk": world["company"].pk},
    "referrals:company_timeline": lambda world: {"pk": world["company"].pk},
    "referrals:company_edit": lambda world: {"pk": world["company"].pk},
    "referrals:company_merge": lambda world: {"pk": world["company"].pk},
    "referrals:interaction_detail": lambda world: {"pk": world["interaction"].pk},
    "referrals:contact_create": lambda world: {"pk": world["company"].pk},
    "referrals:contact_detail": lambda world: {"pk": world["contact"].pk},
    "referrals:contact_edit": lambda world: {"pk": world["contact"].pk},
    "referrals:contact_delete": lambda world: {"pk": world["contact"].pk},
    "referrals:contact_information": lambda world: {"pk": world["contact"].pk},
    "referrals:already_in_contact": lambda world: {"pk": world["company"].pk},
    # allauth's emailed links: a wrong key renders the "bad link" page, which is what a stranger sees
    "account_confirm_email": lambda world: {"key": "not-a-real-key"},
    "account_reset_password_from_key": lambda world: {"uidb36": "zz", "key": "not-a-real-key"},
}

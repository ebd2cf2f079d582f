"""The members app's entries in the project registries (rules in network/registries.py)."""

from members import forms, forms_profile, views_people
from members.importing import ImportMappingForm, ImportUploadForm
from network.registries import FormView, authenticated, public, role, scoped

STAFF = "members.perms.can_view_organisations"
REFERENT_OR_STAFF = "a referent of the organisation (members.perms.referent_organisation_ids) or network staff"
MANAGER = "members.perms.can_edit_organisations"
TIMESTAMPS = ("id", "created_at", "updated_at")

ACCESS = {
    "advisors:profile": authenticated("one's own account and profile only"),
    "advisors:colleagues": role("members.perms.can_find_colleagues"),
    "advisors:colleague": role("members.perms.can_find_colleagues"),
    "people:list": role(STAFF),
    "people:export": role(STAFF, note="personal data: every export is in the access log"),
    "people:remind": role(MANAGER),
    "people:detail": role(STAFF),
    "people:deactivate": role(MANAGER),
    "people:reactivate": role(MANAGER),
    "people:mfa_reset": role(MANAGER),
    "conduct:read": authenticated("everyone reads it; advisors of a member organisation sign it"),
    "conduct:countersign": authenticated("referents of the signer's organisation only; others get 404"),
    "conduct_manage:versions": role("members.perms.can_publish_code_of_conduct"),
    "invitation_accept": public("the link in the invitation mail; bound to its email, organisation and role"),
    "members:invitation_create": scoped(REFERENT_OR_STAFF),
    "members:invitation_resend": scoped(REFERENT_OR_STAFF),
    "members:invitation_withdraw": scoped(REFERENT_OR_STAFF),
    "members:invitation_import": scoped(REFERENT_OR_STAFF),
    "members:invitation_import_confirm": scoped(REFERENT_OR_STAFF, note="the upload is tied to its organisation"),
    "members:invitation_import_template": scoped(REFERENT_OR_STAFF),
    "directory:organisation_list": public(),
    "directory:organisation_detail": public("404 unless published with a convention in force"),
    "members:organisation_list": role(STAFF),
    "members:organisation_export": role(STAFF),
    "members:organisation_detail": scoped(REFERENT_OR_STAFF),
    "members:organisation_create": role(MANAGER),
    "members:organisation_edit": scoped(REFERENT_OR_STAFF),
    "members:organisation_publication": role(MANAGER),
    "members:service_create": scoped(REFERENT_OR_STAFF),
    "members:service_edit": scoped(REFERENT_OR_STAFF),
    "members:convention_create": role(MANAGER),
    "members:convention_pdf": role(MANAGER, note="the signed contract"),
    "members:organisation_import": role(MANAGER),
    "members:organisation_import_template": role(MANAGER),
    "members:organisation_import_confirm": role(MANAGER),
}

FORMS = {
    "advisors:profile": FormView(
        forms_profile.AdvisorProfileForm,
        protected=(*TIMESTAMPS, "user", "search_text", "search_text_en", "search_fr", "search_en", "search_words"),
        note="with forms_profile.AccountPreferencesForm (prefixes account- and profile-)",
    ),
    "people:remind": FormView(views_people.PeopleSelectionForm, note="ticked, whole page or filters; confirm"),
    "people:deactivate": FormView(None, note="a confirmed button"),
    "people:reactivate": FormView(None, note="a button"),
    "people:mfa_reset": FormView(views_people.MfaResetForm),
    "conduct:read": FormView(None, note="the sign button"),
    "conduct:countersign": FormView(None, note="the countersign button"),
    "conduct_manage:versions": FormView(forms.CodeOfConductForm),
    "invitation_accept": FormView(forms.AcceptInvitationForm),
    "members:invitation_create": FormView(forms.InvitationForm),
    "members:invitation_resend": FormView(None, note="a button"),
    "members:invitation_withdraw": FormView(None, note="a button"),
    "members:invitation_import": FormView(
        forms.InvitationUploadForm, note="step 1: the CSV file, kept in the session"
    ),
    "members:invitation_import_confirm": FormView(
        forms.InvitationImportConfirmForm, note="the confirm button; who is invited comes from the stored file"
    ),
    "members:organisation_create": FormView(forms.OrganisationForm, protected=(*TIMESTAMPS, "is_published")),
    "members:organisation_edit": FormView(forms.OrganisationForm, protected=(*TIMESTAMPS, "is_published")),
    "members:organisation_publication": FormView(None, note="publish / unpublish button"),
    "members:service_create": FormView(forms.ServiceForm, protected=(*TIMESTAMPS, "organisation")),
    "members:service_edit": FormView(forms.ServiceForm, protected=(*TIMESTAMPS, "organisation")),
    "members:convention_create": FormView(forms.ConventionForm, protected=(*TIMESTAMPS, "organisation", "version")),
    "members:organisation_import": FormView(ImportUploadForm, note="step 1: the CSV file, kept in the session"),
    "members:organisation_import_confirm": FormView(
        ImportMappingForm, protected=(*TIMESTAMPS, "slug", "is_published", "logo"), note="column mapping, confirm"
    ),
}

# The signatory acts for the organisation, but is a named person: personal data.
PII = {
    "members.Convention.signatory_name": "identity",
    "members.Convention.signatory_role": "job",
    "members.Advisor.job_title": "job",
    "members.Advisor.bio": "free text about the person",
    "members.Advisor.languages": "skills",
    "members.Advisor.sectors": "skills",
    "members.Advisor.search_text": "derived: name, job title, organisations, skills",
    "members.Advisor.search_text_en": "derived: skills",
    "members.Affiliation.role": "job",
    "members.Invitation.email": "contact",
    "members.CodeOfConductSignature.language": "the person's language",
    "members.CodeOfConductSignature.text_sha256": "proof of what the person signed",
    "members.CodeOfConductSignature.signed_ip": "connection data",
    "members.CodeOfConductSignature.countersigned_ip": "connection data",
}

NOT_PII = {
    **{
        f"members.MemberOrganisation.{name}": "an organisation's public profile"
        for name in (
            "name",
            "slug",
            "kind",
            "registration_number",
            "website",
            "description_en",
            "description_fr",
            "logo",
            "contact_email",
            "contact_phone",
            "address",
        )
    },
    **{
        f"members.Service.{name}": "a public catalogue entry"
        for name in (
            "title_en",
            "title_fr",
            "description_en",
            "description_fr",
            "stages",
            "cost",
            "how_to_access_en",
            "how_to_access_fr",
        )
    },
    "members.Convention.pdf": "a contract between organisations (served to network managers only)",
    "members.Invitation.role": "the role offered, copied to the affiliation",
    "members.CodeOfConduct.text_en": "the published code",
    "members.CodeOfConduct.text_fr": "the published code",
    "members.Invitation.token_hash": "SHA-256 of a random token (the token itself is only in the mail)",
}

"""The members app's entries in the project registries (rules in network/registries.py)."""

from members import forms
from members.importing import ImportMappingForm, ImportUploadForm
from network.registries import FormView, authenticated, edited_text_fields, public, role, scoped

STAFF = "members.perms.can_view_organisations"
REFERENT_OR_STAFF = "a referent of the organisation (members.perms.referent_organisation_ids) or network staff"
MANAGER = "members.perms.can_edit_organisations"
TIMESTAMPS = ("id", "created_at", "updated_at")

ACCESS = {
    "members:profile": authenticated("one's own account and profile only"),
    "members:colleagues": role("members.perms.can_find_colleagues"),
    "members:colleague": role("members.perms.can_find_colleagues"),
    "members:person_list": role(STAFF),
    "members:person_export": role(STAFF, note="personal data: every export is in the access log"),
    "members:person_remind": role(MANAGER),
    "members:person_detail": role(STAFF),
    "members:person_deactivate": role(MANAGER),
    "members:person_reactivate": role(MANAGER),
    "members:person_mfa_reset": role(MANAGER),
    "members:conduct": authenticated("everyone reads it; advisors of a member organisation sign it"),
    "members:conduct_countersign": authenticated("referents of the signer's organisation only; others get 404"),
    "members:conduct_versions": role("members.perms.can_publish_code_of_conduct"),
    "members:invitation_accept": public("the link in the invitation mail; bound to its email, organisation and role"),
    "members:invitation_create": scoped(REFERENT_OR_STAFF),
    "members:invitation_resend": scoped(REFERENT_OR_STAFF),
    "members:invitation_withdraw": scoped(REFERENT_OR_STAFF),
    "members:invitation_import": scoped(REFERENT_OR_STAFF),
    "members:invitation_import_confirm": scoped(REFERENT_OR_STAFF, note="the upload is tied to its organisation"),
    "members:invitation_import_template": scoped(REFERENT_OR_STAFF),
    "members_public:organisation_list": public(),
    "members_public:organisation_detail": public("404 unless published with a convention in force"),
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
    "members:profile": FormView(
        forms.AdvisorProfileForm,
        protected=(*TIMESTAMPS, "user", "search_text", "search_text_en", "search_fr", "search_en", "search_words"),
        note="with forms.AccountPreferencesForm (prefixes account- and profile-)",
    ),
    "members:person_remind": FormView(forms.PeopleSelectionForm, note="ticked, whole page or filters; confirm"),
    "members:person_deactivate": FormView(None, note="a confirmed button"),
    "members:person_reactivate": FormView(None, note="a button"),
    "members:person_mfa_reset": FormView(forms.MfaResetForm),
    "members:conduct": FormView(None, note="the sign button"),
    "members:conduct_countersign": FormView(None, note="the countersign button"),
    "members:conduct_versions": FormView(forms.CodeOfConductForm),
    "members:invitation_accept": FormView(forms.AcceptInvitationForm),
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
    # What the organisation and service forms edit is published: the registry reads their field lists.
    **{
        f"members.MemberOrganisation.{name}": "an organisation's public profile"
        for name in edited_text_fields(forms.OrganisationForm)
    },
    **{f"members.Service.{name}": "a public catalogue entry" for name in edited_text_fields(forms.ServiceForm)},
    "members.Convention.pdf": "a contract between organisations (served to network managers only)",
    "members.Invitation.role": "the role offered, copied to the affiliation",
    "members.CodeOfConduct.text_en": "the published code",
    "members.CodeOfConduct.text_fr": "the published code",
    "members.Invitation.token_hash": "SHA-256 of a random token (the token itself is only in the mail)",
}

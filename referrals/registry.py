"""The referrals app's entries in the project registries (rules in network/registries.py)."""

from network.registries import FormView, role
from referrals.forms import companies as forms
from referrals.forms import contacts as forms_contacts
from referrals.forms import log as forms_log

GATE = "referrals.perms.can_read_companies"
LOG = "referrals.perms.can_log_interactions"
EDIT = "referrals.perms.can_edit_companies"
TIMESTAMPS = ("id", "created_at", "updated_at")

ACCESS = {
    "referrals:company_search": role(GATE),
    "referrals:company_detail": role(GATE),
    "referrals:company_timeline": role(GATE),
    "referrals:company_edit": role(EDIT),
    "referrals:company_merge": role("referrals.perms.can_merge_companies"),
    "referrals:interaction_detail": role(
        GATE, note="confidential content: 404 outside the organisation that logged it"
    ),
    "referrals:contact_create": role(EDIT, note="a merged company sends to the live record"),
    "referrals:contact_detail": role(GATE, note="email and phone: every view is in the access log"),
    "referrals:contact_edit": role(EDIT),
    "referrals:contact_delete": role(EDIT, note="refused (409) while a logged interaction names the person"),
    "referrals:contact_information": role(
        GATE, note="GDPR art. 14 text, every view in the access log; marking as informed (POST) needs " + EDIT
    ),
    "referrals:contact_log": role(
        LOG, note="fast entry: a company created inline and the interaction, one transaction"
    ),
    "referrals:company_lookup": role(GATE, note="htmx choices for the fast entry; without htmx, redirects to it"),
    "referrals:already_in_contact": role(GATE, note="htmx warning; without htmx, redirects to the company page"),
}

FORMS = {
    "referrals:company_merge": FormView(forms.CompanyMergeForm, note="search, see what moves, confirm"),
    "referrals:contact_create": FormView(
        forms_contacts.CompanyContactForm, protected=(*TIMESTAMPS, "company", "informed_on", "created_by")
    ),
    "referrals:contact_edit": FormView(
        forms_contacts.CompanyContactForm, protected=(*TIMESTAMPS, "company", "informed_on", "created_by")
    ),
    "referrals:contact_log": FormView(
        forms_log.ContactLogForm,
        protected=(*TIMESTAMPS, "advisor", "created_by", "merged_into", "version", "sector", "search"),
        note="the hidden submission key makes a double submit log one interaction (RE-2)",
    ),
    "referrals:contact_delete": FormView(None, note="the confirm button"),
    "referrals:contact_information": FormView(None, note="the “Mark as informed” button (today's date)"),
    "referrals:company_edit": FormView(
        forms.CompanyIdentityForm,
        protected=(*TIMESTAMPS, "sector", "merged_into", "created_by", "establishment_number", "search"),
        note="optimistic locking: the hidden version must match, else 409 and nothing is written",
    ),
}

PII = {
    "referrals.CompanyContact.full_name": "identity",
    "referrals.CompanyContact.job_title": "job",
    "referrals.CompanyContact.email": "contact",
    "referrals.CompanyContact.phone": "contact",
    "referrals.CompanyContact.legal_basis": "consent record: the legal basis for holding the person's data",
    "referrals.CompanyContact.consent_text_version": "consent record",
    "referrals.CompanyContact.consent_purpose": "consent record",
    "referrals.Company.project_email": "contact of a project holder (a person, before the company exists)",
    "referrals.Interaction.summary": "free text about a company and its people",
}

NOT_PII = {
    **{
        f"referrals.Company.{name}": "a company's identity, as in the public business register"
        for name in (
            "registration_number",
            "establishment_number",
            "name",
            "legal_form",
            "activity_code",
            "sector",
            "size_band",
            "stage",
            "website",
        )
    },
    "referrals.Interaction.channel": "how the contact happened",
}

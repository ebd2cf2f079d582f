"""The form for a person at a company, with the legal basis for holding their details (GDPR art. 6)."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from referrals.models import CompanyContact
from referrals.services import CONTACT_FIELDS

CONSENT_FIELDS = ("consent_text_version", "consent_given_on", "consent_purpose")
# Digits with the usual separators, an optional leading + (international) and an optional extension.
_PHONE_CHARACTERS = re.compile(r"\+?[0-9 .\-()/]+")
PHONE_MIN_DIGITS, PHONE_MAX_DIGITS = 6, 15  # E.164 allows 15 digits at most


def normalise_spaces(value: str) -> str:
    return " ".join((value or "").split())


class CompanyContactForm(forms.ModelForm):
    class Meta:
        model = CompanyContact
        fields = [name for name in CONTACT_FIELDS if name != "company"]  # the company comes from the address
        widgets = {
            "legal_basis": forms.RadioSelect,
            "consent_given_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }
        help_texts = {
            "job_title": _("For example: manager, head of finance."),
            "email": _("A work address, if the person gave one."),
            "phone": _("For example 02 47 12 34 56 or +44 20 7946 0000."),
            "legal_basis": _(
                "Legitimate interest covers the details of the people you work with at a company. Choose consent "
                "only when the person agreed to something more (for example, to receive invitations): record then "
                "which text they agreed to, when and for what."
            ),
            "consent_text_version": _("The version of the consent text the person agreed to, for example 2025-01."),
            "consent_purpose": _("What the person agreed to, in a few words."),
        }
        error_messages = {
            "full_name": {
                "required": _("Enter the person's full name."),
                "max_length": _("Shorten the name: at most %(limit_value)d characters (it has %(show_value)d)."),
            },
            "email": {"invalid": _("Enter an email address like name@company.fr.")},
            "consent_given_on": {"invalid": _("Enter the date of the consent as a date, like 2025-03-31.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_basis"].choices = CompanyContact.LegalBasis.choices  # no empty choice
        self.fields["consent_given_on"].label = _("Consent given on")

    def clean_full_name(self):
        name = normalise_spaces(self.cleaned_data["full_name"])
        if not name:
            raise forms.ValidationError(_("Enter the person's full name."), code="required")
        return name

    def clean_job_title(self):
        return normalise_spaces(self.cleaned_data.get("job_title", ""))

    def clean_phone(self):
        phone = normalise_spaces(self.cleaned_data.get("phone", ""))
        if not phone:
            return ""
        digits = sum(character.isdigit() for character in phone)
        if not _PHONE_CHARACTERS.fullmatch(phone) or "+" in phone[1:]:
            raise forms.ValidationError(
                _("Enter a phone number with digits, spaces, dots or dashes only, like 02 47 12 34 56."),
                code="invalid",
            )
        if not PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS:
            raise forms.ValidationError(
                _("A phone number has between %(min)d and %(max)d digits (this one has %(count)d)."),
                params={"min": PHONE_MIN_DIGITS, "max": PHONE_MAX_DIGITS, "count": digits},
                code="invalid",
            )
        return phone

    def clean_consent_text_version(self):
        return normalise_spaces(self.cleaned_data.get("consent_text_version", ""))

    def clean_consent_purpose(self):
        return normalise_spaces(self.cleaned_data.get("consent_purpose", ""))

    def clean_consent_given_on(self):
        given = self.cleaned_data.get("consent_given_on")
        if given and given > timezone.localdate():
            raise forms.ValidationError(_("The consent date cannot be in the future."), code="future")
        return given

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("legal_basis") == CompanyContact.LegalBasis.CONSENT:
            required = {
                "consent_text_version": _("With consent, enter the version of the text the person agreed to."),
                "consent_given_on": _("With consent, enter the date the person gave it."),
                "consent_purpose": _("With consent, enter what the person agreed to."),
            }
            for name, message in required.items():
                if name not in self.errors and not cleaned.get(name):
                    self.add_error(name, forms.ValidationError(message, code="required"))
        elif cleaned.get("legal_basis"):
            # Legitimate interest: no consent record goes with it (a stale one would claim a consent nobody gave).
            cleaned.update(consent_text_version="", consent_given_on=None, consent_purpose="")
            for name in CONSENT_FIELDS:
                self.errors.pop(name, None)
        return cleaned

    def contact_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

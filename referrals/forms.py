from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import http_url
from network.forms import CommuneField
from network.french import elide
from network.widgets import QuickTextInput
from referrals.models import Company
from referrals.services import IDENTITY_FIELDS, CompanyNumberError, parse_company_number

SEARCH_MAX_LENGTH = 200


class CompanySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Company name or number"),
        max_length=SEARCH_MAX_LENGTH,
        required=False,
        error_messages={
            "max_length": _("Search with fewer words: at most %(limit_value)d characters (you typed %(show_value)d).")
        },
        widget=QuickTextInput,
    )

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


class CompanyIdentityForm(forms.ModelForm):
    """The identity fields any advisor through the gate may correct; the number is typed any usual way."""

    registration_number = forms.CharField(
        label=_("Registration number (SIREN or SIRET)"),
        required=False,
        max_length=40,
        help_text=_("Spaces, dots and dashes are ignored; a SIRET is reduced to its SIREN. Empty for a project."),
    )
    commune = CommuneField(label=_("Commune"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https", validators=[http_url])
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Company
        # The identity the service audits and saves, but the establishment: the number field sets it (a SIRET).
        fields = [name for name in IDENTITY_FIELDS if name != "establishment_number"]
        widgets = {"founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
            if self.instance.establishment_number:
                self.initial["registration_number"] = self.instance.establishment_number

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter the company's name."))
        return name

    def clean_registration_number(self):
        value = self.cleaned_data.get("registration_number", "")
        if not value.strip():
            self.establishment_number = ""
            return None
        try:
            number = parse_company_number(value)
        except CompanyNumberError as error:
            raise forms.ValidationError(error.messages[0], code=error.code) from None
        other = Company.objects.filter(registration_number=number.registration_number).exclude(pk=self.instance.pk)
        if other.exists():
            other = other.get()
            raise forms.ValidationError(
                elide(
                    _(
                        "%(number)s is already the number of %(name)s: open that record instead, or ask a network "
                        "manager to merge the two."
                    )
                    % {"number": number.registration_number, "name": other.name},
                    other.name,
                ),
                code="taken",
            )
        self.establishment_number = number.establishment_number or (
            self.instance.establishment_number
            if number.registration_number == self.instance.registration_number
            else ""
        )
        return number.registration_number

    def clean_founded_on(self):
        founded = self.cleaned_data.get("founded_on")
        if founded and founded > timezone.localdate():
            raise forms.ValidationError(_("A creation date cannot be in the future."))
        return founded

    def identity_values(self) -> dict:
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        values["establishment_number"] = getattr(self, "establishment_number", "")
        return values


class CompanyMergeForm(forms.Form):
    """Which record ``source`` is merged into; a first POST shows what moves, the second (``confirm``) merges."""

    target = forms.ModelChoiceField(
        label=_("Merge into"), queryset=Company.objects.none(), error_messages={"required": _("Choose a record.")}
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, source: Company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Company.objects.live().exclude(pk=source.pk)
        self.fields["target"].error_messages["invalid_choice"] = _(
            "That record does not exist any more, or was merged: search again."
        )

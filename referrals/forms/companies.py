from dataclasses import dataclass
from datetime import date

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import http_url
from network.forms import CommuneField
from network.french import elide
from network.widgets import QuickTextInput
from referrals.models import Company
from referrals.services import (
    IDENTITY_FIELDS,
    CompanyNumberError,
    company_identity,
    identity_conflicts,
    identity_snapshot,
    parse_company_number,
)

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


KEEP_MINE = "keep_mine"  # the fields an editor keeps their own value in, over what someone else saved meanwhile
MINE_PREFIX = "mine-"  # the editor's own input for those fields, carried by the conflict page


@dataclass(frozen=True)
class IdentityConflict:
    """One field of the conflict page: its values on both sides, as the page shows them, and who changed it."""

    name: str
    label: str
    theirs: object
    yours: object
    theirs_changed: bool  # someone else saved it meanwhile: their value stands unless "Keep mine" is ticked
    your_input: str  # as typed, sent again when "Keep mine" is ticked


class CompanyIdentityForm(forms.ModelForm):
    """The identity fields any advisor through the gate may correct; the number is typed any usual way.

    Optimistic locking: ``version`` is the record's version when the form was opened and ``base`` a signed snapshot
    of what the form showed then, so that after a stale save the fields someone else changed are told from the
    editor's own (``conflict``). On the conflict page, ``keep_mine`` names the fields where the editor takes their
    own input (sent as ``mine-<field>``) over what the other person saved."""

    registration_number = forms.CharField(
        label=_("Registration number (SIREN or SIRET)"),
        required=False,
        max_length=40,
        help_text=_("Spaces, dots and dashes are ignored; a SIRET is reduced to its SIREN. Empty for a project."),
    )
    commune = CommuneField(label=_("Commune"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https", validators=[http_url])
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    base = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Company
        # The identity the service audits and saves, but the establishment: the number field sets it (a SIRET).
        fields = [name for name in IDENTITY_FIELDS if name != "establishment_number"]
        widgets = {"founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, data=None, *args, **kwargs):
        if hasattr(data, "getlist") and data.getlist(KEEP_MINE):
            data = data.copy()
            for name in data.getlist(KEEP_MINE):
                if name in self.Meta.fields and MINE_PREFIX + name in data:
                    data[name] = data[MINE_PREFIX + name]
        super().__init__(data, *args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
            self.initial["base"] = self.sign(self.instance)
            if self.instance.establishment_number:
                self.initial["registration_number"] = self.instance.establishment_number

    @staticmethod
    def sign(company: Company) -> str:
        return signing.dumps(company_identity(company), salt=f"referrals.company-identity:{company.pk}", compress=True)

    def clean_base(self):
        if not self.cleaned_data["base"]:
            return None  # a form opened before the snapshot existed: every difference counts as someone else's
        try:
            return signing.loads(self.cleaned_data["base"], salt=f"referrals.company-identity:{self.instance.pk}")
        except signing.BadSignature:
            # Not the hidden field's error: the page names no field the editor could correct.
            self.add_error(
                None, _("This form was altered or is too old: open the record again and redo your changes.")
            )
            return None

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

    def conflict(self, saved: Company) -> tuple[list[IdentityConflict], dict]:
        """After a stale save of this valid form: the fields where its input differs from ``saved`` (the record as
        saved now), in the form's order, and the data of the form to save again: the saved value in every field
        someone else changed, this input in the others, ``saved``'s version and snapshot."""
        theirs, mine = company_identity(saved), identity_snapshot(self.identity_values())
        changed = identity_conflicts(base=self.cleaned_data["base"], saved=theirs, mine=mine)
        rows, data = [], self.data.copy()
        for name in (*(key for key in data if key.startswith(MINE_PREFIX)), KEEP_MINE):
            data.pop(name, None)
        as_saved = CompanyIdentityForm(instance=saved)
        for name in self.Meta.fields:
            keys = [key for key in (name, "establishment_number" if name == "registration_number" else None) if key]
            if not any(key in changed for key in keys):
                continue
            row = IdentityConflict(
                name=name,
                label=self[name].label,
                theirs=self._shown(name, theirs),
                yours=self._shown(name, mine),
                theirs_changed=any(changed.get(key) for key in keys),
                your_input=self.data.get(name, ""),
            )
            rows.append(row)
            if row.theirs_changed:
                value = as_saved[name].value()
                data[name] = "" if value is None else str(value)
        data["version"], data["base"] = str(saved.version), as_saved.initial["base"]
        return rows, data

    def _shown(self, name: str, values: dict):
        """A field's value as the conflict page shows it: the number typed (a SIRET when one is kept), the commune
        as the form writes it, a choice by its label, a date to format."""
        value = values[name]
        if name == "registration_number":
            return values["establishment_number"] or value or ""
        if value in (None, ""):
            return ""
        if name == "commune":
            return self.fields[name].prepare_value(value)
        if name == "founded_on":
            return date.fromisoformat(value)
        choices = dict(getattr(self.fields[name], "choices", ()))
        return choices.get(value, value)


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

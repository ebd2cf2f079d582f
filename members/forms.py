from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from members.importing import ImportFileError
from members.invitations_bulk import MAX_BYTES as INVITATIONS_MAX_BYTES
from members.invitations_bulk import read_upload as read_invitations
from members.models import (
    Affiliation,
    Convention,
    MemberOrganisation,
    Service,
    http_url,
    normalise_registration_number,
    validate_registration_number,
)
from network.forms import SlugFromNameMixin, reencode_image
from network.french import elide
from network.models import Territory, Theme, User

LOGO_MAX_BYTES = 1024 * 1024
PDF_MAX_BYTES = 10 * 1024 * 1024


def _departements():
    return Territory.objects.departements().order_by("code")


def _themes():
    return Theme.objects.select_related("parent").order_by("parent__position", "parent_id", "position", "slug")


def _theme_label(theme):
    return f"{theme.parent.name} › {theme.name}" if theme.parent_id else theme.name


def _setup_catalogue_fields(form):
    """Territories are offered as départements, themes with their parent: the same on every catalogue form."""
    form.fields["territories"].queryset = _departements()
    form.fields["territories"].label_from_instance = lambda territory: f"{territory.code} {territory.name}"
    form.fields["themes"].queryset = _themes()
    form.fields["themes"].label_from_instance = _theme_label


class OrganisationForm(SlugFromNameMixin, forms.ModelForm):
    slug_max_length = 90
    slug_missing_message = _("Give the organisation a name or a web address made of letters and digits.")
    slug_taken_message = _("Another organisation already uses the address “%(slug)s”.")

    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        max_length=200,
        validators=[http_url],
        help_text=_("Its address, starting with https:// (or http://)."),
    )

    class Meta:
        model = MemberOrganisation
        fields = [
            "name",
            "slug",
            "kind",
            "registration_number",
            "website",
            "description_fr",
            "description_en",
            "logo",
            "themes",
            "territories",
            "contact_email",
            "contact_phone",
            "address",
        ]
        widgets = {
            "description_fr": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "address": forms.Textarea(attrs={"rows": 2}),
            "themes": forms.CheckboxSelectMultiple,
            "territories": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "slug": _("Used in the organisation's public address; leave empty to build it from the name."),
            "logo": _("PNG, JPEG or WebP, up to 1 MB. It is re-encoded; SVG is not accepted."),
            "territories": _("The départements where the organisation works."),
            "description_fr": _("Plain text: line breaks are kept, HTML is shown as typed."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        _setup_catalogue_fields(self)
        self.fields["territories"].label = _("Départements covered")
        self.fields["logo"].error_messages["invalid_image"] = _("This file is not a PNG, JPEG or WebP image.")

    def clean_registration_number(self):
        value = self.cleaned_data.get("registration_number", "")
        if not value:
            return ""
        validate_registration_number(value)
        number = normalise_registration_number(value)
        other = MemberOrganisation.objects.filter(registration_number=number).exclude(pk=self.instance.pk).first()
        if other:
            raise forms.ValidationError(
                elide(
                    _("%(number)s is already the registration number of %(name)s.")
                    % {"number": number, "name": other.name},
                    other.name,
                )
            )
        return number

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            return reencode_image(logo, max_bytes=LOGO_MAX_BYTES)
        return logo


class ServiceForm(forms.ModelForm):
    stages = forms.MultipleChoiceField(
        label=_("Company stages"), choices=Service.Stage.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Service
        fields = [
            "title_fr",
            "title_en",
            "description_fr",
            "description_en",
            "themes",
            "stages",
            "territories",
            "cost",
            "how_to_access_fr",
            "how_to_access_en",
            "is_public",
            "is_published",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "description_fr": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "how_to_access_fr": forms.Textarea(attrs={"rows": 2}),
            "how_to_access_en": forms.Textarea(attrs={"rows": 2}),
            "themes": forms.CheckboxSelectMultiple,
            "territories": forms.CheckboxSelectMultiple,
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {"territories": _("Leave empty when the service covers the whole organisation's area.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _setup_catalogue_fields(self)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("title_fr") and not cleaned.get("title_en"):
            self.add_error("title_fr", _("Give the service a title, in French or in English."))
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date comes before the start date."))
        return cleaned


class ConventionForm(forms.ModelForm):
    class Meta:
        model = Convention
        fields = ["signatory_name", "signatory_role", "signed_on", "valid_from", "valid_until", "pdf"]
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in ("signed_on", "valid_from", "valid_until")
        }
        help_texts = {
            "pdf": _("The signed convention as a PDF, up to 10 MB. Only network managers can download it."),
            "signed_on": _("Leave empty to record a draft that is not signed yet."),
        }

    def clean_pdf(self):
        pdf = self.cleaned_data.get("pdf")
        if pdf and hasattr(pdf, "content_type"):
            if pdf.size > PDF_MAX_BYTES:
                raise forms.ValidationError(
                    _("The file is too large (%(size)s MB); the limit is 10 MB."),
                    params={"size": pdf.size // 1_000_000},
                )
            if not pdf.name.lower().endswith(".pdf"):
                raise forms.ValidationError(_("Upload the convention as a PDF file (.pdf)."))
            pdf.seek(0)
            if pdf.read(5) != b"%PDF-":
                raise forms.ValidationError(_("This file is not a PDF document."))
            pdf.seek(0)
        return pdf

    def clean(self):
        cleaned = super().clean()
        valid_from, valid_until = cleaned.get("valid_from"), cleaned.get("valid_until")
        if valid_from and valid_until and valid_until < valid_from:
            self.add_error("valid_until", _("The end of validity comes before its start."))
        if cleaned.get("signed_on") and not (cleaned.get("pdf") or self.instance.pdf):
            self.add_error("pdf", _("A signed convention needs its signed PDF."))
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Affiliation.Role.choices,
        initial=Affiliation.Role.ADVISOR,
        help_text=_("Referents countersign their colleagues' code of conduct and keep the organisation's profile."),
    )


class InvitationUploadForm(forms.Form):
    """Step 1 of invitations from a CSV file: the file, read and checked (``upload`` holds it once valid)."""

    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "A .csv file of at most 1 MB and 200 rows, with an “email” column; “role” and “full_name” optional."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    text = ""
    upload = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > INVITATIONS_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB: split it into several files."))
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(
                _("Upload a CSV file (.csv): in your spreadsheet, use “Save as” and choose the CSV format.")
            )
        upload.seek(0)
        try:
            self.text, self.upload = read_invitations(upload.read(INVITATIONS_MAX_BYTES + 1))
        except ImportFileError as error:
            raise forms.ValidationError(error.message) from None
        return upload


class InvitationImportConfirmForm(forms.Form):
    """Step 2 of invitations from a CSV file: confirming the preview of one upload (the file waits in the session)."""

    upload = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, expected_upload=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected_upload = expected_upload

    def clean_upload(self):
        value = self.cleaned_data["upload"]
        if self.expected_upload is not None and value != self.expected_upload:
            raise forms.ValidationError(_("The uploaded file changed since this preview: check the new preview."))
        return value


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Your full name"), max_length=150)
    preferred_language = forms.ChoiceField(
        label=_("Language of the extranet and of your emails"), choices=settings.LANGUAGES
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; a sentence you remember is a good choice."),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are different."))
        elif first:
            try:
                password_validation.validate_password(
                    first, User(email=self.email, full_name=cleaned.get("full_name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class CodeOfConductForm(forms.Form):
    text_fr = forms.CharField(label=_("Text (French)"), widget=forms.Textarea(attrs={"rows": 14}), max_length=50_000)
    text_en = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 14}), max_length=50_000)

import io
import uuid

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from network.models import Network, PrivacyNotice

LOGO_MAX_BYTES = 1024 * 1024
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


def reencode_image(upload, *, max_bytes: int, max_side: int = 1024) -> SimpleUploadedFile:
    """Accept PNG, JPEG or WebP by content (never by name), re-encode it, and drop whatever else it carried."""
    if upload.size > max_bytes:
        raise forms.ValidationError(
            _("The image is too large (%(size)s KB); the limit is %(limit)s KB."),
            params={"size": upload.size // 1024, "limit": max_bytes // 1024},
        )
    try:
        upload.seek(0)
        image = Image.open(upload)
        image.verify()
        upload.seek(0)
        image = Image.open(upload)
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise forms.ValidationError(_("This file is not a PNG, JPEG or WebP image.")) from None
    if image.format not in LOGO_FORMATS:
        raise forms.ValidationError(
            _("Only PNG, JPEG and WebP images are accepted (not %(format)s)."), params={"format": image.format}
        )
    image.thumbnail((max_side, max_side))
    extension = LOGO_FORMATS[image.format]
    if image.format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    output = io.BytesIO()
    image.save(output, format=image.format)
    # A server-generated name: nothing of the uploaded file's name (paths, extensions) reaches the disk.
    return SimpleUploadedFile(f"{uuid.uuid4().hex}.{extension}", output.getvalue(), content_type=f"image/{extension}")


class ColourInput(forms.TextInput):
    """A native colour picker; HTML allows neither ``maxlength`` nor ``required`` on it (it always has a value)."""

    input_type = "color"

    def use_required_attribute(self, initial):
        return False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("maxlength", None)
        return context


class NetworkSettingsForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = [
            "name",
            "short_name",
            "tagline_en",
            "tagline_fr",
            "logo",
            "primary_colour",
            "accent_colour",
            "country",
            "region",
            "time_zone",
            "contact_email",
            "contact_phone",
            "address",
            "legal_notice_en",
            "legal_notice_fr",
            "accessibility_statement_en",
            "accessibility_statement_fr",
        ]
        widgets = {
            "primary_colour": ColourInput(),
            "accent_colour": ColourInput(),
            "address": forms.Textarea(attrs={"rows": 3}),
            "legal_notice_en": forms.Textarea(attrs={"rows": 8}),
            "legal_notice_fr": forms.Textarea(attrs={"rows": 8}),
            "accessibility_statement_en": forms.Textarea(attrs={"rows": 8}),
            "accessibility_statement_fr": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "primary_colour": _("Header and buttons. White text must stay readable on it (contrast 4.5:1)."),
            "logo": _("PNG, JPEG or WebP, up to 1 MB. It is re-encoded; SVG is not accepted."),
            "time_zone": _("Dates and times are shown in this zone, for example Europe/Paris or Europe/London."),
            "country": _("Decides how registration numbers are checked (SIREN in France, company number in the UK)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["logo"].error_messages["invalid_image"] = _("This file is not a PNG, JPEG or WebP image.")

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            return reencode_image(logo, max_bytes=LOGO_MAX_BYTES)
        return logo


class PrivacyNoticeForm(forms.ModelForm):
    class Meta:
        model = PrivacyNotice
        fields = ["body_en", "body_fr"]
        widgets = {"body_en": forms.Textarea(attrs={"rows": 14}), "body_fr": forms.Textarea(attrs={"rows": 14})}


class LoginForm(AllauthLoginForm):
    """allauth's login form, which remembers when sign-in was paused so the page can offer a password reset."""

    paused = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""  # the page has its own "Forgotten your password?" link

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            self.paused = bool(getattr(self.request, "_login_paused", False))
            raise

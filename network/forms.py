import io
import logging
import uuid

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.core import context
from allauth.mfa.base import forms as mfa_base_forms
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from network import throttling
from network.communes import QUERY_MAX_LENGTH, commune_label, search_communes
from network.models import Network, Office, OfficeDepartement, PrivacyNotice, Territory
from network.security_log import security_event
from network.widgets import CommuneInput

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


class SlugFromNameMixin:
    """A ``slug`` field that may be left empty (built from ``name``) and must be unique among ``Meta.model``."""

    slug_max_length = 80
    slug_missing_message = _("Give it a name or a web address made of letters and digits.")
    slug_taken_message = _("The address “%(slug)s” is already used.")

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify(self.cleaned_data.get("name") or "")[: self.slug_max_length]
        if not slug:
            raise forms.ValidationError(self.slug_missing_message)
        if self._meta.model.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(self.slug_taken_message, params={"slug": slug})
        return slug


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


class OfficeForm(SlugFromNameMixin, forms.ModelForm):
    slug_missing_message = _("Give the office a name or a web address made of letters and digits.")
    slug_taken_message = _("Another office already uses the address “%(slug)s”.")

    departements = forms.ModelMultipleChoiceField(
        label=_("Départements covered"),
        queryset=Territory.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every commune of these départements goes to this office, unless handled by another one."),
    )

    class Meta:
        model = Office
        fields = [
            "name",
            "slug",
            "is_head_office",
            "address",
            "email",
            "phone",
            "opening_hours_en",
            "opening_hours_fr",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "opening_hours_en": forms.Textarea(attrs={"rows": 3}),
            "opening_hours_fr": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"slug": _("Used in the office's public address; leave empty to build it from the name.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["departements"].queryset = Territory.objects.departements().order_by("code")
        self.fields["departements"].label_from_instance = lambda territory: f"{territory.code} {territory.name}"
        if self.instance.pk:
            self.fields["departements"].initial = list(self.instance.departements.values_list("pk", flat=True))

    def clean_is_head_office(self):
        is_head = self.cleaned_data.get("is_head_office")
        other = Office.objects.filter(is_head_office=True).exclude(pk=self.instance.pk).first()
        if is_head and other:
            raise forms.ValidationError(
                _("%(office)s is already the head office: untick it there first."), params={"office": other.name}
            )
        if not is_head and self.instance.pk and self.instance.is_head_office:
            raise forms.ValidationError(
                _("The network needs a head office: make another office the head office before unticking this one.")
            )
        return is_head

    def clean_departements(self):
        chosen = self.cleaned_data.get("departements") or []
        taken = OfficeDepartement.objects.filter(departement__in=chosen).exclude(office=self.instance.pk or None)
        taken = taken.select_related("office", "departement")
        if taken:
            raise forms.ValidationError(
                _("Already covered by another office: %(list)s. Remove it from that office first."),
                params={"list": ", ".join(f"{link.departement.name} ({link.office.name})" for link in taken)},
            )
        return chosen


class CommuneField(forms.CharField):
    """A commune of the network's area, typed as its name, its postcode, both, or "INSEE" and its code; read by the
    one commune lookup (``network.communes``) and shown back as "Pithiviers (45300)", which reads back to it.

    When what was typed means several communes, the field refuses it with the count and offers them (best first) as
    choices under the box (``CommuneInput``): the person picks, nothing is guessed."""

    widget = CommuneInput
    choice_limit = 50  # more than any postcode's communes (30 at most in Centre-Val de Loire)

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", QUERY_MAX_LENGTH)
        kwargs.setdefault(
            "help_text", _("Its name or its postcode (or both); or INSEE and its code, e.g. INSEE 45234.")
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            value = Territory.objects.filter(pk=value).first()
        if isinstance(value, Territory):
            return commune_label(value)
        return value

    def clean(self, value):
        self.widget.candidates = ()
        text = super().clean(value)
        if not text:
            return None
        search = search_communes(text)
        if search.error:
            raise forms.ValidationError(search.error, code="invalid")
        found = list(search.communes.select_related("parent")[: self.choice_limit + 1])
        if len(found) == 1:
            return found[0]
        if not found:
            if search.insee_hint is not None:
                self.widget.candidates = [search.insee_hint]
            raise forms.ValidationError(search.not_found(), code="not_found")
        self.widget.candidates = found[: self.choice_limit]
        if len(found) <= self.choice_limit:
            search.count = len(found)
        else:
            raise forms.ValidationError(
                _("%(summary)s: the first %(shown)s are below. Pick yours, or type more of the name or the postcode."),
                params={"summary": search.summary(), "shown": self.choice_limit},
                code="ambiguous",
            )
        raise forms.ValidationError(
            _("%(summary)s: pick yours below."), params={"summary": search.summary()}, code="ambiguous"
        )


class OfficeCommuneForm(forms.Form):
    """A commune to attach to an office: read, then shown for confirmation (``confirmed`` unset) before it is saved."""

    commune = CommuneField(label=_("Commune"))
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class MfaAuthenticateForm(mfa_base_forms.AuthenticateForm):
    """allauth's second-factor form; a wrong code is written to the security log (LG-1) and counted in the database:
    after ``SECOND_FACTOR_FAILURES_PER_ACCOUNT`` wrong codes in 15 minutes the check pauses, even with Redis down
    (AU-5, RE-8; allauth's own limit lives in the cache)."""

    def clean_code(self):
        request = context.request
        if throttling.second_factor_paused(self.user):
            security_event("lockout", request=request, user=self.user, outcome="refused", level=logging.WARNING)
            raise get_account_adapter().validation_error("too_many_login_attempts")
        try:
            return super().clean_code()
        except forms.ValidationError:
            throttling.record_second_factor_failure(self.user)
            security_event("mfa", request=request, user=self.user, outcome="fail", level=logging.WARNING)
            raise

"""The members app's forms: organisations, services, conventions, invitations, the code of conduct, the people
pages' selections, and the advisor's own profile with the "Find a colleague" search."""

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from members.filters import PeopleFilterForm
from members.invitations_bulk import MAX_BYTES as INVITATIONS_MAX_BYTES
from members.invitations_bulk import InvitationTable, read_text
from members.models import (
    Advisor,
    Affiliation,
    Convention,
    MemberOrganisation,
    Service,
    http_url,
    normalise_registration_number,
    validate_registration_number,
)
from members.services import BULK_MAX
from network import public_cache
from network.csv_upload import CsvConfirmForm, CsvUploadForm
from network.forms import SlugFromNameMixin, reencode_image
from network.french import elide
from network.languages import language_choices
from network.models import Territory, Theme, User
from network.ordering import by_name
from network.sectors import Sector
from network.widgets import QuickSelect, QuickTextInput

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


class InvitationUploadForm(CsvUploadForm):
    """Step 1 of invitations from a CSV file: the file, read and checked (``table`` holds it once valid)."""

    max_bytes = INVITATIONS_MAX_BYTES
    help_text = _("A .csv file of at most 1 MB and 200 rows, with an “email” column; “role” and “full_name” optional.")

    @staticmethod
    def read(text: str, encoding: str) -> InvitationTable:
        return read_text(text, encoding)


class InvitationImportConfirmForm(CsvConfirmForm):
    """Step 2 of invitations from a CSV file: confirming the preview of one upload (the file waits in the session)."""


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


# --- People (management pages) ----------------------------------------------------------------------------------


class PersonIdsField(forms.Field):
    """Ids of people posted as repeated hidden inputs or checkboxes; at most ``BULK_MAX`` (RL-4)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if value in self.empty_values:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        try:
            ids = {int(item) for item in values}
        except (TypeError, ValueError):
            raise ValidationError(_("Choose people from the list."), code="invalid") from None
        if any(not 0 < item < 2**31 for item in ids):
            raise ValidationError(_("Choose people from the list."), code="invalid")
        if len(ids) > BULK_MAX:
            raise ValidationError(
                _("Choose at most %(max)s people at a time."), code="too_many", params={"max": BULK_MAX}
            )
        return sorted(ids)


class PeopleSelectionForm(forms.Form):
    """Who a bulk action is for: the ticked people, everyone on the page, or everyone matching the filters (the
    filters come with the form). Works as a plain form: "everyone on this page" is a real field, not only script."""

    scope = forms.ChoiceField(
        choices=[("selected", _("The selected people")), ("filter", _("Everyone matching"))],
        initial="selected",
        widget=forms.HiddenInput,
    )
    person = PersonIdsField(label=_("People"), required=False)
    all_on_page = forms.BooleanField(label=_("Select everyone on this page"), required=False)
    on_page = PersonIdsField(required=False)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def user_ids(self, request) -> list[int]:
        """The chosen people (accounts with an advisor profile only); adds an error and returns [] if none."""
        data = self.cleaned_data
        if data["scope"] == "filter":
            filters = PeopleFilterForm(request.POST)
            if not filters.is_valid():  # never "everyone" by mistake
                self.add_error(None, _("The filters are not valid: filter the list again."))
                return []
            people = filters.people()
            ids = list(people.values_list("pk", flat=True)[: BULK_MAX + 1])
            if len(ids) > BULK_MAX:
                self.add_error(None, _("Narrow the filters: at most %(max)s people at a time.") % {"max": BULK_MAX})
                return []
        else:
            chosen = set(data["person"]) | (set(data["on_page"]) if data["all_on_page"] else set())
            ids = list(User.objects.filter(pk__in=chosen, advisor__isnull=False).values_list("pk", flat=True))
        if not ids:
            self.add_error(None, _("Tick at least one person, or choose everyone matching the filters."))
        return ids


class MfaResetForm(forms.Form):
    identity_checked = forms.BooleanField(
        label=_("I checked this person's identity (for example by calling them back at a known number)."),
        required=True,
    )


# --- The advisor's profile and "Find a colleague" --------------------------------------------------------------

SEARCH_MAX_LENGTH = 200


class AccountPreferencesForm(forms.ModelForm):
    """What the account holds about the person: name, language of the extranet and of mail, what mail they get."""

    class Meta:
        model = User
        fields = ["full_name", "preferred_language", "digest_frequency", "email_news"]
        widgets = {"digest_frequency": forms.RadioSelect}
        labels = {"preferred_language": _("Language of the extranet and of your emails")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["email_news"].label = _("Send me the network's news (programmes, training, events)")
        self.fields["email_news"].help_text = ""

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Enter your name as colleagues know it."))
        return name


class AdvisorProfileForm(forms.ModelForm):
    """The professional profile colleagues search, and the absence they see."""

    languages = forms.MultipleChoiceField(
        label=_("Languages you work in"), required=False, choices=language_choices, widget=forms.CheckboxSelectMultiple
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors you know well"), required=False, choices=Sector.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Advisor
        fields = [
            "job_title",
            "bio",
            "skills",
            "sectors",
            "languages",
            "territories",
            "public_profile",
            "absent_from",
            "absent_until",
            "backup",
        ]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
            "skills": forms.CheckboxSelectMultiple,
            "territories": forms.CheckboxSelectMultiple,
            "absent_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "absent_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "bio": _("A few lines on what you do and how you help companies. Plain text, up to 2,000 characters."),
            "territories": _("The départements where you meet companies."),
            "public_profile": _(
                "Show your name, job title and skills on your organisation's page in the public directory. "
                "Your email address is never shown there."
            ),
            "absent_from": _("Colleagues who find you in the search see your absence and whom to contact instead."),
            "backup": _("A colleague who answers for you while you are away."),
        }
        labels = {"skills": _("Your skills")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The finest level of the tree: sub-themes, and the few themes that have none. Searching a theme finds
        # the advisors of its sub-themes.
        self.fields["skills"].queryset = _themes().filter(Q(parent__isnull=False) | Q(children__isnull=True))
        self.fields["skills"].widget.attrs["class"] = "form-check-input"  # rendered by hand, grouped
        self.fields["territories"].queryset = _departements()
        self.fields["territories"].label_from_instance = lambda territory: f"{territory.code} {territory.name}"
        backups = (
            Advisor.objects.active()
            .exclude(pk=self.instance.pk)
            .select_related("user")
            .order_by(*by_name("user__full_name"), "user__email")
        )
        self.fields["backup"].queryset = backups
        self.fields["backup"].label_from_instance = lambda advisor: advisor.user.get_full_name()
        self.fields["backup"].empty_label = _("Nobody named")

    def clean(self):
        cleaned = super().clean()
        start, end, backup = cleaned.get("absent_from"), cleaned.get("absent_until"), cleaned.get("backup")
        if "absent_from" in self.errors or "absent_until" in self.errors:
            return cleaned
        if bool(start) != bool(end):
            self.add_error(
                "absent_until" if start else "absent_from",
                _("Give both the first and the last day of your absence, or neither."),
            )
        elif start and end < start:
            self.add_error("absent_until", _("The last day of your absence is before the first one."))
        elif end and end < timezone.localdate():
            self.add_error("absent_until", _("This absence is over: clear both dates instead."))
        elif backup and not start:
            self.add_error("backup", _("A backup is named for an absence: give its dates too, or choose “Nobody”."))
        elif backup and backup.absent_from and backup.absent_from <= end and start <= backup.absent_until:
            self.add_error(
                "backup",
                _("%(name)s is also away during your absence (%(start)s – %(end)s). Choose someone else.")
                % {
                    "name": backup.user.get_full_name(),
                    "start": backup.absent_from.strftime("%d/%m/%Y"),
                    "end": backup.absent_until.strftime("%d/%m/%Y"),
                },
            )
        return cleaned

    def skill_groups(self):
        """The skill checkboxes grouped under their parent theme, for the template: [(heading, [checkbox, ...])]."""
        themes = {theme.pk: theme for theme in self.fields["skills"].queryset}
        groups = {}
        for checkbox in self["skills"]:
            theme = themes[int(str(checkbox.data["value"]))]
            heading = theme.parent.name if theme.parent_id else theme.name
            groups.setdefault(heading, []).append(checkbox)
        return list(groups.items())


def _filter_options() -> dict[str, list[tuple[int, str]]]:
    """The skills, départements and organisations offered by the colleague search, as (key, label) values in the
    active language: not model instances, the three lists hold hundreds of rows (issue 7). Kept in the cache under the
    version of the public content (network/public_cache.py), which any save of a theme, territory or organisation
    bumps (without Redis, another worker may offer the previous lists for up to ``public_cache.SECONDS``); so the
    page reads none of the three tables."""
    first, second = ("en", "fr") if (get_language() or "fr").startswith("en") else ("fr", "en")
    key = f"colleague-filters:{public_cache.version()}:{first}"
    options = cache.get(key)
    if options is None:

        def name(row, prefix=""):
            return row[f"{prefix}name_{first}"] or row[f"{prefix}name_{second}"]

        themes = _themes().values("pk", "name_en", "name_fr", "parent_id", "parent__name_en", "parent__name_fr")
        departements = _departements().values_list("pk", "code", "name")
        options = {
            "skill": [
                (row["pk"], f"{name(row, 'parent__')} › {name(row)}" if row["parent_id"] else name(row))
                for row in themes
            ],
            "territory": [(pk, f"{code} {territory}") for pk, code, territory in departements],
            "organisation": list(MemberOrganisation.objects.order_by(*by_name("name")).values_list("pk", "name")),
        }
        cache.set(key, options, public_cache.SECONDS)
    return options


class _Options(BaseChoiceIterator):
    """Choices already as (key, label) pairs, which Django's fields and widgets keep as they are: normalised, the
    few hundred options of the colleague filters cost 0.8 ms a request (the field and its widget each check every
    pair)."""

    def __init__(self, choices):
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)

    def __len__(self):
        return len(self.choices)


class ColleagueSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, skill or keyword"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        widget=QuickTextInput,
        error_messages={
            "max_length": _("Search with fewer words: at most %(limit_value)d characters (you typed %(show_value)d).")
        },
    )
    skill = forms.ModelChoiceField(label=_("Skill"), queryset=Theme.objects.none(), required=False, widget=QuickSelect)
    territory = forms.ModelChoiceField(
        label=_("Département"), queryset=Territory.objects.none(), required=False, widget=QuickSelect
    )
    language = forms.ChoiceField(label=_("Language"), required=False, widget=QuickSelect)
    sector = forms.ChoiceField(label=_("Sector"), required=False, widget=QuickSelect)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=MemberOrganisation.objects.none(), required=False, widget=QuickSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The querysets check the value sent; the options come from the cache (issue 7).
        options = _filter_options()
        self.fields["skill"].queryset = _themes()
        self.fields["skill"].choices = _Options([("", _("Any skill")), *options["skill"]])
        self.fields["territory"].queryset = _departements()
        self.fields["territory"].choices = _Options([("", _("Anywhere")), *options["territory"]])
        self.fields["language"].choices = [("", _("Any language")), *language_choices()]
        self.fields["sector"].choices = [("", _("Any sector")), *Sector.choices]
        self.fields["organisation"].queryset = MemberOrganisation.objects.order_by(*by_name("name"), "id")
        self.fields["organisation"].choices = _Options([("", _("All organisations")), *options["organisation"]])

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

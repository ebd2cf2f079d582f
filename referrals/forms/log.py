"""Fast entry of a contact: the company (found, or created inline) and the interaction, in one form."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from members.forms import _themes
from members.models import MemberOrganisation, Service
from network.forms import CommuneField
from network.models import Theme
from network.ordering import by_name
from referrals.forms.companies import SEARCH_MAX_LENGTH
from referrals.models import SUMMARY_MAX_LENGTH, Company, CompanyContact, Interaction
from referrals.services import (
    CompanyNumberError,
    logging_organisations,
    looks_like_a_number,
    parse_company_number,
    possible_duplicates,
)

NEW = "new"  # the ``company`` value that asks for a new record
MINUTES_MAX = 24 * 60


def catalogue_services(on=None):
    """The network's catalogue an advisor can name in a contact: published services, available today, of member
    organisations with a convention in force (members-only services included: this is the extranet)."""
    on = on or timezone.localdate()
    organisations = MemberOrganisation.objects.with_convention_in_force(on)
    return (
        Service.objects.filter(is_published=True, organisation__in=organisations)
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=on), Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("organisation")
        .only("id", "title_en", "title_fr", "organisation__id", "organisation__name")
        .order_by(*by_name("organisation__name"), "organisation_id", *by_name("title_fr", "title_en"), "id")
    )


def live_company(value) -> Company | None:
    """The live company a posted or linked pk names (a merged record gives the one it was merged into,
    ``Company.objects.current``); None for anything that is not a record's pk. The columns the page and the log use;
    the commune, which only the page shows, is read if the page is rendered."""
    value = str(value or "")
    if not value.isdigit() or len(value) > 18:  # beyond bigint: no such record
        return None
    return (
        Company.objects.current(int(value))
        .only("id", "name", "registration_number", "establishment_number", "commune_id", "project_email")
        .first()
    )


class ThemesField(forms.ModelMultipleChoiceField):
    """The themes of a contact. A POST's ticked keys are checked by key, rather than through the choices' queryset
    (with its parents and ordering), which the page only needs to show them. Every theme may be ticked."""

    def clean(self, value):
        if not value:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        if not isinstance(value, list | tuple):
            raise forms.ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        keys = []
        for key in value:
            try:
                keys.append(int(str(key)))
            except ValueError:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": key}
                ) from None
        found = Theme.objects.only("id", "slug").in_bulk(keys)
        for key in keys:
            if key not in found:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": key}
                )
        self.run_validators(value)
        return [found[key] for key in dict.fromkeys(keys)]


class ContactLogForm(forms.Form):
    """One contact with a company. ``company`` is a company's id, ``new`` (create it from the ``new_*`` fields) or
    empty (the page then shows what the ``q`` lookup finds). Binds the logging user for the organisations they may
    log for; the people met are those of the chosen company."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    q = forms.CharField(
        label=_("Company name or number"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        help_text=_("A name, or a SIREN or SIRET typed any way (spaces and dots are ignored)."),
        error_messages={
            "max_length": _("Search with fewer words: at most %(limit_value)d characters (you typed %(show_value)d).")
        },
    )
    company = forms.CharField(label=_("Company"), required=False, max_length=20)

    new_number = forms.CharField(
        label=_("Registration number (SIREN or SIRET)"),
        required=False,
        max_length=40,
        help_text=_("Leave it empty for a project holder who has not registered a company yet."),
    )
    new_name = forms.CharField(label=_("Name of the company or project"), required=False, max_length=200)
    new_commune = CommuneField(label=_("Commune"), required=False)
    new_email = forms.EmailField(
        label=_("Project holder's email"),
        required=False,
        help_text=_("For a project holder: it tells two projects of the same name apart."),
    )
    confirm_new = forms.BooleanField(label=_("None of these: it is a new record"), required=False)

    occurred_on = forms.DateField(
        label=_("Date of the contact"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a real date: day, month and year.")},
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Interaction.Channel.choices, widget=forms.RadioSelect)
    # The choices are the organisations the advisor may log for, read once in __init__: validating the answer
    # against them needs no query of its own (``clean_organisation`` gives the object).
    organisation = forms.TypedChoiceField(label=_("For the organisation"), coerce=int, widget=forms.RadioSelect)
    contacts = forms.ModelMultipleChoiceField(
        label=_("People met"),
        queryset=CompanyContact.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What was said and agreed, in at most 5,000 characters."),
        error_messages={
            "max_length": _(
                "The summary is limited to %(limit_value)d characters and yours has %(show_value)d: shorten it. "
                "Nothing is saved yet, and your text is still below."
            )
        },
    )
    minutes = forms.IntegerField(
        label=_("Time spent (minutes)"),
        required=False,
        min_value=1,
        max_value=MINUTES_MAX,
        error_messages={
            "min_value": _("Give the time in minutes, at least 1."),
            "max_value": _("A contact lasts at most one day: %(limit_value)s minutes."),
        },
    )
    is_confidential = forms.BooleanField(
        label=_("Confidential to my organisation"),
        required=False,
        help_text=Interaction._meta.get_field("is_confidential").help_text,
    )
    themes = ThemesField(label=_("Themes"), queryset=_themes(), required=False, widget=forms.CheckboxSelectMultiple)
    services = forms.ModelMultipleChoiceField(
        label=_("Services of the network"),
        queryset=Service.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What you delivered or pointed the company to, from every member's catalogue."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.duplicates = []
        self.new_company_values = None
        self.known_number = False  # "create" named a number the network already holds: that record is used

        value = self.data.get("company") if self.is_bound else self.initial.get("company")
        if isinstance(value, Company):  # preselected by the view, already read
            self.company_value, self.chosen_company = str(value.pk), value
        else:
            value = str(value or "").strip()
            self.company_value = value
            self.chosen_company = live_company(value) if value and value != NEW else None

        # The summary may be longer than allowed: the browser must not cut what was pasted; the server says so.
        self.fields["summary"].widget.attrs.pop("maxlength", None)
        self.fields["occurred_on"].widget.attrs["max"] = timezone.localdate().isoformat()

        organisations = logging_organisations(user)
        self.organisations = organisations
        field = self.fields["organisation"]
        field.choices = [(o.pk, o.name) for o in organisations]
        if len(organisations) == 1:
            field.widget = forms.HiddenInput()
            self.initial.setdefault("organisation", organisations[0].pk)
            if self.is_bound and not self.data.get("organisation"):
                self.data = self.data.copy()
                self.data["organisation"] = organisations[0].pk

        # The choice lists are read only when the page is shown (the catalogue holds thousands of services at a
        # region's scale): a POST that validates only checks the ticked values, one query per ticked field, and the
        # catalogue's query is not even built when none is ticked.
        if self.is_bound and self.data.getlist("services"):
            self.fields["services"].queryset = catalogue_services()
        if self.chosen_company is not None:
            people = CompanyContact.objects.filter(company=self.chosen_company).only("id", "full_name", "job_title")
            self.fields["contacts"].queryset = people
        elif self.is_bound and self.data.getlist("contacts"):
            # People ticked for a company no longer chosen (a new record has nobody yet): not this contact's.
            self.data = self.data.copy()
            self.data.setlist("contacts", [])

    @cached_property
    def theme_objects(self) -> dict:
        themes = {theme.pk: theme for theme in self.fields["themes"].queryset}
        self.fields["themes"].choices = [(pk, theme.name) for pk, theme in themes.items()]
        return themes

    @cached_property
    def service_objects(self) -> dict:
        self.fields["services"].queryset = catalogue_services()
        services = {service.pk: service for service in self.fields["services"].queryset}
        self.fields["services"].choices = [(pk, service.title) for pk, service in services.items()]
        return services

    @cached_property
    def people(self) -> list:
        if self.chosen_company is None:
            return []
        people = list(self.fields["contacts"].queryset)
        self.fields["contacts"].choices = [
            (person.pk, f"{person.full_name} ({person.job_title})" if person.job_title else person.full_name)
            for person in people
        ]
        return people

    # --- The company --------------------------------------------------------------------------------------------

    def clean_company(self):
        value = self.cleaned_data["company"].strip()
        if not value or value == NEW:
            return value
        if self.chosen_company is None:
            raise forms.ValidationError(
                _("This company is not in the network's records (any more): search for it again."), code="unknown"
            )
        return self.chosen_company

    def clean_new_name(self):
        return " ".join(self.cleaned_data["new_name"].split())

    def clean_occurred_on(self):
        day = self.cleaned_data["occurred_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("A contact cannot be logged in the future: give the date it took place."), code="future"
            )
        return day

    def clean_organisation(self):
        pk = self.cleaned_data["organisation"]
        return next(organisation for organisation in self.organisations if organisation.pk == pk)

    def clean(self):
        cleaned = super().clean()
        if not self.organisations:
            self.add_error(
                None,
                _(
                    "None of the organisations you work for has a convention in force with the network: contacts "
                    "cannot be logged for it until it is renewed."
                ),
            )
        company = cleaned.get("company")
        if "company" in self.errors:
            return cleaned
        if company == NEW:
            self._clean_new_company(cleaned)
        elif not company:
            self.add_error(
                "company",
                forms.ValidationError(
                    _("Choose the company in the list, or create it if the network does not know it yet.")
                    if cleaned.get("q")
                    else _("Search for the company by its name or number, then choose it."),
                    code="required",
                ),
            )
        return cleaned

    def _clean_new_company(self, cleaned):
        """A new record: a registration number (typed here, or the one searched for), or a project holder's name and
        commune; a number the network already holds gives that record rather than a second one."""
        searched = cleaned.get("q", "")
        number_text = cleaned.get("new_number", "").strip() or (searched if looks_like_a_number(searched) else "")
        name = cleaned.get("new_name", "") or ("" if looks_like_a_number(searched) else searched)
        commune = cleaned.get("new_commune")
        if "new_number" in self.errors or "new_commune" in self.errors or "new_email" in self.errors:
            return
        if number_text:
            try:
                number = parse_company_number(number_text)
            except CompanyNumberError as error:
                self.add_error("new_number", forms.ValidationError(error.messages[0], code=error.code))
                return
            existing = Company.objects.select_related("merged_into").filter(
                registration_number=number.registration_number
            )
            existing = existing.first()
            if existing is not None:
                cleaned["company"] = existing.merged_into or existing
                self.known_number = True
                return
            if not name:
                self.add_error(
                    "new_name",
                    forms.ValidationError(
                        _("Enter the company's name: the network does not know this number yet."), code="required"
                    ),
                )
                return
            self.new_company_values = {
                "registration_number": number.registration_number,
                "establishment_number": number.establishment_number,
                "name": name,
                "commune": commune,
            }
            return
        missing = False
        if not name:
            self.add_error(
                "new_name",
                forms.ValidationError(
                    _("Enter the company's registration number, or the project's name for a project holder."),
                    code="required",
                ),
            )
            missing = True
        if commune is None:
            self.add_error(
                "new_commune",
                forms.ValidationError(
                    _("Enter the project holder's commune: with the name, it tells two projects apart."),
                    code="required",
                ),
            )
            missing = True
        if missing:
            return
        email = cleaned.get("new_email", "")
        self.duplicates = list(possible_duplicates(name=name, commune=commune, email=email).select_related("commune"))
        if self.duplicates and not cleaned.get("confirm_new"):
            self.add_error(
                "confirm_new",
                forms.ValidationError(
                    _(
                        "The network may already know this project: choose one of the records listed, or tick this "
                        "box if it is really a new one."
                    ),
                    code="possible_duplicate",
                ),
            )
            return
        self.new_company_values = {"name": name, "commune": commune, "project_email": email}

    # --- For the template ---------------------------------------------------------------------------------------

    @property
    def creating(self) -> bool:
        return self.company_value == NEW

    def chosen(self, name: str) -> list:
        """The rows ticked in the multiple-choice field ``name`` of a valid form; nothing ticked gives [] without
        evaluating the field's empty queryset, which Django compiles all the same (a third of a millisecond each)."""
        return list(self.cleaned_data[name]) if self.data.getlist(name) else []

    def interaction_values(self) -> dict:
        data = self.cleaned_data
        return {
            "occurred_on": data["occurred_on"],
            "channel": data["channel"],
            "summary": data["summary"],
            "minutes": data["minutes"],
            "is_confidential": data["is_confidential"],
        }

    def theme_groups(self):
        """The theme checkboxes under their parent theme: [(heading, [checkbox, ...])]."""
        themes, groups = self.theme_objects, {}  # read first: it sets the field's choices
        for checkbox in self["themes"]:
            theme = themes[int(str(checkbox.data["value"]))]
            heading = theme.parent.name if theme.parent_id else theme.name
            groups.setdefault(heading, []).append(checkbox)
        return list(groups.items())

    def service_groups(self):
        """The service checkboxes by organisation, the advisor's own first: [(organisation, mine, [checkbox, ...])],
        with the number ticked in each (a group with ticked boxes opens)."""
        services = self.service_objects  # read first: it sets the field's choices
        own = {organisation.pk for organisation in self.organisations}
        ticked = {str(value) for value in (self["services"].value() or [])}
        groups = {}
        for checkbox in self["services"]:
            service = services[int(str(checkbox.data["value"]))]
            group = groups.setdefault(
                service.organisation_id,
                {
                    "organisation": service.organisation,
                    "mine": service.organisation_id in own,
                    "checkboxes": [],
                    "ticked": 0,
                },
            )
            group["checkboxes"].append(checkbox)
            group["ticked"] += str(checkbox.data["value"]) in ticked
        return sorted(groups.values(), key=lambda group: not group["mine"])

    def ticked_contacts(self) -> list[str]:
        return [str(value) for value in (self["contacts"].value() or [])]

    def themes_ticked(self) -> int:
        return len(self["themes"].value() or [])

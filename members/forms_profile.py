"""The advisor's own profile and preferences, and the "Find a colleague" search form."""

from django import forms
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from members.forms import _departements, _themes
from members.models import Advisor, MemberOrganisation
from network import public_cache
from network.languages import language_choices
from network.models import Territory, Theme, User
from network.ordering import by_name
from network.sectors import Sector
from network.widgets import QuickSelect, QuickTextInput

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

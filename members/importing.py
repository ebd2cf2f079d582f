"""Bulk onboarding of member organisations and their services from one CSV file (issue "Members I").

Three steps, on network/csv_upload.py's upload → preview → confirm flow. ``ImportUploadForm`` turns the uploaded
bytes into a ``Table`` (size, encoding, delimiter and row count checked). ``plan_import`` says what each row would
do (create, update, unchanged, or an error that skips it) without writing anything. ``organisations_import`` plans
again inside one transaction, with the matched rows locked, and writes, with an audit entry per created or updated
object.

Organisations are matched by registration number, services by organisation and French title (English title when
there is no French one), and an empty cell never erases anything: importing the same file twice changes nothing
the second time.
"""

import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Prefetch
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.models import (
    MemberOrganisation,
    Service,
    http_url,
    normalise_registration_number,
    validate_registration_number,
)
from network.audit import Public, log_action
from network.csv_upload import CsvConfirmForm, CsvUploadForm, Row, Table, choice_lookup, header_key, parse_text
from network.models import Network, Territory, Theme

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
DELIMITERS = (",", ";")

ORGANISATION = "organisation"
SERVICE = "service"
BOTH = "both"
EVERY_ROW = "row"

CREATE = "create"
UPDATE = "update"
UNCHANGED = "unchanged"
ERROR = "error"


# --- The expected columns ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    used_for: str
    help_text: str
    synonyms: tuple[str, ...] = ()


COLUMNS = (
    Column(
        "type",
        gettext_lazy("Row type"),
        EVERY_ROW,
        gettext_lazy("“organisation” or “service”. Without this column, every row is an organisation."),
        ("row_type", "type_de_ligne", "ligne", "record_type"),
    ),
    Column(
        "registration_number",
        gettext_lazy("Registration number"),
        ORGANISATION,
        gettext_lazy("SIREN in France, company number in the United Kingdom: how an organisation is recognised."),
        ("siren", "numero_siren", "n_siren", "no_siren", "company_number", "immatriculation"),
    ),
    Column(
        "name",
        gettext_lazy("Name"),
        ORGANISATION,
        gettext_lazy("Needed to create an organisation."),
        ("nom", "raison_sociale", "denomination", "organisation_name", "nom_de_l_organisation"),
    ),
    Column(
        "kind",
        gettext_lazy("Kind"),
        ORGANISATION,
        gettext_lazy("A kind's code or its name, e.g. “bank” or “Bank or financier”. Needed to create one."),
        ("categorie", "category", "nature", "type_de_structure", "type_d_organisation", "organisation_kind"),
    ),
    Column(
        "website",
        gettext_lazy("Website"),
        ORGANISATION,
        gettext_lazy("An address starting with http:// or https://."),
        ("site", "site_web", "site_internet", "url", "web"),
    ),
    Column(
        "description_fr",
        gettext_lazy("Description (French)"),
        BOTH,
        "",
        ("description_francais", "description_french"),
    ),
    Column(
        "description_en",
        gettext_lazy("Description (English)"),
        BOTH,
        "",
        ("description_anglais", "description_english"),
    ),
    Column(
        "contact_email",
        gettext_lazy("Public contact email"),
        ORGANISATION,
        "",
        ("email", "e_mail", "courriel", "mail", "adresse_email", "adresse_electronique"),
    ),
    Column(
        "contact_phone",
        gettext_lazy("Public contact phone"),
        ORGANISATION,
        "",
        ("phone", "telephone", "tel", "phone_number", "numero_de_telephone"),
    ),
    Column("address", gettext_lazy("Address"), ORGANISATION, "", ("adresse", "adresse_postale", "postal_address")),
    Column(
        "departements",
        gettext_lazy("Départements"),
        ORGANISATION,
        gettext_lazy("Département codes separated by spaces, e.g. “45 41”. They replace the current list."),
        ("departement", "departments", "department", "territoires", "territories", "dep", "depts"),
    ),
    Column(
        "organisation_registration_number",
        gettext_lazy("Organisation's registration number"),
        SERVICE,
        gettext_lazy("The registration number of the service's organisation, in the file or already in the portal."),
        ("organization_registration_number", "siren_organisation", "organisation_siren", "siren_de_l_organisation"),
    ),
    Column(
        "title_fr",
        gettext_lazy("Title (French)"),
        SERVICE,
        gettext_lazy("With the organisation, how a service is recognised."),
        ("titre", "titre_fr", "intitule", "titre_francais", "title_french"),
    ),
    Column(
        "title_en",
        gettext_lazy("Title (English)"),
        SERVICE,
        gettext_lazy("Recognises the service when it has no French title."),
        ("title", "titre_en", "titre_anglais", "title_english"),
    ),
    Column(
        "stages",
        gettext_lazy("Company stages"),
        SERVICE,
        format_lazy(
            gettext_lazy("Codes separated by spaces among: {codes}. They replace the current list."),
            codes=" ".join(Service.Stage.values),
        ),
        ("stage", "etapes", "etape", "stades", "stade", "company_stages"),
    ),
    Column(
        "themes",
        gettext_lazy("Themes"),
        SERVICE,
        gettext_lazy("Theme codes separated by spaces. They replace the current list."),
        ("theme", "thematiques", "thematique"),
    ),
    Column(
        "cost",
        gettext_lazy("Cost"),
        SERVICE,
        format_lazy(gettext_lazy("One of: {codes} (or their names)."), codes=" ".join(Service.Cost.values)),
        ("cout", "tarif", "prix", "price"),
    ),
    Column(
        "how_to_access_fr",
        gettext_lazy("How to access (French)"),
        SERVICE,
        "",
        ("modalites_d_acces", "modalites_acces", "acces", "comment_y_acceder"),
    ),
    Column(
        "how_to_access_en",
        gettext_lazy("How to access (English)"),
        SERVICE,
        "",
        ("how_to_access", "access"),
    ),
    Column(
        "public",
        gettext_lazy("Shown on the public portal"),
        SERVICE,
        gettext_lazy("yes or no (a new service is public when the cell is empty)."),
        ("is_public", "visible", "publique"),
    ),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)
LABELS = {column.name: column.label for column in COLUMNS}
FIELD_LABELS = LABELS | {"is_public": LABELS["public"], "territories": LABELS["departements"]}

ORGANISATION_TEXTS = ("name", "description_fr", "description_en", "contact_phone", "address")
SERVICE_TEXTS = ("title_fr", "title_en", "description_fr", "description_en", "how_to_access_fr", "how_to_access_en")


def suggest_mapping(headers) -> dict[str, int]:
    """Each expected column → the index of the file's column named like it (its name first, then a synonym)."""
    keys = [header_key(header) for header in headers]
    mapping, used = {}, set()
    for pass_synonyms in (False, True):
        for column in COLUMNS:
            if column.name in mapping:
                continue
            wanted = column.synonyms if pass_synonyms else (column.name,)
            for index, key in enumerate(keys):
                if key in wanted and index not in used:
                    mapping[column.name] = index
                    used.add(index)
                    break
    return mapping


# --- Planning ------------------------------------------------------------------------------------------------------


@dataclass
class RowPlan:
    """What one row of the file will do. ``values`` and ``relations`` hold what it sets; the rest is for the page."""

    line: int
    type: str = ""
    label: str = ""
    key: str = ""  # the (service's) organisation's registration number
    action: str = ""
    errors: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)
    relations: dict = field(default_factory=dict)
    instance: object = None
    parent: "RowPlan | None" = None  # a service's organisation, when it is a row of the file
    organisation: object = None  # a service's organisation, when it is only in the portal

    @property
    def changed_labels(self) -> list[str]:
        return [str(FIELD_LABELS.get(name, name)) for name in self.changed]

    @property
    def type_label(self) -> str:
        return {ORGANISATION: _("Organisation"), SERVICE: _("Service")}.get(self.type, "—")


@dataclass
class ImportPlan:
    rows: list[RowPlan]

    def count(self, type_, action) -> int:
        return sum(1 for row in self.rows if row.action == action and (type_ is None or row.type == type_))

    @property
    def errors(self) -> int:
        return self.count(None, ERROR)

    @property
    def changes(self) -> int:
        return self.count(None, CREATE) + self.count(None, UPDATE)

    def summary(self) -> dict:
        return {
            f"{prefix}_{action}": self.count(type_, action)
            for prefix, type_ in (("organisations", ORGANISATION), ("services", SERVICE))
            for action in (CREATE, UPDATE, UNCHANGED)
        } | {"errors": self.errors}


YES = {"yes", "y", "oui", "o", "true", "vrai", "1", "x"}
NO = {"no", "n", "non", "false", "faux", "0"}


def _words(value: str) -> list[str]:
    return [word for word in re.split(r"[\s,;]+", value) if word]


class _Planner:
    def __init__(self, table: Table, mapping: dict[str, int], *, country: str, lock: bool):
        self.table = table
        self.mapping = {name: index for name, index in mapping.items() if name in COLUMN_NAMES}
        self.country = country
        self.lock = lock
        self.kinds = choice_lookup(MemberOrganisation.Kind)
        self.costs = choice_lookup(Service.Cost)
        self.stages = choice_lookup(Service.Stage)

    def cell(self, row: Row, name: str) -> str:
        index = self.mapping.get(name)
        if index is None or index >= len(row.cells):
            return ""
        return row.cells[index].strip()

    def plan(self) -> ImportPlan:
        plans = []
        for row in self.table.rows:
            plan = RowPlan(line=row.line)
            if row.width > len(self.table.headers) and any(
                cell.strip() for cell in row.cells[len(self.table.headers) :]
            ):
                plan.errors.append(
                    _(
                        "This row has %(cells)s cells but the header has %(columns)s: put quotes around values "
                        "that hold the separator."
                    )
                    % {"cells": row.width, "columns": len(self.table.headers)}
                )
            plan.type = self._row_type(row, plan)
            plans.append(plan)
        self._load(plans)
        organisations = {}
        for row, plan in zip(self.table.rows, plans, strict=True):
            if plan.type == ORGANISATION:
                self._plan_organisation(row, plan, organisations)
        services = {}
        for row, plan in zip(self.table.rows, plans, strict=True):
            if plan.type == SERVICE:
                self._plan_service(row, plan, organisations, services)
        for plan in plans:
            if plan.errors:
                plan.action = ERROR
            elif plan.instance is None:
                plan.action = CREATE
            else:
                plan.action = UPDATE if plan.changed else UNCHANGED
        return ImportPlan(plans)

    def _row_type(self, row: Row, plan: RowPlan) -> str:
        if "type" not in self.mapping:
            return ORGANISATION
        value = header_key(self.cell(row, "type"))
        if value in ("organisation", "organization", "organisme", "structure"):
            return ORGANISATION
        if value in ("service", "services", "prestation", "offre"):
            return SERVICE
        plan.errors.append(_("The row type must be “organisation” or “service”."))
        return ""

    def _load(self, plans):
        """Everything the rows point at, in a few queries: organisations and their services, départements, themes."""
        keys = set()
        for row, plan in zip(self.table.rows, plans, strict=True):
            name = "registration_number" if plan.type == ORGANISATION else "organisation_registration_number"
            if plan.type:
                keys.add(normalise_registration_number(self.cell(row, name)))
        keys.discard("")
        organisations = MemberOrganisation.objects.filter(registration_number__in=keys).order_by("pk")
        if self.lock:
            organisations = organisations.select_for_update()
        organisations = organisations.prefetch_related(
            "territories",
            Prefetch("services", queryset=Service.objects.prefetch_related("themes").order_by("pk")),
        )
        self.existing = {organisation.registration_number: organisation for organisation in organisations}
        self.services = {}
        for organisation in self.existing.values():
            for service in organisation.services.all():
                for language in ("fr", "en"):
                    title = getattr(service, f"title_{language}")
                    if title:
                        self.services.setdefault((organisation.pk, language, title), service)
        self.departements = {territory.code: territory for territory in Territory.objects.departements()}
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}

    # --- organisations

    def _text(self, row, plan, model, name, target=None):
        value = self.cell(row, name)
        if value:
            max_length = model._meta.get_field(target or name).max_length
            if max_length and len(value) > max_length:
                plan.errors.append(
                    _("%(field)s is too long: %(length)s characters, at most %(max)s.")
                    % {"field": LABELS[name], "length": len(value), "max": max_length}
                )
            else:
                plan.values[target or name] = value
        return value

    def _plan_organisation(self, row, plan, organisations):
        raw = self.cell(row, "registration_number")
        plan.key = number = normalise_registration_number(raw)
        if not number:
            plan.errors.append(_("The registration number is missing."))
        else:
            try:
                validate_registration_number(raw, self.country)
            except ValidationError as error:
                plan.errors.extend(error.messages)
            if number in organisations:
                plan.errors.append(
                    _("The registration number %(number)s is already on line %(line)s.")
                    % {"number": number, "line": organisations[number].line}
                )
            else:
                organisations[number] = plan
        for name in ORGANISATION_TEXTS:
            self._text(row, plan, MemberOrganisation, name)
        self._choice(row, plan, "kind", self.kinds, _("%(value)s is not a kind of organisation."))
        website = self._text(row, plan, MemberOrganisation, "website")
        if website:
            try:
                http_url(website)
            except ValidationError:
                plan.errors.append(_("The website must be an address starting with http:// or https://."))
                plan.values.pop("website", None)
        email = self._text(row, plan, MemberOrganisation, "contact_email")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                plan.errors.append(_("%(value)s is not an email address.") % {"value": email})
        codes = _words(self.cell(row, "departements"))
        if codes:
            codes = [code.zfill(2).upper() for code in codes]
            unknown = [code for code in codes if code not in self.departements]
            if unknown:
                plan.errors.append(_("Unknown département codes: %(codes)s.") % {"codes": ", ".join(unknown)})
            else:
                plan.relations["territories"] = sorted({self.departements[code] for code in codes}, key=_by_pk)
        organisation = self.existing.get(number) if number else None
        plan.instance = organisation
        plan.label = plan.values.get("name") or (organisation.name if organisation else "")
        if organisation is None:
            for name in ("name", "kind"):
                if name not in plan.values and not self.cell(row, name):
                    plan.errors.append(
                        _("%(field)s is missing: it is needed to create an organisation.") % {"field": LABELS[name]}
                    )
        else:
            plan.changed = _changes(organisation, plan)

    def _choice(self, row, plan, name, lookup, message, target=None):
        value = self.cell(row, name)
        if value:
            if header_key(value) in lookup:
                plan.values[target or name] = lookup[header_key(value)]
            else:
                plan.errors.append(message % {"value": value})

    # --- services

    def _plan_service(self, row, plan, organisations, services):
        raw = self.cell(row, "organisation_registration_number")
        plan.key = number = normalise_registration_number(raw)
        organisation = None
        if not number:
            plan.errors.append(_("The organisation's registration number is missing."))
        elif number in organisations:
            plan.parent = organisations[number]
            organisation = plan.parent.instance
            if plan.parent.errors:
                plan.errors.append(
                    _("Its organisation (line %(line)s) has errors, so this row is skipped too.")
                    % {"line": plan.parent.line}
                )
        elif number in self.existing:
            organisation = plan.organisation = self.existing[number]
        else:
            plan.errors.append(
                _("No organisation has the registration number %(number)s, in the file or in the portal.")
                % {"number": raw}
            )
        for name in SERVICE_TEXTS:
            self._text(row, plan, Service, name)
        title_fr, title_en = self.cell(row, "title_fr"), self.cell(row, "title_en")
        plan.label = title_fr or title_en
        if not plan.label:
            plan.errors.append(_("The service needs a title, in French or in English."))
        match = ("fr", title_fr) if title_fr else ("en", title_en)
        if number and plan.label:
            if (number, *match) in services:
                plan.errors.append(
                    _("The same service is already on line %(line)s.") % {"line": services[(number, *match)].line}
                )
            else:
                services[(number, *match)] = plan
        self._choice(row, plan, "cost", self.costs, _("%(value)s is not a cost: use free, paid or on_quote."))
        public = header_key(self.cell(row, "public"))
        if public in YES or public in NO:
            plan.values["is_public"] = public in YES
        elif public:
            plan.errors.append(_("“Shown on the public portal” must be yes or no."))
        stages = _words(self.cell(row, "stages"))
        if stages:
            unknown = [stage for stage in stages if header_key(stage) not in self.stages]
            if unknown:
                plan.errors.append(
                    _("Unknown company stages: %(stages)s (use %(codes)s).")
                    % {"stages": ", ".join(unknown), "codes": ", ".join(Service.Stage.values)}
                )
            else:
                plan.values["stages"] = _stage_order({self.stages[header_key(stage)] for stage in stages})
        slugs = _words(self.cell(row, "themes"))
        if slugs:
            unknown = [slug for slug in slugs if slug.lower() not in self.themes]
            if unknown:
                plan.errors.append(_("Unknown themes: %(themes)s.") % {"themes": ", ".join(unknown)})
            else:
                plan.relations["themes"] = sorted({self.themes[slug.lower()] for slug in slugs}, key=_by_pk)
        if organisation is not None and plan.label:
            plan.instance = self.services.get((organisation.pk, *match))
        if plan.instance is not None:
            plan.changed = _changes(plan.instance, plan)


def _by_pk(obj):
    return obj.pk


def _stage_order(stages) -> list[str]:
    return [stage for stage in Service.Stage.values if stage in stages]


def _changes(instance, plan) -> list[str]:
    changed = []
    for name, value in plan.values.items():
        current = getattr(instance, name)
        if name == "stages":
            current = _stage_order(set(current))
        if current != value:
            changed.append(name)
    for name, objects in plan.relations.items():
        if {obj.pk for obj in getattr(instance, name).all()} != {obj.pk for obj in objects}:
            changed.append(name)
    return changed


def plan_import(table: Table, mapping: dict[str, int], *, country: str | None = None, lock=False) -> ImportPlan:
    """What importing ``table`` with ``mapping`` (expected column → index in the file) would do, row by row."""
    country = country or Network.load().country
    return _Planner(table, mapping, country=country, lock=lock).plan()


# --- Writing -------------------------------------------------------------------------------------------------------


def _audit_values(plan: RowPlan, names) -> dict:
    # An organisation's profile and its services are public information about organisations, not personal data.
    values = {}
    for name in names:
        if name in plan.relations:
            values[name] = Public(sorted(str(obj.pk) for obj in plan.relations[name]))
        else:
            values[name] = Public(plan.values[name])
    return values


def _unique_slug(name: str, taken: set) -> str:
    base = slugify(name)[:90].strip("-") or "organisation"
    candidate, number = base, 2
    while candidate in taken or MemberOrganisation.objects.filter(slug=candidate).exists():
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _save(plan: RowPlan, instance, *, by, creating: bool):
    names = list(plan.values) + list(plan.relations) if creating else plan.changed
    for name in names:
        if name in plan.values:
            setattr(instance, name, plan.values[name])
    instance.save()
    for name in names:
        if name in plan.relations:
            getattr(instance, name).set(plan.relations[name])
    log_action(
        actor=by,
        action="import_create" if creating else "import_update",
        obj=instance,
        changed_fields=names,
        values=_audit_values(plan, names),
    )
    plan.instance = instance


def organisations_import(*, table: Table, mapping: dict[str, int], by) -> ImportPlan:
    """Import the valid rows of ``table`` in one transaction; rows with errors are skipped. Returns the plan it
    followed (planned again here, on locked rows, so it reflects the database at the time of writing)."""
    with transaction.atomic():
        plan = plan_import(table, mapping, lock=True)
        slugs = set()
        for row in plan.rows:
            if row.type != ORGANISATION or row.action not in (CREATE, UPDATE):
                continue
            if row.action == CREATE:
                organisation = MemberOrganisation(
                    registration_number=row.key, slug=_unique_slug(row.values["name"], slugs)
                )
                _save(row, organisation, by=by, creating=True)
            else:
                _save(row, row.instance, by=by, creating=False)
        for row in plan.rows:
            if row.type != SERVICE or row.action not in (CREATE, UPDATE):
                continue
            if row.action == CREATE:
                organisation = row.parent.instance if row.parent else row.organisation
                _save(row, Service(organisation=organisation), by=by, creating=True)
            else:
                _save(row, row.instance, by=by, creating=False)
    return plan


# --- Forms ---------------------------------------------------------------------------------------------------------


class ImportUploadForm(CsvUploadForm):
    max_bytes = MAX_BYTES
    too_large = gettext_lazy("The file is larger than 2 MB: split it into several files.")
    help_text = gettext_lazy(
        "A .csv file of at most 2 MB and 2,000 rows, in UTF-8, with columns separated by commas or semicolons."
    )

    @staticmethod
    def read(text: str, encoding: str) -> Table:
        return parse_text(text, encoding, max_rows=MAX_ROWS)


class ImportMappingForm(CsvConfirmForm):
    """Which column of the file holds each expected field (its index), and which upload the preview was about (the
    preview's form has no upload yet)."""

    upload = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, headers=(), labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        labels = labels or list(headers)
        choices = [("", _("— Not in the file —"))] + [(str(index), label) for index, label in enumerate(labels)]
        for name in COLUMN_NAMES:
            self.fields[name].choices = choices

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (
            cleaned.get("registration_number") or cleaned.get("organisation_registration_number")
        ):
            raise ValidationError(
                _("Choose the column holding the registration number: organisations are matched with it.")
            )
        return cleaned

    def mapping(self) -> dict[str, int]:
        return {name: int(self.cleaned_data[name]) for name in COLUMN_NAMES if self.cleaned_data.get(name)}

    def groups(self):
        """The fields in groups for the page: every row, organisations, services, both."""
        titles = (
            (EVERY_ROW, _("Every row")),
            (ORGANISATION, _("Organisations")),
            (SERVICE, _("Services")),
            (BOTH, _("Organisations and services")),
        )
        return [
            (title, [self[column.name] for column in COLUMNS if column.used_for == used_for])
            for used_for, title in titles
        ]


for _column in COLUMNS:
    ImportMappingForm.base_fields[_column.name] = forms.ChoiceField(
        label=_column.label, help_text=_column.help_text, required=False
    )
del _column

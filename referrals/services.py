"""Use cases on companies and interactions: transactional, audited, safe against double submits and stale edits."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from members import search
from members.models import MemberOrganisation, normalise_registration_number, validate_registration_number
from members.user_context import member_context
from network.audit import Public, changes, log_action
from network.models import Network
from network.ordering import by_name
from network.sectors import section_of
from referrals import perms, queries
from referrals.models import Company, CompanyContact, Interaction

ALREADY_IN_CONTACT_DAYS = 90
ALREADY_IN_CONTACT_SHOWN = 5  # organisations named in the warning; the company page lists every member
IDENTITY_FIELDS = (
    "name",
    "registration_number",
    "establishment_number",
    "legal_form",
    "activity_code",
    "size_band",
    "founded_on",
    "commune",
    "stage",
    "website",
    "project_email",
)
_SEPARATORS = re.compile(r"[\s.\-/]")


class CompanyNumberError(ValidationError):
    pass


@dataclass(frozen=True)
class CompanyNumber:
    registration_number: str
    establishment_number: str = ""


def looks_like_a_number(text: str) -> bool:
    """Whether a search box's text is meant as a registration number rather than a name."""
    compact = _SEPARATORS.sub("", text or "")
    return len(compact) >= 8 and sum(character.isdigit() for character in compact) >= 6


def parse_company_number(value: str, country: str | None = None) -> CompanyNumber:
    """The registration number typed in any usual way ("443 061 841", "443.061.841", a SIRET) as the network keys
    it. France: a SIREN (9 digits, Luhn check digit), or a SIRET (14 digits, its own check digit) reduced to its
    SIREN with the establishment kept. UK: a company number. Raises CompanyNumberError with a clear message."""
    country = country or Network.load().country
    compact = normalise_registration_number(_SEPARATORS.sub("", value or ""))
    if not compact:
        raise CompanyNumberError(_("Enter the company's registration number."), code="required")
    if country == Network.Country.FRANCE and len(compact) == 14 and compact.isdigit():
        from stdnum.exceptions import ValidationError as StdnumError
        from stdnum.fr import siret

        try:
            siret.validate(compact)
        except StdnumError:
            raise CompanyNumberError(
                _("%(value)s is not a valid SIRET: 14 digits whose last one is a check digit."),
                params={"value": value},
                code="invalid_siret",
            ) from None
        return CompanyNumber(compact[:9], compact)
    try:
        validate_registration_number(compact, country)
    except ValidationError as error:
        raise CompanyNumberError(error.messages[0], code=error.code) from None
    return CompanyNumber(compact)


SEARCH_LIMIT = 50


def search_companies(text: str, limit: int = SEARCH_LIMIT):
    """``(companies, number_error)``: by registration or establishment number when the text looks like one, else by
    name (full-text, accent-insensitive, prefixes while typing), best matches first, at most ``limit`` + 1. The
    search page by name runs ``queries.NAMED_SQL`` instead, which ranks a bounded set of candidates."""
    if looks_like_a_number(text):
        try:
            number = parse_company_number(text)
        except CompanyNumberError as error:
            return Company.objects.none(), error.messages[0]
        found = Company.objects.filter(registration_number=number.registration_number)
        return found.select_related("commune").annotate(commune_name=F("commune__name")), ""
    condition = search.matching(text, words="search", stemmed=(("search", "french_unaccent"),))
    if condition is None:
        return Company.objects.none(), ""
    ranked = (
        Company.objects.live()
        .filter(condition)
        .annotate(rank=search.rank(text, stemmed="search", words="search"))
        .select_related("commune")
        .defer("search")
        .order_by("-rank", "name_key", "name", "pk")
    )
    return ranked[: limit + 1], ""


# --- Companies --------------------------------------------------------------------------------------------------


class StaleEdit(Exception):
    """Someone else saved the company since this form was opened: nothing was written."""

    def __init__(self, current: Company):
        super().__init__("stale edit")
        self.current = current


def identity_snapshot(values: dict) -> dict:
    """Identity ``values`` as the audit log and a form's hidden snapshot hold them: the commune by key, dates as
    ISO text; so snapshots taken from a record and from an editor's input compare field by field."""
    snapshot = {}
    for name, value in values.items():
        if name == "commune" and not (value is None or isinstance(value, int)):
            value = value.pk
        snapshot[name] = value.isoformat() if isinstance(value, date) else value
    return snapshot


def _identity_values(company: Company) -> dict:
    values = {name: getattr(company, name) for name in IDENTITY_FIELDS if name != "commune"}
    values["commune"] = company.commune_id
    return identity_snapshot(values)


def company_identity(company: Company) -> dict:
    """The identity of ``company`` as saved, as an ``identity_snapshot``."""
    return _identity_values(company)


def identity_conflicts(*, base: dict | None, saved: dict, mine: dict) -> dict[str, bool]:
    """After a stale save: each identity field where the editor's input (``mine``) differs from the record as saved
    now (``saved``), with whether someone else changed it since the editor opened the form (``base``, what the form
    showed then). What someone else changed stands on the next save unless the editor explicitly keeps their own
    value; a field only the editor changed keeps the editor's input. Without ``base`` every difference counts as
    someone else's change: a stale form never silently reverts another person's edit. All three are snapshots."""
    return {
        name: base is None or base.get(name) != value
        for name, value in saved.items()
        if name in mine and mine[name] != value
    }


PUBLIC_IDENTITY = tuple(name for name in IDENTITY_FIELDS if name != "project_email")


def company_create(*, values: dict, by) -> tuple[Company, bool]:
    """Create a company from identity ``values``; when another request created the same number first (two advisors
    typing it at once), return that one instead: ``(company, created)``."""
    number = values.get("registration_number") or None
    if number:
        existing = Company.objects.filter(registration_number=number).first()
        if existing is not None:
            return existing.merged_into or existing, False
    company = Company(**values, created_by=by)
    try:
        with transaction.atomic():
            company.save()
            changed, logged = changes({}, _identity_values(company), public=PUBLIC_IDENTITY)
            log_action(actor=by, action="create", obj=company, changed_fields=changed, values=logged)
    except IntegrityError:
        if not number:
            raise
        return Company.objects.get(registration_number=number), False
    return company, True


def company_update(*, company: Company, values: dict, expected_version: int, by) -> Company:
    """Save identity ``values`` only if nobody saved the company since ``expected_version`` (optimistic locking,
    RE-3): one conditional UPDATE, so two simultaneous saves cannot both win. Raises StaleEdit otherwise."""
    with transaction.atomic():
        # From the database: a bound ModelForm has already copied the new values onto ``company``.
        before = _identity_values(Company.objects.get(pk=company.pk))
        for name, value in values.items():
            setattr(company, name, value)
        company.sector = section_of(company.activity_code) or ""
        updated = Company.objects.filter(pk=company.pk, version=expected_version).update(
            **{name: getattr(company, name) for name in values},
            sector=company.sector,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        if not updated:
            raise StaleEdit(Company.objects.get(pk=company.pk))
        company.refresh_from_db()
        changed, logged = changes(before, _identity_values(company), public=PUBLIC_IDENTITY)
        if changed:
            log_action(actor=by, action="update", obj=company, changed_fields=changed, values=logged)
    return company


def possible_duplicates(*, name: str, commune, email: str = "", exclude=None):
    """Records that may be the same project or company: same name (accents and case aside) in the same commune, or
    the same project holder's email."""
    condition = Q(name__unaccent__iexact=name.strip())
    if commune is not None:
        condition &= Q(commune=commune)
    if email:
        condition |= Q(project_email__iexact=email)
    duplicates = Company.objects.live().filter(condition)
    if exclude is not None:
        duplicates = duplicates.exclude(pk=exclude.pk)
    return duplicates.order_by("name_key", "name", "pk")[:5]


# --- Interactions -----------------------------------------------------------------------------------------------


class InteractionError(Exception):
    pass


def logging_organisations(user) -> list[MemberOrganisation]:
    """The organisations ``user`` may log a contact for, by name: those they work for today, with a convention in
    force, as the request's user context read them (``members/user_context.py``); only their names are read here."""
    keys = perms.loggable_organisation_ids(user)
    if not keys:
        return []
    return list(MemberOrganisation.objects.filter(pk__in=keys).only("id", "name").order_by(*by_name("name"), "id"))


def interaction_log(
    *,
    company: Company,
    user,
    organisation: MemberOrganisation,
    values: dict,
    contacts=(),
    themes=(),
    services=(),
    submission_key,
) -> tuple[Interaction, bool]:
    """Record a contact. The same ``submission_key`` posted twice (double click, two tabs, a retried request)
    records it once: ``(interaction, created)``, the second call returning the first row (RE-2). The key's unique
    constraint decides, in the database: no read before the insert, which a concurrent request could slip past."""
    if not perms.can_log_for(user, organisation):
        raise InteractionError(_("You can only log contacts for an organisation you work for."))
    if values.get("occurred_on") and values["occurred_on"] > timezone.localdate():
        raise InteractionError(_("A contact cannot be logged in the future."))
    advisor_id = member_context(user).advisor_id  # read with the user: no query
    if advisor_id is None:
        raise InteractionError(_("Only advisors log contacts."))
    interaction = Interaction(
        company=company,
        advisor_id=advisor_id,
        organisation=organisation,
        submission_key=submission_key,
        **values,
    )
    try:
        with transaction.atomic():
            interaction.save()
            # A new row has no links yet: ``add`` inserts them (one statement each), ``set`` would read them first.
            for related, chosen in (
                (interaction.contacts, contacts),
                (interaction.themes, themes),
                (interaction.services, services),
            ):
                if chosen:
                    related.add(*chosen)
            log_action(
                actor=user,
                action="create",
                obj=interaction,
                changed_fields=["company", "organisation", "occurred_on", "channel", "is_confidential", "summary"],
                values={
                    "company": Public(company.pk),
                    "organisation": Public(organisation.pk),
                    "occurred_on": Public(interaction.occurred_on.isoformat()),
                    "channel": Public(interaction.channel),
                    "is_confidential": Public(interaction.is_confidential),
                    "summary": interaction.summary,
                },
            )
    except IntegrityError:
        # The same key was recorded first (a double submit, sequential or concurrent): that row is the contact.
        existing = Interaction.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise  # another constraint: not a repeat
        return existing, False
    return interaction, True


@dataclass(frozen=True)
class RecentContact:
    organisation: str
    advisor: str | None  # the advisors' names, None when every recent contact is confidential to that organisation
    last_on: date


class RecentContacts(list):
    """The lines of the warning, with ``more``: how many other organisations were also in contact."""

    more = 0


def recent_contacts_by_others(company: Company, user, *, today=None, limit=ALREADY_IN_CONTACT_SHOWN) -> RecentContacts:
    """Other organisations that logged a contact with ``company`` in the last 90 days, most recent first, one line
    per organisation naming up to three of its advisors (unless confidential): the "already in contact" warning.
    ``limit`` lines at most; ``more`` says how many organisations are left out. One query."""
    today = today or timezone.localdate()
    lines = queries.recent_by_others(
        company_id=company.pk,
        since=today - timedelta(days=ALREADY_IN_CONTACT_DAYS),
        mine=perms.viewer_organisation_ids(user),
        readable=perms.confidential_readable_organisations(user),
        shown=limit,
    )
    shown = RecentContacts(
        RecentContact(name, ", ".join(names[:3]) + ("…" if len(names) > 3 else "") if names else None, last_on)
        for name, last_on, _total, names in lines
    )
    shown.more = lines[0][2] - len(lines) if lines else 0
    return shown


# --- People at a company ----------------------------------------------------------------------------------------

CONTACT_FIELDS = (
    "company",
    "full_name",
    "job_title",
    "email",
    "phone",
    "legal_basis",
    "consent_text_version",
    "consent_given_on",
    "consent_purpose",
)
# What the audit may keep in clear about a contact: which record, and on which legal basis. The rest is hashed.
CONTACT_PUBLIC = ("company", "legal_basis")


class ContactError(Exception):
    """A change to a person's record that cannot be made; the message is safe to show."""


def _contact_values(contact: CompanyContact) -> dict:
    values = {name: getattr(contact, name) for name in CONTACT_FIELDS if name != "company"}
    values["company"] = contact.company_id
    return {name: (value.isoformat() if isinstance(value, date) else value) for name, value in values.items()}


def contact_save(*, contact: CompanyContact, values: dict, by) -> CompanyContact:
    """Create ``contact`` (unsaved, its company set) or update it with ``values``; one audit row with the changed
    field names and hashed values (none when nothing changed). Consent must be documented (DB constraint too)."""
    if values.get("legal_basis") == CompanyContact.LegalBasis.CONSENT:
        given = values.get("consent_given_on")
        if not (given and values.get("consent_text_version") and values.get("consent_purpose")):
            raise ContactError(_("With consent, record the text version, the date and the purpose."))
        if given > timezone.localdate():
            raise ContactError(_("The consent date cannot be in the future."))
    with transaction.atomic():
        creating = contact.pk is None
        before = {} if creating else _contact_values(CompanyContact.objects.select_for_update().get(pk=contact.pk))
        for name, value in values.items():
            setattr(contact, name, value)
        if creating:
            contact.created_by = by
        contact.save()
        changed, logged = changes(before, _contact_values(contact), public=CONTACT_PUBLIC)
        if creating or changed:
            log_action(
                actor=by, action="create" if creating else "update", obj=contact, changed_fields=changed, values=logged
            )
    return contact


def contact_in_use(contact: CompanyContact) -> bool:
    """Whether a logged interaction names this person: their record is then part of the company's history."""
    return Interaction.contacts.through.objects.filter(companycontact_id=contact.pk).exists()


def contact_delete(*, contact: CompanyContact, by) -> None:
    """Delete a person nobody's interaction names (audited). The row is locked first, so an interaction naming
    them cannot be logged between the check and the delete. Raises ContactError when they are named."""
    with transaction.atomic():
        locked = CompanyContact.objects.select_for_update().filter(pk=contact.pk).first()
        if locked is None:
            return  # already deleted (a double submit)
        if contact_in_use(locked):
            raise ContactError(
                _(
                    "%(name)s is named in contacts logged with this company, so their record stays: it is part of "
                    "the company's history. If they asked for their data to be erased, tell the network team."
                )
                % {"name": locked.full_name}
            )
        log_action(
            actor=by,
            action="delete",
            obj=locked,
            changed_fields=["company", "legal_basis"],
            values={"company": Public(locked.company_id), "legal_basis": Public(locked.legal_basis)},
        )
        locked.delete()


def contact_mark_informed(*, contact: CompanyContact, by, on: date | None = None) -> CompanyContact:
    """Record that the person was sent the information about the data the network holds (GDPR art. 14), on ``on``
    (today by default). The same date twice (a double submit) writes nothing the second time."""
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ContactError(_("The information date cannot be in the future."))
    with transaction.atomic():
        locked = CompanyContact.objects.select_for_update().get(pk=contact.pk)
        if locked.informed_on != on:
            locked.informed_on = on
            locked.save(update_fields=["informed_on", "updated_at"])
            log_action(
                actor=by,
                action="update",
                obj=locked,
                changed_fields=["informed_on"],
                values={"informed_on": Public(on.isoformat())},
            )
    contact.informed_on = on
    return contact


# --- Merging two records (network managers) ------------------------------------------------------------------------


class MergeError(Exception):
    pass


@dataclass(frozen=True)
class MergePlan:
    source: Company
    target: Company
    interactions: int
    contacts: int
    merged_records: int


def company_merge_plan(*, source: Company, target: Company) -> MergePlan:
    """What merging ``source`` into ``target`` moves; raises MergeError when it cannot be done."""
    if source.pk == target.pk:
        raise MergeError(_("A record cannot be merged into itself."))
    if source.merged_into_id or target.merged_into_id:
        raise MergeError(_("One of these records was already merged: open the record it was merged into."))
    if source.registration_number and target.registration_number:
        raise MergeError(
            _(
                "Both records have a registration number (%(source)s and %(target)s): they are two companies. "
                "Correct the wrong number first."
            )
            % {"source": source.registration_number, "target": target.registration_number}
        )
    return MergePlan(
        source=source,
        target=target,
        interactions=source.interactions.count(),
        contacts=source.contacts.count(),
        merged_records=source.merged.count(),
    )


def company_merge(*, source: Company, target: Company, by) -> MergePlan:
    """Merge ``source`` into ``target``: its interactions and people move over, records merged into it point to
    ``target``, and ``source`` stays as a pointer (its number and links still lead to ``target``). Both rows are
    locked, so two merges cannot cross. Audited on both records."""
    with transaction.atomic():
        locked = {
            company.pk: company
            for company in Company.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk")
        }
        source, target = locked[source.pk], locked[target.pk]
        plan = company_merge_plan(source=source, target=target)
        Interaction.objects.filter(company=source).update(company=target)
        source.contacts.update(company=target)
        Company.objects.filter(merged_into=source).update(merged_into=target)
        if source.registration_number and not target.registration_number:
            # A project merged into its registered self: the number moves to the live record.
            number, establishment = source.registration_number, source.establishment_number
            Company.objects.filter(pk=source.pk).update(registration_number=None, establishment_number="")
            Company.objects.filter(pk=target.pk).update(
                registration_number=number, establishment_number=establishment, version=F("version") + 1
            )
        Company.objects.filter(pk=source.pk).update(merged_into=target, version=F("version") + 1)
        moved = {
            "merged_into": Public(target.pk),
            "interactions": Public(plan.interactions),
            "contacts": Public(plan.contacts),
        }
        log_action(actor=by, action="merge", obj=source, changed_fields=list(moved), values=moved)
        log_action(
            actor=by,
            action="merge",
            obj=target,
            changed_fields=["merged_from"],
            values={"merged_from": Public(source.pk)},
        )
    return plan

"""The network's shared record of each company (SME), the people there, and every contact members log with it.

One ``Company`` per SME for the whole network, keyed by its registration number (France: SIREN; a SIRET is reduced
to it). ``Interaction`` rows are logged by advisors for their organisation; a confidential one shows its content
only to that organisation (``referrals.perms``): everyone else, network managers included, sees that a contact
happened, when and by which organisation.
"""

import uuid

import pgtrigger
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Advisor, MemberOrganisation, Service, http_url
from network.models import Territory, Theme, TimeStampedModel
from network.ordering import NameSortKey, by_name
from network.sectors import Sector, section_of

SUMMARY_MAX_LENGTH = 5000


class CompanyQuerySet(models.QuerySet):
    def live(self):
        """Records in use: a merged record only points to the one it was merged into."""
        return self.filter(merged_into__isnull=True)

    def current(self, pk: int):
        """The record in use that ``pk`` names: itself, or the record it was merged into. One query (the merged
        record's pointer read in a subquery); empty for a key no record has."""
        if not 0 < pk < 2**63:  # beyond the key's type: no such record, and no database error
            return self.none()
        named = Company.objects.filter(pk=pk).order_by().values(current=Coalesce("merged_into_id", "id"))
        return self.filter(pk=Subquery(named)).order_by()


class Company(TimeStampedModel):
    """A company, or a project holder not registered yet (no number), as the whole network knows it."""

    class SizeBand(models.TextChoices):
        NONE = "0", _("No employee")
        MICRO = "1-9", _("1 to 9 employees")
        SMALL = "10-49", _("10 to 49 employees")
        MEDIUM = "50-249", _("50 to 249 employees")
        LARGE = "250+", _("250 employees or more")

    Stage = Service.Stage

    registration_number = models.CharField(
        _("registration number"),
        max_length=20,
        null=True,
        blank=True,
        unique=True,
        help_text=_("SIREN in France (a SIRET is reduced to it), company number in the UK. Empty for a project."),
    )
    establishment_number = models.CharField(
        _("establishment number (SIRET)"), max_length=14, blank=True, help_text=_("The establishment advisors met.")
    )
    name = models.CharField(_("name"), max_length=200)
    legal_form = models.CharField(_("legal form"), max_length=100, blank=True)
    activity_code = models.CharField(
        _("activity code (NAF/NACE)"), max_length=10, blank=True, help_text=_("For example 62.01Z.")
    )
    sector = models.CharField(_("sector"), max_length=1, choices=Sector.choices, blank=True, editable=False)
    size_band = models.CharField(_("size"), max_length=10, choices=SizeBand.choices, blank=True)
    founded_on = models.DateField(_("creation date"), null=True, blank=True)
    commune = models.ForeignKey(
        Territory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"level": "commune"},
        verbose_name=_("commune"),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, blank=True)
    website = models.URLField(_("website"), blank=True, validators=[http_url])
    # A project holder has no number yet: name + commune + this address tell duplicates apart.
    project_email = models.EmailField(_("project holder's email"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        editable=False,
        verbose_name=_("merged into"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    # Optimistic locking (RE-3): every identity save checks and bumps it.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    search = models.GeneratedField(
        expression=SearchVector("name", config="simple_unaccent", weight="A")
        + SearchVector("name", config="french_unaccent", weight="B"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # How the name sorts (network/ordering.py), stored: the search sorts up to 500 candidates by it. Sorting 500
    # names took 2.9 ms on the key computed, 1.1 ms on this column, 0.55 ms on the bare name (byte order), measured.
    name_key = models.GeneratedField(
        expression=NameSortKey("name"), output_field=models.BinaryField(), db_persist=True
    )

    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name_key", "name", "id"]
        indexes = [
            # Company search by name: the @@ match (GIN), then ranking a bounded candidate set.
            GinIndex(fields=["search"], name="company_search_gin"),
            # Project-holder duplicates: same name (case-insensitive) in the same commune.
            models.Index(Lower("name"), "commune", name="company_name_commune"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(registration_number__isnull=True) | ~Q(registration_number=""),
                name="company_number_null_not_empty",
            ),
            models.CheckConstraint(condition=~Q(merged_into=models.F("id")), name="company_not_merged_into_itself"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_project(self) -> bool:
        return not self.registration_number

    def save(self, *args, **kwargs):
        self.sector = section_of(self.activity_code) or ""
        if not self.registration_number:
            self.registration_number = None
        super().save(*args, **kwargs)


class CompanyContact(TimeStampedModel):
    """A person at a company. Holding their data needs a legal basis (GDPR art. 6), recorded with it."""

    class LegalBasis(models.TextChoices):
        LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest of the network")
        CONSENT = "consent", _("Consent")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("company"))
    full_name = models.CharField(_("full name"), max_length=150)
    job_title = models.CharField(_("role at the company"), max_length=150, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    legal_basis = models.CharField(
        _("legal basis"), max_length=30, choices=LegalBasis.choices, default=LegalBasis.LEGITIMATE_INTEREST
    )
    consent_text_version = models.CharField(_("consent text version"), max_length=40, blank=True)
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_purpose = models.CharField(_("purpose consented to"), max_length=300, blank=True)
    informed_on = models.DateField(
        _("informed on"), null=True, blank=True, help_text=_("When the person was told what the network holds.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("company contact")
        verbose_name_plural = _("company contacts")
        ordering = [*by_name("full_name"), "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(legal_basis="consent")
                | (Q(consent_given_on__isnull=False) & ~Q(consent_text_version="") & ~Q(consent_purpose="")),
                name="contact_consent_is_documented",
            ),
        ]

    def __str__(self):
        return self.full_name


# "Who works with this company" (``CompanyActivity``) kept by the database, whatever writes the contacts (the
# application, a merge's bulk update, the admin, a script), as triggers on ``referrals_interaction``
# (``Interaction.Meta.triggers``, installed by migrations through django-pgtrigger):
# - a new contact adds one to its pair, upserted (``ON CONFLICT``), so two advisors logging at once both count;
# - a deleted one takes one off, and its pair's last date is read again from the contacts only when the deleted one
#   was the last; a pair left with none is removed;
# - an update that changes the company (a merge), the organisation or the date does both, for the old and the new
#   pair; any other update does not fire (its condition).
# Counts move by one under the pair's row lock, so concurrent writers never lose one. TRUNCATE fires no row trigger.
# ``referrals_rebuild_company_activity()`` (migration 0002) recounts everything: the bulk seed turns the triggers off
# for its COPY and calls it after.
COUNT_ACTIVITY = """
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE referrals_companyactivity AS a
           SET contacts = a.contacts - 1,
               last_on = CASE WHEN OLD.occurred_on < a.last_on THEN a.last_on
                              ELSE coalesce((SELECT max(i.occurred_on) FROM referrals_interaction i
                                              WHERE i.company_id = OLD.company_id
                                                AND i.organisation_id = OLD.organisation_id), a.last_on) END
         WHERE a.company_id = OLD.company_id AND a.organisation_id = OLD.organisation_id;
        DELETE FROM referrals_companyactivity
         WHERE company_id = OLD.company_id AND organisation_id = OLD.organisation_id AND contacts <= 0;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO referrals_companyactivity AS a (company_id, organisation_id, contacts, last_on)
        VALUES (NEW.company_id, NEW.organisation_id, 1, NEW.occurred_on)
        ON CONFLICT (company_id, organisation_id) DO UPDATE
           SET contacts = a.contacts + 1, last_on = greatest(a.last_on, EXCLUDED.last_on);
    END IF;
    RETURN NULL;
"""
ACTIVITY_COLUMNS = ("company", "organisation", "occurred_on")


class Interaction(TimeStampedModel):
    """A contact or a service an advisor delivered to a company, for their organisation at that time."""

    class Channel(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        PHONE = "phone", _("Phone call")
        EMAIL = "email", _("Email")
        EVENT = "event", _("Event")
        VISIT = "visit", _("Site visit")
        VIDEO = "video", _("Video call")

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="interactions", verbose_name=_("company")
    )
    advisor = models.ForeignKey(
        Advisor, on_delete=models.PROTECT, related_name="interactions", verbose_name=_("advisor")
    )
    organisation = models.ForeignKey(
        MemberOrganisation,
        on_delete=models.PROTECT,
        related_name="interactions",
        verbose_name=_("member organisation"),
    )
    occurred_on = models.DateField(_("date"), default=timezone.localdate)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.MEETING)
    contacts = models.ManyToManyField(
        CompanyContact, blank=True, related_name="interactions", verbose_name=_("people met")
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="interactions", verbose_name=_("themes"))
    services = models.ManyToManyField(Service, blank=True, related_name="interactions", verbose_name=_("services"))
    summary = models.TextField(_("summary"), max_length=SUMMARY_MAX_LENGTH, blank=True)
    minutes = models.PositiveIntegerField(_("time spent (minutes)"), null=True, blank=True)
    is_confidential = models.BooleanField(
        _("confidential to my organisation"),
        default=False,
        help_text=_(
            "Other organisations, the network team included, then see only that your organisation had a contact "
            "on that date, never its content."
        ),
    )
    # A double submit posts the same key twice: the unique constraint keeps one row (RE-2).
    submission_key = models.UUIDField(_("submission key"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-occurred_on", "-id"]
        indexes = [
            # The company timeline, keyset-paginated newest first.
            models.Index(fields=["company", "-occurred_on", "-id"], name="interaction_timeline"),
            # "Already in contact": one organisation's recent contacts with a company, to name its advisors.
            models.Index(fields=["company", "organisation", "occurred_on"], name="interaction_company_org_date"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(minutes__lte=24 * 60), name="interaction_minutes_within_a_day"),
        ]
        triggers = [  # keep ``CompanyActivity`` (COUNT_ACTIVITY above)
            pgtrigger.Trigger(
                name="interaction_activity_written",
                when=pgtrigger.After,
                operation=pgtrigger.Insert | pgtrigger.Delete,
                func=COUNT_ACTIVITY,
            ),
            pgtrigger.Trigger(
                name="interaction_activity_moved",
                when=pgtrigger.After,
                operation=pgtrigger.UpdateOf("company_id", "organisation_id", "occurred_on"),
                condition=pgtrigger.AnyChange(*ACTIVITY_COLUMNS),
                func=COUNT_ACTIVITY,
            ),
        ]

    def __str__(self):
        return f"{self.company} · {self.occurred_on} · {self.organisation}"


class CompanyActivity(models.Model):
    """How many contacts an organisation logged with a company, and the last one's date: "who works with this
    company" on its page. Stored rather than counted on each visit (issue 7: the busiest company's 5,000 contacts
    took a millisecond to count, on every view of its page). Never written by the application: the triggers declared
    on ``Interaction`` (``Meta.triggers``, ``COUNT_ACTIVITY``) keep it, whatever writes the contacts — the fast entry,
    a merge, the admin, a script. The bulk seed turns them off and rebuilds the table after its load
    (``SELECT referrals_rebuild_company_activity()``)."""

    # No index of its own: the unique constraint's (company, organisation) serves reads by company.
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="activity", db_index=False, verbose_name=_("company")
    )
    organisation = models.ForeignKey(
        MemberOrganisation, on_delete=models.CASCADE, related_name="activity", verbose_name=_("member organisation")
    )
    contacts = models.PositiveIntegerField(_("contacts"))
    last_on = models.DateField(_("last contact"))

    class Meta:
        verbose_name = _("activity with a company")
        verbose_name_plural = _("activity with companies")
        constraints = [
            # One row per pair; its index also serves the company page's read (all rows of one company).
            models.UniqueConstraint(fields=["company", "organisation"], name="company_activity_once"),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.company} · {self.contacts}"

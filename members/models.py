"""Member organisations, their services and their conventions with the network."""

import hashlib
import re
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import Network, Territory, Theme, TimeStampedModel, localized
from network.ordering import by_name
from network.sectors import Sector

EXPIRY_WARNING_DAYS = 60
http_url = URLValidator(schemes=["http", "https"], message=_("Enter a web address starting with http:// or https://."))
UK_COMPANY_NUMBER = re.compile(r"^(\d{8}|[A-Z]{2}\d{6})$")


def normalise_registration_number(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "").upper()


def validate_registration_number(value: str, country: str | None = None):
    """French SIREN (9 digits with its Luhn check digit) or UK company number (format only: 8 digits, or 2 letters
    and 6 digits), following the network's country."""
    country = country or Network.load().country
    number = normalise_registration_number(value)
    if country == Network.Country.FRANCE:
        from stdnum.exceptions import ValidationError as StdnumError
        from stdnum.fr import siren

        try:
            siren.validate(number)
        except StdnumError:
            raise ValidationError(
                _("%(value)s is not a valid SIREN: 9 digits whose last one is a check digit."),
                params={"value": value},
                code="invalid_siren",
            ) from None
    elif not UK_COMPANY_NUMBER.match(number):
        raise ValidationError(
            _("%(value)s is not a UK company number: 8 digits, or 2 letters then 6 digits."),
            params={"value": value},
            code="invalid_company_number",
        )


class ConventionQuerySet(models.QuerySet):
    def signed(self):
        return self.filter(signed_on__isnull=False)

    def in_force(self, on: date | None = None):
        """Signed conventions whose validity covers ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.signed().filter(valid_from__lte=on, valid_until__gte=on)


class OrganisationStatus(models.TextChoices):
    """Where an organisation stands with the network, from its conventions."""

    ACTIVE = "active", _("Active")
    EXPIRING = "expiring", _("Expiring soon")
    SCHEDULED = "scheduled", _("Signed, starts later")
    LAPSED = "lapsed", _("Lapsed")
    DRAFT = "draft", _("Draft convention")
    NONE = "none", _("No convention")


class MemberOrganisationQuerySet(models.QuerySet):
    def with_status(self, on: date | None = None):
        """Annotate ``convention_status`` (an ``OrganisationStatus`` value) and ``convention_until`` in SQL."""
        on = on or timezone.localdate()
        conventions = Convention.objects.filter(organisation=OuterRef("pk"))
        in_force_until = Subquery(conventions.in_force(on).order_by("-valid_until").values("valid_until")[:1])
        return self.annotate(
            convention_until=in_force_until,
            convention_status=Case(
                When(convention_until__lte=on + timedelta(days=EXPIRY_WARNING_DAYS), then=Value("expiring")),
                When(convention_until__isnull=False, then=Value("active")),
                When(Exists(conventions.signed().filter(valid_from__gt=on)), then=Value("scheduled")),
                When(Exists(conventions.signed()), then=Value("lapsed")),
                When(Exists(conventions), then=Value("draft")),
                default=Value("none"),
                output_field=models.CharField(),
            ),
        )

    def with_convention_in_force(self, on: date | None = None):
        in_force = Convention.objects.in_force(on).filter(organisation=OuterRef("pk"))
        return self.filter(Exists(in_force))

    def public(self):
        """What visitors may see: published, with a convention in force (a lapsed organisation answers 404)."""
        return self.filter(is_published=True).with_convention_in_force()


class MemberOrganisation(TimeStampedModel):
    """An organisation that signed a convention with the network: a chamber, an agency, a bank, a school..."""

    class Kind(models.TextChoices):
        CHAMBER_OF_COMMERCE = "chamber_commerce", _("Chamber of commerce and industry")
        CHAMBER_OF_TRADES = "chamber_trades", _("Chamber of trades")
        CHAMBER_OF_AGRICULTURE = "chamber_agriculture", _("Chamber of agriculture")
        INNOVATION_AGENCY = "innovation_agency", _("Innovation agency")
        DEVELOPMENT_AGENCY = "development_agency", _("Development agency")
        BANK = "bank", _("Bank or financier")
        INVESTOR = "investor", _("Investment fund or business angels")
        UNIVERSITY = "university", _("University or school")
        RESEARCH = "research", _("Research centre or technology transfer")
        CONSULTANCY = "consultancy", _("Consultancy network")
        BUSINESS_NETWORK = "business_network", _("Business network or association")
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        STATE_SERVICE = "state_service", _("State service")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    registration_number = models.CharField(
        _("registration number"),
        max_length=20,
        blank=True,
        help_text=_("SIREN in France (9 digits), company number in the United Kingdom."),
    )
    website = models.URLField(_("website"), blank=True, validators=[http_url])
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="organisations/", blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="organisations", verbose_name=_("themes"))
    territories = models.ManyToManyField(
        Territory, blank=True, related_name="organisations", verbose_name=_("territories covered")
    )
    contact_email = models.EmailField(_("public contact email"), blank=True)
    contact_phone = models.CharField(_("public contact phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished organisations are hidden from the public portal.")
    )

    objects = MemberOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        ordering = [*by_name("name"), "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="organisation_registration_number_unique",
            )
        ]
        indexes = [models.Index(fields=["kind"], name="organisation_kind_idx")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.registration_number = normalise_registration_number(self.registration_number)

    @property
    def description(self):
        return localized(self, "description")


class Service(TimeStampedModel):
    """A "who does what" entry: what an organisation offers, to whom, where, at what cost."""

    class Stage(models.TextChoices):
        IDEA = "idea", _("Idea")
        CREATION = "creation", _("Creation")
        GROWTH = "growth", _("Growth")
        SCALE_UP = "scale_up", _("Scale-up")
        TRANSMISSION = "transmission", _("Transmission")

    class Cost(models.TextChoices):
        FREE = "free", _("Free")
        PAID = "paid", _("Paid")
        ON_QUOTE = "on_quote", _("On quote")

    organisation = models.ForeignKey(
        MemberOrganisation, on_delete=models.CASCADE, related_name="services", verbose_name=_("organisation")
    )
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="services", verbose_name=_("themes"))
    stages = ArrayField(
        models.CharField(max_length=20, choices=Stage.choices),
        default=list,
        blank=True,
        verbose_name=_("company stages"),
    )
    territories = models.ManyToManyField(Territory, blank=True, related_name="services", verbose_name=_("territories"))
    cost = models.CharField(_("cost"), max_length=10, choices=Cost.choices, default=Cost.FREE)
    how_to_access_en = models.TextField(_("how to access (English)"), blank=True)
    how_to_access_fr = models.TextField(_("how to access (French)"), blank=True)
    is_public = models.BooleanField(
        _("shown on the public portal"), default=True, help_text=_("Untick for a service reserved to members.")
    )
    is_published = models.BooleanField(_("published"), default=True)
    starts_on = models.DateField(_("available from"), null=True, blank=True)
    ends_on = models.DateField(_("available until"), null=True, blank=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["organisation_id", *by_name("title_fr", "title_en"), "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="service_dates_in_order",
                violation_error_message=_("The end date comes before the start date."),
            ),
            models.CheckConstraint(
                condition=~Q(title_en="", title_fr=""),
                name="service_has_a_title",
                violation_error_message=_("Give the service a title, in French or in English."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return localized(self, "title")

    @property
    def description(self):
        return localized(self, "description")

    @property
    def how_to_access(self):
        return localized(self, "how_to_access")

    def get_stages_display(self):
        labels = dict(self.Stage.choices)
        return [labels.get(stage, stage) for stage in self.stages]


def convention_upload_path(instance, filename):
    # A server-generated name: nothing of the uploaded file's name reaches the disk.
    return f"private/conventions/{uuid.uuid4().hex}.pdf"


class Convention(TimeStampedModel):
    """A convention signed between the network and an organisation's top management. Renewal = a new version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Signed, starts later")
        ACTIVE = "active", _("Active")
        EXPIRING = "expiring", _("Expiring soon")
        LAPSED = "lapsed", _("Lapsed")

    organisation = models.ForeignKey(
        MemberOrganisation, on_delete=models.CASCADE, related_name="conventions", verbose_name=_("organisation")
    )
    version = models.PositiveSmallIntegerField(_("version"))
    signatory_name = models.CharField(_("signatory"), max_length=150)
    signatory_role = models.CharField(_("signatory's role"), max_length=150)
    signed_on = models.DateField(_("signed on"), null=True, blank=True, help_text=_("Empty while it is a draft."))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    pdf = models.FileField(_("signed PDF"), upload_to=convention_upload_path, blank=True)

    objects = ConventionQuerySet.as_manager()

    class Meta:
        verbose_name = _("convention")
        verbose_name_plural = _("conventions")
        ordering = ["organisation_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "version"], name="convention_version_unique"),
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")), name="convention_dates_in_order"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="convention_version_gte_1"),
        ]
        indexes = [models.Index(fields=["valid_until"], name="convention_valid_until_idx")]

    def __str__(self):
        return f"{self.organisation} v{self.version}"

    def status_on(self, on: date | None = None) -> str:
        on = on or timezone.localdate()
        if self.signed_on is None:
            return self.Status.DRAFT
        if self.valid_until < on:
            return self.Status.LAPSED
        if self.valid_from > on:
            return self.Status.SCHEDULED
        if self.valid_until - on <= timedelta(days=EXPIRY_WARNING_DAYS):
            return self.Status.EXPIRING
        return self.Status.ACTIVE

    @property
    def status(self) -> str:
        return self.status_on()

    def get_status_display(self):
        return self.Status(self.status).label


# --- People ---------------------------------------------------------------------------------------------------------


class AdvisorQuerySet(models.QuerySet):
    def active(self):
        """People who can still sign in and work for at least one organisation today."""
        current = Affiliation.objects.filter(advisor=OuterRef("pk"), ended_on__isnull=True)
        return self.filter(Exists(current), user__is_active=True)


class Advisor(TimeStampedModel):
    """The professional profile of a person who works for member organisations (their account is the ``User``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="advisor", verbose_name=_("account")
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    bio = models.TextField(_("short bio"), blank=True, max_length=2000)
    skills = models.ManyToManyField(Theme, blank=True, related_name="advisors", verbose_name=_("skills"))
    sectors = ArrayField(
        models.CharField(max_length=1, choices=Sector.choices),
        default=list,
        blank=True,
        verbose_name=_("sectors"),
        help_text=_("The economic sectors you know well."),
    )
    territories = models.ManyToManyField(Territory, blank=True, related_name="advisors", verbose_name=_("territories"))
    languages = ArrayField(models.CharField(max_length=8), default=list, blank=True, verbose_name=_("languages"))
    public_profile = models.BooleanField(
        _("public profile"), default=False, help_text=_("Show my name and skills in the public directory.")
    )
    absent_from = models.DateField(_("absent from"), null=True, blank=True)
    absent_until = models.DateField(_("absent until"), null=True, blank=True)
    backup = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="backing_up",
        verbose_name=_("backup during the absence"),
    )
    # What "Find a colleague" searches besides the bio, written by members.queries.refresh_search_text whenever a
    # name, job title, current organisation or skill changes: French side (names, job title, skills in French) and
    # English side (skills in English). Each language is stemmed with its own configuration, in its own vector, so
    # a French stop word never matches English-stemmed text; ``search_words`` keeps whole words for prefixes.
    search_text = models.TextField(default="", blank=True, editable=False)
    search_text_en = models.TextField(default="", blank=True, editable=False)
    search_fr = models.GeneratedField(
        expression=SearchVector("search_text", config="french_unaccent", weight="A")
        + SearchVector("bio", config="french_unaccent", weight="B"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    search_en = models.GeneratedField(
        expression=SearchVector("search_text_en", config="english_unaccent", weight="A"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    search_words = models.GeneratedField(
        expression=SearchVector("search_text", config="simple_unaccent", weight="A")
        + SearchVector("search_text_en", config="simple_unaccent", weight="A")
        + SearchVector("bio", config="simple_unaccent", weight="B"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = AdvisorQuerySet.as_manager()

    class Meta:
        verbose_name = _("advisor")
        verbose_name_plural = _("advisors")
        ordering = [*by_name("user__full_name"), "user__email"]
        indexes = [
            GinIndex(fields=["search_fr"], name="advisor_search_fr_gin"),
            GinIndex(fields=["search_en"], name="advisor_search_en_gin"),
            GinIndex(fields=["search_words"], name="advisor_search_words_gin"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(absent_from__isnull=True, absent_until__isnull=True)
                | Q(absent_from__isnull=False, absent_until__isnull=False, absent_until__gte=models.F("absent_from")),
                name="advisor_absence_dates_in_order",
            ),
            models.CheckConstraint(condition=~Q(backup=models.F("id")), name="advisor_not_own_backup"),
        ]

    def __str__(self):
        return str(self.user)

    def is_absent_on(self, day: date) -> bool:
        return bool(self.absent_from and self.absent_from <= day <= self.absent_until)

    @property
    def is_absent(self) -> bool:
        return self.is_absent_on(timezone.localdate())

    def get_sectors_display(self) -> list[str]:
        return [str(Sector(code).label) for code in self.sectors if code in Sector.values]


class AffiliationQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_on__isnull=True)

    def countersigner_for(self, advisor, organisation):
        """A current referent of ``organisation`` other than ``advisor`` (the first by creation), or None: who can
        countersign their signature."""
        return (
            self.current()
            .filter(organisation=organisation, role=Affiliation.Role.REFERENT)
            .exclude(advisor=advisor)
            .select_related("advisor__user")
            .order_by("pk")
            .first()
        )


class Affiliation(TimeStampedModel):
    """An advisor's link to an organisation, with their role there; ending it keeps the history."""

    class Role(models.TextChoices):
        ADVISOR = "advisor", _("Advisor")
        REFERENT = "referent", _("Referent")

    advisor = models.ForeignKey(
        Advisor, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("advisor")
    )
    organisation = models.ForeignKey(
        MemberOrganisation, on_delete=models.PROTECT, related_name="affiliations", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.ADVISOR)
    started_on = models.DateField(_("since"), default=timezone.localdate)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["advisor", "organisation"],
                condition=Q(ended_on__isnull=True),
                name="affiliation_one_current_per_organisation",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="affiliation_dates_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.advisor} @ {self.organisation} ({self.get_role_display()})"


INVITATION_VALIDITY = timedelta(days=7)


def _invitation_expiry():
    return timezone.now() + INVITATION_VALIDITY


class Invitation(TimeStampedModel):
    """An invitation to join the extranet, bound to one email address, organisation and role.

    Single use, valid for 7 days. Only a hash of the token is stored: the link in the mail is the only copy.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    email = models.EmailField(_("email address"))
    organisation = models.ForeignKey(
        MemberOrganisation, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    role = models.CharField(
        _("role"), max_length=10, choices=Affiliation.Role.choices, default=Affiliation.Role.ADVISOR
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("invited by"),
    )
    expires_at = models.DateTimeField(_("expires"), default=_invitation_expiry, editable=False)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(email=Lower("email")), name="invitation_email_lowercase"),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="invitation_not_both_accepted_and_revoked",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "email"], name="invitation_org_email_idx")]

    def __str__(self):
        return f"{self.email} → {self.organisation} ({self.get_role_display()})"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING

    def get_status_display(self):
        return self.Status(self.status).label


# --- Code of conduct ------------------------------------------------------------------------------------------------


class CodeOfConductQuerySet(models.QuerySet):
    def current(self):
        """The latest published version, or None."""
        return self.filter(published_at__isnull=False).order_by("-version").first()


class CodeOfConduct(TimeStampedModel):
    """A version of the network's code of conduct. Publishing a new version asks everyone to sign again."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    text_en = models.TextField(_("text (English)"))
    text_fr = models.TextField(_("text (French)"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)

    objects = CodeOfConductQuerySet.as_manager()

    class Meta:
        verbose_name = _("code of conduct")
        verbose_name_plural = _("codes of conduct")
        ordering = ["-version"]
        constraints = [models.CheckConstraint(condition=Q(version__gte=1), name="code_of_conduct_version_gte_1")]

    def __str__(self):
        return _("Code of conduct v%(version)s") % {"version": self.version}

    def text_in(self, language: str) -> str:
        return localized(self, "text", language)

    def text_sha256(self, language: str) -> str:
        """The digest a signature stores: SHA-256 of the exact text signed, in ``language``."""
        return hashlib.sha256(self.text_in(language).encode()).hexdigest()


class CodeOfConductSignature(TimeStampedModel):
    """An advisor's signature of one version, countersigned by a referent of their organisation (not themselves).

    Both timestamps, identities and IP addresses are kept, with the language read and a SHA-256 of the exact text
    signed, so what was agreed can be proved later.
    """

    public_id = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True, editable=False)
    advisor = models.ForeignKey(
        Advisor, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("advisor")
    )
    code = models.ForeignKey(
        CodeOfConduct, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("code of conduct")
    )
    organisation = models.ForeignKey(
        MemberOrganisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    language = models.CharField(_("language signed"), max_length=8)
    text_sha256 = models.CharField(_("SHA-256 of the text signed"), max_length=64)
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)
    signed_ip = models.GenericIPAddressField(_("IP address at signature"), null=True, blank=True)
    countersigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("countersigned by"),
    )
    countersigned_at = models.DateTimeField(_("countersigned"), null=True, blank=True)
    countersigned_ip = models.GenericIPAddressField(_("IP address at countersignature"), null=True, blank=True)

    class Meta:
        verbose_name = _("code of conduct signature")
        verbose_name_plural = _("code of conduct signatures")
        ordering = ["-signed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["advisor", "code"], name="signature_once_per_version"),
            models.CheckConstraint(
                condition=Q(countersigned_at__isnull=True) | Q(countersigned_by__isnull=False),
                name="signature_countersigned_by_someone",
            ),
        ]

    def __str__(self):
        return f"{self.advisor} · {self.code}"

    @classmethod
    def recorded(
        cls,
        *,
        advisor,
        code,
        organisation,
        language,
        signed_at=None,
        signed_ip=None,
        countersigned_by=None,
        countersigned_at=None,
    ):
        """An unsaved signature of ``code`` with the digest of its text in ``language`` (signed now unless
        ``signed_at`` says when), countersigned when ``countersigned_by`` is given. ``members.services.code_sign``
        saves one with the audit and the mails; demo data, the benchmark and tests record theirs directly."""
        return cls(
            advisor=advisor,
            code=code,
            organisation=organisation,
            language=language,
            text_sha256=code.text_sha256(language),
            signed_at=signed_at or timezone.now(),
            signed_ip=signed_ip,
            countersigned_by=countersigned_by,
            countersigned_at=countersigned_at if countersigned_by is not None else None,
        )

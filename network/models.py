import logging
import re
import zoneinfo

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import DatabaseError, models
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from network.ordering import by_name

logger = logging.getLogger(__name__)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def localized(obj, field: str, language: str | None = None) -> str:
    """Read a bilingual ``<field>_en`` / ``<field>_fr`` pair in the active language, falling back to the other."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    other = "en" if language == "fr" else "fr"
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_{other}", "")


# --- Users ----------------------------------------------------------------------------------------------------------


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Users need an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("Every working day")
    WEEKLY = "weekly", _("Every Monday")
    NEVER = "never", _("Never")


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account: network staff, advisors, referents, trainers. Email is the identifier."""

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # Notification preferences. Mail that the account or the person's role needs (security, invitations,
    # countersignature requests, what blocks their access) is always sent; these cover what the law lets them refuse.
    digest_frequency = models.CharField(
        _("activity digest"),
        max_length=10,
        choices=DigestFrequency.choices,
        default=DigestFrequency.WEEKLY,
        help_text=_("A summary of your open items and of what the network did with your companies."),
    )
    email_news = models.BooleanField(
        _("network news"), default=True, help_text=_("Programmes, training sessions and events of the network.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("Django admin access"), default=False, help_text=_("Lets the person use the technical admin site.")
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        # Stored lower-case, so the plain unique index is also case-insensitive.
        constraints = [models.CheckConstraint(condition=models.Q(email=Lower("email")), name="user_email_lowercase")]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return (self.full_name.split(" ")[0] if self.full_name else "") or self.email


# --- The network ----------------------------------------------------------------------------------------------------

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # followed by six hexadecimal digits."))


def _relative_luminance(hex_value: str) -> float:
    channels = [int(hex_value[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted([_relative_luminance(first), _relative_luminance(second)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def validate_time_zone(value: str):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(value)s is not a known time zone (for example Europe/Paris)."), params={"value": value}
        )


class Network(TimeStampedModel):
    """The one network this deployment serves: its identity is configuration, edited by network managers."""

    class Country(models.TextChoices):
        FRANCE = "FR", _("France")
        UNITED_KINGDOM = "GB", _("United Kingdom")

    CACHE_KEY = "network:singleton:v1"

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    name = models.CharField(_("name"), max_length=120, default="Business support network")
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    tagline_en = models.CharField(_("tagline (English)"), max_length=200, blank=True)
    tagline_fr = models.CharField(_("tagline (French)"), max_length=200, blank=True)
    logo = models.ImageField(_("logo"), upload_to="network/", blank=True)
    primary_colour = models.CharField(_("primary colour"), max_length=7, default="#1d4f91", validators=[hex_colour])
    accent_colour = models.CharField(_("accent colour"), max_length=7, default="#b8336a", validators=[hex_colour])
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, default=Country.FRANCE)
    region = models.CharField(_("region"), max_length=120, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Paris", validators=[validate_time_zone]
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    legal_notice_en = models.TextField(_("legal notice (English)"), blank=True)
    legal_notice_fr = models.TextField(_("legal notice (French)"), blank=True)
    accessibility_statement_en = models.TextField(_("accessibility statement (English)"), blank=True)
    accessibility_statement_fr = models.TextField(_("accessibility statement (French)"), blank=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("network")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="network_is_a_singleton")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.id = 1
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    def clean(self):
        super().clean()
        for field in ("primary_colour", "accent_colour"):
            value = getattr(self, field)
            if re.fullmatch(r"#[0-9a-fA-F]{6}", value or "") and contrast_ratio(value, "#ffffff") < 4.5:
                raise ValidationError(
                    {field: _("This colour is too light: white text on it must reach a contrast ratio of 4.5:1.")}
                )

    @classmethod
    def load(cls) -> "Network":
        """The singleton, from the cache when possible (read on every page)."""
        network = cache.get(cls.CACHE_KEY)
        if network is None:
            # The row is created by a migration; reading never writes (GET requests have no side effects).
            try:
                network = cls.objects.filter(id=1).first() or cls(id=1)
            except DatabaseError:
                # The database is down: pages (the error page, /healthz) still render with the defaults.
                logger.warning("Network settings unreadable; using defaults for this request")
                return cls(id=1)
            cache.set(cls.CACHE_KEY, network, 300)
        return network

    @property
    def display_name(self):
        return self.short_name or self.name

    @property
    def tagline(self):
        return localized(self, "tagline")

    @property
    def legal_notice(self):
        return localized(self, "legal_notice")

    @property
    def accessibility_statement(self):
        return localized(self, "accessibility_statement")

    @property
    def theme_version(self) -> str:
        return str(int(self.updated_at.timestamp())) if self.updated_at else "0"


class PrivacyNoticeQuerySet(models.QuerySet):
    def current(self):
        return self.filter(published_at__lte=timezone.now()).order_by("-published_at", "-version").first()


class PrivacyNotice(TimeStampedModel):
    """A published version of the privacy notice. Versions are kept: forms record which one a person saw."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    body_en = models.TextField(_("text (English)"))
    body_fr = models.TextField(_("text (French)"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)

    objects = PrivacyNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("privacy notice version")
        verbose_name_plural = _("privacy notice versions")
        ordering = ["-version"]
        constraints = [models.CheckConstraint(condition=models.Q(version__gte=1), name="privacy_notice_version_gte_1")]

    def __str__(self):
        return _("Privacy notice v%(version)s") % {"version": self.version}

    @property
    def body(self):
        return localized(self, "body")


class NetworkStaff(TimeStampedModel):
    """A member of the network team. Network managers act network-wide; office managers on their office."""

    class Role(models.TextChoices):
        NETWORK_MANAGER = "network_manager", _("Network manager")
        OFFICE_MANAGER = "office_manager", _("Office manager")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_staff", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    office = models.ForeignKey(
        "Office",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("office"),
        help_text=_("The office an office manager works for; network managers may belong to one too."),
    )

    class Meta:
        verbose_name = _("network staff member")
        verbose_name_plural = _("network staff")
        ordering = ["user__email"]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


# --- Outbox ---------------------------------------------------------------------------------------------------------


class OutboxMessage(models.Model):
    """A mail waiting to be sent, written in the same transaction as the change that causes it.

    A relay task sends pending rows; a broker or SMTP outage only delays them (retried with backoff).
    ``dedup_key`` makes enqueueing the same notification twice a no-op.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    dedup_key = models.CharField(_("deduplication key"), max_length=200, unique=True)
    to = models.JSONField(_("recipients"), default=list)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("message text"))
    body_html = models.TextField(_("message HTML"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"], condition=models.Q(status="pending"), name="outbox_pending_due_idx"
            )
        ]

    def __str__(self):
        return f"{self.subject} [{self.get_status_display()}]"


# --- Login throttling -----------------------------------------------------------------------------------------------


class LoginFailure(models.Model):
    """One failed login, counted per account (a keyed hash of the email) and per client IP.

    Kept in the database so every web process sees the same counts, with or without Redis.
    """

    account_key = models.CharField(_("account key"), max_length=64)
    ip_address = models.GenericIPAddressField(_("IP address"))
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")
        indexes = [
            models.Index(fields=["account_key", "created_at"], name="loginfailure_account_idx"),
            models.Index(fields=["ip_address", "created_at"], name="loginfailure_ip_idx"),
        ]

    def __str__(self):
        return f"{self.account_key[:8]}… {self.ip_address} {self.created_at:%Y-%m-%d %H:%M}"


# --- Geography: territories and offices -----------------------------------------------------------------------------


def search_key(text: str) -> str:
    """Accent-, case- and punctuation-insensitive form of a name: "Saint-Jean-de-Braye" → "saint jean de braye"."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text or "")
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    cleaned = re.sub(r"[^0-9a-z]+", " ", without_accents.lower().replace("œ", "oe").replace("æ", "ae"))
    return " ".join(cleaned.split())


class SecondFactorFailure(models.Model):
    """One wrong second-factor code, counted per account in the database (AU-5): allauth's own count is in the
    cache, which fails open while Redis is down (RE-8). Not counted per IP: the password step's IP pause is for
    password guessing, and a wrong code proves the password was right."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("account")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("wrong second-factor code")
        verbose_name_plural = _("wrong second-factor codes")
        indexes = [models.Index(fields=["user", "created_at"], name="secondfactorfailure_user_idx")]

    def __str__(self):
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"


class TerritoryQuerySet(models.QuerySet):
    def regions(self):
        return self.filter(level=Territory.Level.REGION)

    def departements(self):
        return self.filter(level=Territory.Level.DEPARTEMENT)

    def communes(self):
        return self.filter(level=Territory.Level.COMMUNE)

    def with_postcode(self, postcode: str):
        return self.filter(postcodes__contains=[postcode])

    def main_commune_of(self, postcode: str):
        """The main commune of a postcode: the most populous commune carrying it (ties: the lower INSEE code).

        La Poste names each postcode after one commune (its "libellé d'acheminement", "PITHIVIERS" for 45300), but the
        committed data and the INSEE file carry no such label; the most populous commune stands in for it: Pithiviers
        for 45300, Olivet for 45160, Orléans for 45000."""
        return (
            Territory.objects.communes()
            .with_postcode(postcode)
            .order_by(models.F("population").desc(nulls_last=True), "code")
        )[:1]

    def ranked(self, *, name_key: str = "", postcode: str = ""):
        """Best match first: the exact name, then the postcode's main commune, then names starting with the words
        typed, then the rest by name. One ranking for every commune field and the public finder."""
        rules = []
        if name_key:
            rules.append(models.When(search_name=name_key, then=0))
        if postcode:
            rules.append(models.When(pk=models.Subquery(self.main_commune_of(postcode).values("pk")), then=1))
        if name_key:
            rules.append(models.When(search_name__startswith=name_key, then=2))
        rank = models.Case(*rules, default=3, output_field=models.IntegerField()) if rules else models.Value(3)
        return self.annotate(rank=rank).order_by("rank", "search_name", "code")


class Territory(TimeStampedModel):
    """An official territory: région > département > commune, keyed by its INSEE code."""

    class Level(models.TextChoices):
        REGION = "region", _("Region")
        DEPARTEMENT = "departement", _("Département")
        COMMUNE = "commune", _("Commune")

    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    code = models.CharField(_("official code"), max_length=5, help_text=_("INSEE code, e.g. 45234 or 2A004."))
    name = models.CharField(_("name"), max_length=150)
    search_name = models.CharField(max_length=150, editable=False, db_index=True)
    postcodes = ArrayField(models.CharField(max_length=5), default=list, blank=True, verbose_name=_("postcodes"))
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent")
    )

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["level", *by_name("name"), "code"]
        constraints = [
            models.UniqueConstraint(fields=["level", "code"], name="territory_level_code_unique"),
            models.CheckConstraint(
                condition=models.Q(level="region") | models.Q(parent__isnull=False),
                name="territory_below_region_has_parent",
            ),
        ]
        indexes = [GinIndex(fields=["postcodes"], name="territory_postcodes_gin")]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs):
        self.search_name = search_key(self.name)
        super().save(*args, **kwargs)


class Office(TimeStampedModel):
    """A local office of the network team. It covers départements and may take over single communes.

    Every commune resolves to exactly one office: an override for the commune, else the office covering its
    département, else the head office (``network.offices.office_for_commune``).
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    is_head_office = models.BooleanField(
        _("head office"), default=False, help_text=_("Covers every commune no other office covers.")
    )
    address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    opening_hours_en = models.TextField(_("opening hours (English)"), blank=True)
    opening_hours_fr = models.TextField(_("opening hours (French)"), blank=True)
    departements = models.ManyToManyField(
        Territory, through="OfficeDepartement", related_name="offices", blank=True, verbose_name=_("départements")
    )

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["-is_head_office", *by_name("name")]
        constraints = [
            models.UniqueConstraint(
                fields=["is_head_office"], condition=models.Q(is_head_office=True), name="office_one_head_office"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def opening_hours(self):
        return localized(self, "opening_hours")


class OfficeDepartement(TimeStampedModel):
    """An office covers a whole département; a département belongs to one office at most."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="departement_links", verbose_name=_("office")
    )
    departement = models.OneToOneField(
        Territory,
        on_delete=models.PROTECT,
        related_name="office_link",
        limit_choices_to={"level": "departement"},
        verbose_name=_("département"),
    )

    class Meta:
        verbose_name = _("covered département")
        verbose_name_plural = _("covered départements")
        ordering = ["departement__code"]

    def __str__(self):
        return f"{self.office} → {self.departement}"


class OfficeCommune(TimeStampedModel):
    """A single commune handled by another office than the one covering its département."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="commune_overrides", verbose_name=_("office")
    )
    commune = models.OneToOneField(
        Territory,
        on_delete=models.PROTECT,
        related_name="office_override",
        limit_choices_to={"level": "commune"},
        verbose_name=_("commune"),
    )

    class Meta:
        verbose_name = _("commune handled by another office")
        verbose_name_plural = _("communes handled by another office")
        ordering = by_name("commune__name")

    def __str__(self):
        return f"{self.commune} → {self.office}"


# --- Expertise themes -----------------------------------------------------------------------------------------------


class Theme(TimeStampedModel):
    """A field of expertise (financing, export...), in a two-level tree. Services and advisors are tagged with them."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "slug"]
        constraints = [models.CheckConstraint(condition=~models.Q(parent=models.F("id")), name="theme_not_own_parent")]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized(self, "name")

    @property
    def description(self):
        return localized(self, "description")


# --- Audit trail ----------------------------------------------------------------------------------------------------


class _LogEntry(models.Model):
    """What the change history and the access log share: when, who (a bare id), what, on which object."""

    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=40)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+", verbose_name=_("kind of object")
    )

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.content_type_id}:{self.object_id}"


class AuditEntry(_LogEntry):
    """Who changed what, when. Values are masked or keyed hashes, never plain personal data.

    Append-only: a database trigger refuses UPDATE and DELETE except inside the purge service
    (``network.audit``). ``actor_id`` is a bare id, not a foreign key, so deleting a person never rewrites history.
    """

    object_id = models.CharField(_("object"), max_length=64)
    changed_fields = models.JSONField(_("changed fields"), default=list, blank=True)
    values = models.JSONField(_("values"), default=dict, blank=True)

    class Meta(_LogEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"], name="audit_object_idx")]


class AccessLog(_LogEntry):
    """Who viewed or exported which personal data. Append-only like ``AuditEntry``; purged after 12 months."""

    object_id = models.CharField(_("object"), max_length=64, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta(_LogEntry.Meta):
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"], name="accesslog_object_idx")]

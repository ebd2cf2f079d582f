"""The demo member organisations, their services and conventions (Centre-Val de Loire), seeded by ``seed_demo``.

Everything here is fictional: names, SIRENs (valid check digits, derived from the slug), people, phone numbers.
Nothing is random, so the demo is the same on every machine; convention dates are relative to ``today`` so that
the demo always shows every convention status (active, expiring, lapsed, draft, scheduled).

Idempotent: organisations are keyed by slug, services by (organisation, French title), conventions by
(organisation, version). Running it again creates only what is missing and never changes existing rows.
"""

import zlib
from datetime import date, timedelta
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone
from stdnum import luhn

from demo.data import load
from demo.people import seed_crowd
from members.models import (
    Advisor,
    Affiliation,
    CodeOfConduct,
    CodeOfConductSignature,
    Convention,
    MemberOrganisation,
    Service,
)
from network.models import Territory, Theme, User

Kind = MemberOrganisation.Kind
Stage = Service.Stage
Cost = Service.Cost

ALL_DEPARTEMENTS = ("45", "18", "28", "36", "37", "41")
DATA = load("members")
# code: (French "in ...", English name)
DEPARTEMENT_NAMES = DATA["departement_names"]
PHONE_PREFIXES = DATA["phone_prefixes"]
PREVIOUS_SIGNATORY = DATA["previous_signatory"]


class DemoService(NamedTuple):
    title_fr: str
    title_en: str
    description_fr: str
    description_en: str
    themes: tuple[str, ...]
    stages: tuple[str, ...]
    cost: str
    access: str  # a key of ACCESS
    is_public: bool = True
    dates: tuple[int, int] | None = None  # (starts_on, ends_on) in days from today


class DemoOrganisation(NamedTuple):
    slug: str
    name: str
    kind: str
    departements: tuple[str, ...]  # the first one holds the address
    street: str
    postcode: str
    town: str
    themes: tuple[str, ...]
    description_fr: str
    description_en: str
    services: tuple[str, ...]  # keys of SERVICES
    signatory: tuple[str, str]
    convention: str = "active"  # a key of CONVENTION_PLANS


# How to reach a service: (French, English); {phone}, {email} and {website} are the organisation's.
ACCESS = DATA["access"]
# The services catalogue, by key; {in_fr} / {in_en} name the territories of the organisation offering it.
SERVICES = {key: DemoService(**service) for key, service in DATA["services"].items()}
ORGANISATIONS = [DemoOrganisation(**organisation) for organisation in DATA["organisations"]]


# --- Derived, deterministic values -----------------------------------------------------------------------------------


def _fingerprint(slug: str) -> int:
    return zlib.crc32(slug.encode())


def demo_siren(slug: str) -> str:
    """A fictional but valid SIREN: eight digits derived from the slug, then the Luhn check digit."""
    body = str(10_000_000 + _fingerprint(slug) % 90_000_000)
    return body + luhn.calc_check_digit(body)


def demo_phone(demo: DemoOrganisation) -> str:
    number = _fingerprint(demo.slug)
    prefix = PHONE_PREFIXES[demo.departements[0]]
    return f"{prefix} {number % 90 + 10:02d} {number // 100 % 100:02d} {number // 10_000 % 100:02d}"


def _area(codes: tuple[str, ...]) -> tuple[str, str]:
    """Where an organisation works, to fill ``{in_fr}`` / ``{in_en}``."""
    if set(codes) == set(ALL_DEPARTEMENTS):
        return "en Centre-Val de Loire", "Centre-Val de Loire"
    french = [DEPARTEMENT_NAMES[code][0] for code in codes]
    english = [DEPARTEMENT_NAMES[code][1] for code in codes]
    if len(codes) == 1:
        return french[0], english[0]
    return ", ".join(french[:-1]) + " et " + french[-1], ", ".join(english[:-1]) + " and " + english[-1]


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _first_of_next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _three_years_from(start: date) -> date:
    return add_years(start, 3) - timedelta(days=1)


def _three_years_until(end: date) -> date:
    return add_years(end + timedelta(days=1), -3)


def convention_plan(demo: DemoOrganisation, today: date) -> list[dict]:
    """The conventions of one organisation, by version; dates relative to ``today``."""
    name, role = demo.signatory
    previous_name, previous_role = PREVIOUS_SIGNATORY
    scenario = demo.convention

    def signed(version, valid_from, valid_until, signed_on="default", who=(name, role)):
        if signed_on == "default":
            signed_on = valid_from - timedelta(days=14)
        return {
            "version": version,
            "signatory_name": who[0],
            "signatory_role": who[1],
            "signed_on": signed_on,
            "valid_from": valid_from,
            "valid_until": valid_until,
        }

    if scenario == "active":
        # Signed between 380 and 699 days ago, for three years: more than a year left, never "expiring".
        signed_on = today - timedelta(days=380 + _fingerprint(demo.slug) % 320)
        valid_from = signed_on + timedelta(days=14)
        return [signed(1, valid_from, _three_years_from(valid_from))]
    if scenario == "expiring":
        valid_until = today + timedelta(days=25)
        return [signed(1, _three_years_until(valid_until), valid_until)]
    if scenario == "lapsed":
        valid_until = today - timedelta(days=45)
        return [signed(1, _three_years_until(valid_until), valid_until)]
    if scenario == "renewed":
        renewed_from = today - timedelta(days=186)
        return [
            signed(1, add_years(renewed_from, -3), renewed_from - timedelta(days=1), who=PREVIOUS_SIGNATORY),
            signed(2, renewed_from, _three_years_from(renewed_from)),
        ]
    if scenario == "scheduled":
        v1_until = today - timedelta(days=20)
        starts = _first_of_next_month(today)
        return [
            signed(1, _three_years_until(v1_until), v1_until, who=(previous_name, previous_role)),
            signed(2, starts, _three_years_from(starts), signed_on=today - timedelta(days=10)),
        ]
    if scenario == "draft":
        starts = _first_of_next_month(today)
        return [signed(1, starts, _three_years_from(starts), signed_on=None)]
    raise ValueError(f"Unknown convention scenario {scenario!r}")


# --- Seeding --------------------------------------------------------------------------------------------------------


def seed_members(today: date | None = None) -> int:
    """Create the demo organisations, services and conventions that are missing; return how many rows."""
    today = today or timezone.localdate()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    departements = {territory.code: territory for territory in Territory.objects.departements()}
    created = 0
    with transaction.atomic():
        for demo in ORGANISATIONS:
            organisation, organisation_created = _seed_organisation(demo, themes, departements)
            created += int(organisation_created)
            created += _seed_services(organisation, demo, themes, departements, today)
            created += _seed_conventions(organisation, demo, today)
    return created


def _seed_organisation(demo: DemoOrganisation, themes, departements) -> tuple[MemberOrganisation, bool]:
    organisation = MemberOrganisation.objects.filter(slug=demo.slug).first()
    if organisation is not None:
        return organisation, False
    siren = demo_siren(demo.slug)
    if MemberOrganisation.objects.filter(registration_number=siren).exists():  # taken by a real organisation
        siren = ""
    organisation = MemberOrganisation.objects.create(
        slug=demo.slug,
        name=demo.name,
        kind=demo.kind,
        registration_number=siren,
        website=f"https://{demo.slug}.example",
        description_fr=demo.description_fr,
        description_en=demo.description_en,
        contact_email=f"contact@{demo.slug}.example",
        contact_phone=demo_phone(demo),
        address=f"{demo.street}\n{demo.postcode} {demo.town}",
    )
    organisation.themes.set([themes[slug] for slug in demo.themes if slug in themes])
    organisation.territories.set([departements[code] for code in demo.departements if code in departements])
    return organisation, True


def _seed_services(organisation, demo: DemoOrganisation, themes, departements, today: date) -> int:
    existing = set(Service.objects.filter(organisation=organisation).values_list("title_fr", flat=True))
    in_fr, in_en = _area(demo.departements)
    contact = {"phone": demo_phone(demo), "email": organisation.contact_email, "website": organisation.website}
    created = 0
    for key in demo.services:
        template = SERVICES[key]
        if template.title_fr in existing:
            continue
        access_fr, access_en = ACCESS[template.access]
        starts_on = ends_on = None
        if template.dates:
            starts_on, ends_on = (today + timedelta(days=offset) for offset in template.dates)
        service = Service.objects.create(
            organisation=organisation,
            title_fr=template.title_fr,
            title_en=template.title_en,
            description_fr=template.description_fr.format(in_fr=in_fr),
            description_en=template.description_en.format(in_en=in_en),
            how_to_access_fr=access_fr.format(**contact),
            how_to_access_en=access_en.format(**contact),
            stages=list(template.stages),
            cost=template.cost,
            is_public=template.is_public,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        service.themes.set([themes[slug] for slug in template.themes if slug in themes])
        service.territories.set([departements[code] for code in demo.departements if code in departements])
        existing.add(template.title_fr)
        created += 1
    return created


def _seed_conventions(organisation, demo: DemoOrganisation, today: date) -> int:
    existing = set(Convention.objects.filter(organisation=organisation).values_list("version", flat=True))
    created = 0
    for values in convention_plan(demo, today):
        if values["version"] in existing:
            continue
        Convention.objects.create(organisation=organisation, **values)
        created += 1
    return created


# Demo logins of this app, printed by ``make run`` (password: demo.management.commands.seed_demo.DEMO_PASSWORD).
DEMO_LOGINS = [
    ("advisor@demo.example", "advisor at CCI Loiret (démo), code of conduct countersigned"),
    ("advisor-nocode@demo.example", "advisor at CCI Loiret (démo), signature awaiting countersignature"),
    ("referent@demo.example", "referent of CCI Loiret (démo): countersigns, invites, keeps the profile"),
]
_DEMO_PEOPLE = [
    ("advisor@demo.example", "Léa Fournier", "Conseillère création d'entreprise", Affiliation.Role.ADVISOR),
    ("advisor-nocode@demo.example", "Yanis Robert", "Chargé d'affaires export", Affiliation.Role.ADVISOR),
    ("referent@demo.example", "Marc Dubois", "Directeur du développement économique", Affiliation.Role.REFERENT),
    ("referent2@demo.example", "Claire Petit", "Directrice générale", Affiliation.Role.REFERENT),
]
CODE_FR, CODE_EN = DATA["code_of_conduct"]["v1"]["fr"], DATA["code_of_conduct"]["v1"]["en"]
# Version 2 adds a fifth article.
CODE_V2_FR = CODE_FR + DATA["code_of_conduct"]["v2_adds"]["fr"]
CODE_V2_EN = CODE_EN + DATA["code_of_conduct"]["v2_adds"]["en"]


def seed_codes_of_conduct() -> list[CodeOfConduct]:
    """Version 1, published a year ago, and version 2, published last month (so "signed an earlier version"
    exists in the demo); oldest first."""
    now = timezone.now()
    codes = []
    for version, text_en, text_fr, age in ((1, CODE_EN, CODE_FR, 400), (2, CODE_V2_EN, CODE_V2_FR, 45)):
        code, _created = CodeOfConduct.objects.get_or_create(
            version=version,
            defaults={"text_en": text_en, "text_fr": text_fr, "published_at": now - timedelta(days=age)},
        )
        codes.append(code)
    return codes


def seed_code_of_conduct(people: dict, codes: list[CodeOfConduct]) -> int:
    """Every demo login signed every version; all countersigned except advisor-nocode's latest signature."""

    countersigners = {
        "advisor@demo.example": "referent@demo.example",
        "referent@demo.example": "referent2@demo.example",
        "referent2@demo.example": "referent@demo.example",
        "advisor-nocode@demo.example": None,
    }
    created = 0
    for code in codes:
        latest = code == codes[-1]
        for email, countersigner in countersigners.items():
            advisor, organisation = people.get(email, (None, None))
            if advisor is None or CodeOfConductSignature.objects.filter(advisor=advisor, code=code).exists():
                continue
            if countersigner is None and not latest:
                countersigner = "referent@demo.example"
            signed_at = code.published_at + timedelta(days=2)
            CodeOfConductSignature.recorded(
                advisor=advisor,
                code=code,
                organisation=organisation,
                language="fr",
                signed_at=signed_at,
                countersigned_by=people[countersigner][0].user if countersigner else None,
                countersigned_at=signed_at + timedelta(days=1),
            ).save()
            created += 1
    return created


def seed_people(password: str) -> int:
    """The demo logins of the demo chamber of commerce (with the demo password), then the crowd of colleagues."""
    organisation = MemberOrganisation.objects.filter(slug="cci-loiret-demo").first()
    if organisation is None:
        return 0
    created = 0
    people = {}
    for email, full_name, job_title, role in _DEMO_PEOPLE:
        user, user_created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
        if user_created:
            user.set_password(password)
            user.save(update_fields=["password"])
            created += 1
        advisor, advisor_created = Advisor.objects.get_or_create(user=user, defaults={"job_title": job_title})
        _affiliation, affiliation_created = Affiliation.objects.get_or_create(
            advisor=advisor,
            organisation=organisation,
            ended_on=None,
            defaults={"role": role, "started_on": timezone.localdate() - timedelta(days=4 * 365)},
        )
        created += int(advisor_created) + int(affiliation_created)
        people[email] = (advisor, organisation)
    codes = seed_codes_of_conduct()
    return created + seed_code_of_conduct(people, codes) + seed_crowd(codes)


def seed() -> int:
    """The members app's part of ``manage.py seed_demo``."""
    from demo.management.commands.seed_demo import DEMO_PASSWORD

    return seed_members() + seed_people(DEMO_PASSWORD)

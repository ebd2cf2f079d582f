"""The demo companies, the people met there and three years of contacts logged by the demo organisations, seeded by
``manage.py seed_demo`` after the members app (it needs its organisations, services and advisors).

What it creates (all fictional; SIRENs and SIRETs have valid check digits, phone numbers are in the ranges ARCEP
keeps for fiction, web and mail addresses end in ``.example``):

- about 2,000 companies across the région's communes, weighted by population (farms spread over rural communes,
  software firms and consultancies favour the cities), each with a trade-consistent name and NAF code, legal form,
  size band, creation date, stage and sometimes a website and an establishment SIRET; and 21 project holders
  without a number ("Projet de micro-brasserie à Tours");
- people for about half of them, mostly held on legitimate interest, some on documented consent;
- about 10,000 interactions over the last three years, each by an advisor working for the organisation it is
  logged for, about services of that organisation's catalogue, with short French summaries; about 8% confidential.
  Most companies have 0 to 5, a few dozen have 20 to 50.

The busiest company is **Bâtiments Durand Frères** (Orléans, SIREN 382 614 733): about 400 contacts by most
organisations, several in the last 90 days, confidential ones among them — its page and timeline show the
"already in contact" warning. ``advisor@demo.example`` (CCI Loiret (démo)) has a few dozen contacts of their own,
some recent, with Durand Frères among them.

Deterministic: one ``random.Random(SEED)`` draws the whole plan, in a fixed order over rows sorted by stable keys
(commune code, organisation slug, advisor email, theme slug); dates are relative to today. Idempotent: companies
are keyed by SIREN, project holders by their email; people and interactions are created only with the companies
created in the same run, so a second run creates nothing. Fast: batched bulk inserts, the many-to-many rows
included; no signals, no audit or access-log rows (seeded rows are nobody's action).

Simplification: interactions go back three years whatever the advisor's affiliation start date and the
organisation's first convention (the demo affiliations and conventions are recent), but never after an
organisation's last convention ended, and none for an organisation whose convention has not started.
"""

import bisect
import itertools
import random
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from stdnum import luhn

from demo import companies_texts as texts
from demo.members import ORGANISATIONS, demo_siren
from members.models import Affiliation, Convention, MemberOrganisation, Service
from network.models import Territory, Theme
from network.sectors import section_of
from referrals.models import Company, CompanyContact, Interaction
from referrals.services import ALREADY_IN_CONTACT_DAYS

SEED = 2026
HISTORY_DAYS = 3 * 365
RECENT_DAYS = ALREADY_IN_CONTACT_DAYS  # the "already in contact" warning looks back this far
BATCH_SIZE = 2000

REGULAR_COMPANIES = 1980
BUSY_COMPANIES = 40  # 20 to 50 interactions each
# Interactions of an ordinary company: 0 to 14, most 0 to 5.
INTERACTION_COUNT_WEIGHTS = (10, 13, 13, 12, 10, 9, 7, 6, 5, 4, 3, 3, 2, 2, 1)

BUSIEST_NAME = "Bâtiments Durand Frères"
BUSIEST_SIREN = "382614733"
BUSIEST_INTERACTIONS = 390
BUSIEST_PEOPLE = (
    ("Philippe Durand", "Président", "legitimate_interest"),
    ("Laurent Durand", "Directeur général délégué", "consent"),
    ("Sandrine Moreau", "Responsable administrative et financière", "legitimate_interest"),
)
DEMO_ORGANISATION = "cci-loiret-demo"
DEMO_ADVISOR = "advisor@demo.example"
DEMO_ADVISOR_MINIMUM = 30  # interactions of their own
DEMO_ADVISOR_RECENT = 6  # of which in the last RECENT_DAYS
# The demo logins of CCI Loiret (démo) do not log as much as each other.
LOGIN_WEIGHTS = {
    DEMO_ADVISOR: 0.5,
    "referent@demo.example": 1.5,
    "advisor-nocode@demo.example": 1.5,
    "referent2@demo.example": 1,
}

SIZE_BANDS = [band.value for band in Company.SizeBand]
CHANNELS = [channel.value for channel in Interaction.Channel]
# Channel weights (meeting, phone, email, event, visit, video): a first contact, a follow-up.
FIRST_CHANNEL_WEIGHTS = (34, 24, 10, 8, 12, 12)
FOLLOW_UP_CHANNEL_WEIGHTS = (20, 32, 28, 0, 5, 15)
MINUTES = {
    "meeting": (45, 120),
    "phone": (10, 45),
    "email": (5, 30),
    "event": (15, 60),
    "visit": (60, 240),
    "video": (30, 90),
}
EPISODE_LENGTHS = (1, 2, 3, 4, 5)
EPISODE_LENGTH_WEIGHTS = (45, 25, 15, 10, 5)


# --- What the members app seeded ------------------------------------------------------------------------------------


@dataclass
class Commune:
    pk: int
    name: str
    departement: str
    population: int


@dataclass
class Organisation:
    pk: int
    slug: str
    name: str
    kind: str
    departements: frozenset
    theme_slugs: tuple
    last_day: date  # no interaction after it (a lapsed convention)
    advisors: list = field(default_factory=list)  # (advisor pk, email, sectors)
    services: list = field(default_factory=list)  # (service pk, theme slugs, stages)


@dataclass
class Context:
    today: date
    communes: list
    communes_by_name: dict
    cumulative_weights: dict  # placement -> cumulative weights over communes
    themes: dict  # slug -> (pk, parent slug or None, French name)
    sub_themes: dict  # parent slug -> [child slugs]
    organisations: list
    taken_numbers: set


def _load(today: date) -> Context | None:
    communes = [
        Commune(pk, name, departement or "", population or 0)
        for pk, name, departement, population in Territory.objects.communes()
        .order_by("code")
        .values_list("pk", "name", "parent__code", "population")
    ]
    if not communes:
        return None
    populations = [max(commune.population, 150) for commune in communes]
    weights = {
        "rural": [1.0] * len(communes),
        "town": [float(population) for population in populations],
        "city": [population**1.25 for population in populations],
    }
    themes = {
        slug: (pk, parent, name_fr)
        for slug, pk, parent, name_fr in Theme.objects.order_by("slug").values_list(
            "slug", "pk", "parent__slug", "name_fr"
        )
    }
    sub_themes = {}
    for slug, (_pk, parent, _name) in themes.items():
        if parent:
            sub_themes.setdefault(parent, []).append(slug)
    organisations = _organisations(today)
    if not organisations or not themes:
        return None
    taken = {demo_siren(demo.slug) for demo in ORGANISATIONS}
    taken |= set(
        MemberOrganisation.objects.exclude(registration_number="").values_list("registration_number", flat=True)
    )
    return Context(
        today=today,
        communes=communes,
        communes_by_name={commune.name: commune for commune in communes},
        cumulative_weights={key: list(itertools.accumulate(values)) for key, values in weights.items()},
        themes=themes,
        sub_themes=sub_themes,
        organisations=organisations,
        taken_numbers=taken,
    )


def _organisations(today: date) -> list[Organisation]:
    """Organisations with someone working there today, and a convention that has started."""
    all_departements = frozenset(Territory.objects.departements().values_list("code", flat=True))
    last_days = {}
    for organisation_id, valid_from, valid_until in Convention.objects.signed().values_list(
        "organisation_id", "valid_from", "valid_until"
    ):
        if valid_from <= today:
            last_days[organisation_id] = max(last_days.get(organisation_id, valid_until), min(valid_until, today))
    organisations = {}
    for organisation in MemberOrganisation.objects.order_by("slug").prefetch_related("themes", "territories"):
        if organisation.pk not in last_days:
            continue
        departements = set()
        for territory in organisation.territories.all():
            if territory.level == Territory.Level.REGION:
                departements |= all_departements
            elif territory.level == Territory.Level.DEPARTEMENT:
                departements.add(territory.code)
        organisations[organisation.pk] = Organisation(
            pk=organisation.pk,
            slug=organisation.slug,
            name=organisation.name,
            kind=organisation.kind,
            departements=frozenset(departements or all_departements),
            theme_slugs=tuple(sorted(theme.slug for theme in organisation.themes.all())),
            last_day=last_days[organisation.pk],
        )
    for organisation_id, advisor_id, email, sectors in (
        Affiliation.objects.current()
        .filter(organisation_id__in=organisations, advisor__user__is_active=True)
        .order_by("organisation_id", "advisor__user__email")
        .values_list("organisation_id", "advisor_id", "advisor__user__email", "advisor__sectors")
    ):
        organisations[organisation_id].advisors.append((advisor_id, email, frozenset(sectors or ())))
    services = Service.objects.filter(organisation_id__in=organisations, is_published=True).order_by("title_fr", "pk")
    for service in services.prefetch_related("themes"):
        slugs = tuple(sorted(theme.slug for theme in service.themes.all()))
        organisations[service.organisation_id].services.append((service.pk, slugs, tuple(service.stages)))
    return [organisation for organisation in organisations.values() if organisation.advisors]


# --- The plan -------------------------------------------------------------------------------------------------------


@dataclass
class PlannedCompany:
    company: Company
    family: str
    interactions: int
    contacts: list = field(default_factory=list)  # CompanyContact
    organisations: list = field(default_factory=list)  # (Organisation, weight, main advisor)
    key: str = ""  # SIREN, or the project holder's email


@dataclass
class PlannedInteraction:
    planned: PlannedCompany
    interaction: Interaction
    contacts: list
    theme_slugs: list
    service_pks: list


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "-")


def _de(town: str) -> str:
    """How a name says "of" a commune: "de Blois", "d'Orléans", "du Blanc", "des Aix-d'Angillon"."""
    if town.startswith("Le "):
        return "du " + town[3:]
    if town.startswith("Les "):
        return "des " + town[4:]
    if _ascii(town[:1]) in "aeiouyh":
        return "d'" + town
    return "de " + town


def _in(town: str) -> str:
    if town.startswith("Le "):
        return "au " + town[3:]
    if town.startswith("Les "):
        return "aux " + town[4:]
    return "à " + town


def _siren(rng: random.Random, founded: date, taken: set) -> str:
    """Older companies have numbers starting with 3 or 4, recent ones with 8 or 9, as in the real register."""
    year = founded.year
    heads = "3" if year < 1983 else "4" if year < 1998 else "45" if year < 2008 else "78" if year < 2016 else "89"
    while True:
        body = rng.choice(heads) + f"{rng.randrange(10_000_000):07d}"
        number = body + luhn.calc_check_digit(body)
        if number not in taken:
            taken.add(number)
            return number


def _siret(rng: random.Random, siren: str) -> str:
    body = siren + f"{rng.choice((1, 1, 2, 3, 4, 5, 12, 21, 34)):04d}"
    return body + luhn.calc_check_digit(body)


def _brand(rng: random.Random, family: str) -> str:
    """A coined name; English-sounding ones ("Loire Data") only for software and services firms."""
    if family not in ("tech", "services") or rng.random() < 0.5:
        head, tail = rng.choice(texts.BRAND_HEADS), rng.choice(texts.BRAND_TAILS)
        if head[-1] in "aeiouy" and tail[0] in "aeiouy":
            tail = tail[1:]
        return head + tail
    first, second = texts.BRAND_WORDS
    return f"{rng.choice(first)} {rng.choice(second)}"


def _founded(rng: random.Random, family: str, today: date) -> date:
    oldest = 1950 if family in ("agri", "craft", "building", "industry") else 1975
    years = list(range(oldest, today.year + 1))
    weights = [1 + (year - oldest) * 0.06 + (2.0 if year >= today.year - 3 else 0) for year in years]
    year = rng.choices(years, weights)[0]
    founded = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    return min(founded, today - timedelta(days=30 + rng.randrange(200)))


def _stage(rng: random.Random, family: str, founded: date, size: str, today: date) -> str:
    age = (today - founded).days / 365
    if rng.random() < 0.04:
        return ""
    if age < 2:
        return Company.Stage.CREATION
    if age > 25 and rng.random() < 0.35:
        return Company.Stage.TRANSMISSION
    if family in ("tech", "industry", "agrifood", "energy") and size not in ("0", "1-9") and rng.random() < 0.35:
        return Company.Stage.SCALE_UP
    return Company.Stage.GROWTH


def _person(rng: random.Random) -> tuple[str, str, bool]:
    first = rng.choice(texts.FIRST_NAMES)
    last = rng.choice(texts.LAST_NAMES)
    return first, last, first in texts.FEMININE_FIRST_NAMES


def _phone(rng: random.Random) -> str:
    prefix = rng.choice(("02 61 91", "06 39 98"))
    number = rng.randrange(10_000)
    return f"{prefix} {number // 100:02d} {number % 100:02d}"


def _plan_company(rng, context, trade, names_seen) -> PlannedCompany:
    today = context.today
    code, patterns = rng.choice(trade.variants)
    index = bisect.bisect_left(
        context.cumulative_weights[trade.placement], rng.random() * context.cumulative_weights[trade.placement][-1]
    )
    commune = context.communes[min(index, len(context.communes) - 1)]
    for _attempt in range(20):
        first, last, _feminine = _person(rng)
        name = rng.choice(patterns).format(
            last=last,
            first=first,
            town=commune.name,
            de_town=_de(commune.name),
            place=rng.choice(texts.PLACES),
            inn=rng.choice(texts.INNS),
            brand=_brand(rng, trade.family),
        )
        if (name.lower(), commune.pk) not in names_seen and "durand frères" not in name.lower():
            break
    names_seen.add((name.lower(), commune.pk))
    head = name.split(" ", 1)[0]
    legal_form = head if head in texts.FARM_FORMS else rng.choices(list(trade.forms), list(trade.forms.values()))[0]
    if legal_form in ("EI", "EURL", "SASU"):
        size = rng.choices(SIZE_BANDS, (6, 5, 1, 0, 0))[0]
    else:
        size = rng.choices(SIZE_BANDS, trade.sizes)[0]
    founded = _founded(rng, trade.family, today)
    siren = _siren(rng, founded, context.taken_numbers)
    website = ""
    if rng.random() < trade.website:
        website = f"https://www.{slugify(name)[:60].strip('-')}.example"
    company = Company(
        registration_number=siren,
        establishment_number=_siret(rng, siren) if rng.random() < 0.45 else "",
        name=name,
        legal_form=legal_form,
        activity_code=code,
        sector=section_of(code) or "",
        size_band=size,
        founded_on=founded,
        commune_id=commune.pk,
        stage=_stage(rng, trade.family, founded, size, today),
        website=website,
    )
    company.departement = commune.departement
    company.town = commune.name
    return PlannedCompany(company=company, family=trade.family, interactions=0, key=siren)


def _plan_busiest(rng, context) -> PlannedCompany:
    commune = context.communes_by_name.get("Orléans") or context.communes[0]
    company = Company(
        registration_number=BUSIEST_SIREN,
        establishment_number=BUSIEST_SIREN + "00022",
        name=BUSIEST_NAME,
        legal_form="SAS",
        activity_code="41.20B",
        sector=section_of("41.20B"),
        size_band=Company.SizeBand.MEDIUM,
        founded_on=date(1962, 4, 2),
        commune_id=commune.pk,
        stage=Company.Stage.GROWTH,
        website="https://www.batiments-durand-freres.example",
    )
    company.departement = commune.departement
    company.town = commune.name
    context.taken_numbers.add(BUSIEST_SIREN)
    planned = PlannedCompany(company=company, family="building", interactions=BUSIEST_INTERACTIONS, key=BUSIEST_SIREN)
    for full_name, title, basis in BUSIEST_PEOPLE:
        first, last = full_name.split(" ", 1)
        planned.contacts.append(
            _contact(rng, context, company, first, last, title, basis=basis, domain="batiments-durand-freres")
        )
    return planned


def _plan_project(rng, context, what, town, code) -> PlannedCompany:
    commune = context.communes_by_name.get(town) or context.communes[rng.randrange(len(context.communes))]
    first, last, feminine = _person(rng)
    email = f"{_ascii(first)}.{_ascii(last)}@particuliers.demo.example"
    company = Company(
        registration_number=None,
        name=f"{what} {_in(commune.name)}",
        activity_code=code,
        sector=section_of(code) or "",
        commune_id=commune.pk,
        stage=Company.Stage.IDEA,
        project_email=email,
    )
    company.departement = commune.departement
    company.town = commune.name
    section = section_of(code) or ""
    family = "agrifood" if code[:2] in texts.AGRIFOOD_DIVISIONS else texts.SECTION_FAMILIES.get(section, "services")
    planned = PlannedCompany(company=company, family=family, interactions=rng.randint(1, 4), key=email)
    title = "Porteuse de projet" if feminine else "Porteur de projet"
    planned.contacts.append(_contact(rng, context, company, first, last, title, email=email))
    return planned


def _contact(rng, context, company, first, last, title, *, basis=None, email=None, domain=None) -> CompanyContact:
    today = context.today
    if basis is None:
        basis = "consent" if rng.random() < 0.15 else "legitimate_interest"
    if email is None:
        domain = domain or slugify(company.name)[:40].strip("-") or "entreprise"
        email = f"{_ascii(first)}.{_ascii(last)}@{domain}.example" if rng.random() < 0.8 else ""
    contact = CompanyContact(
        company=company,
        full_name=f"{first} {last}",
        job_title=title,
        email=email,
        phone=_phone(rng) if rng.random() < 0.7 else "",
        legal_basis=basis,
    )
    if basis == "consent":
        contact.consent_text_version = rng.choice(texts.CONSENT_TEXT_VERSIONS)
        contact.consent_given_on = today - timedelta(days=rng.randrange(10, HISTORY_DAYS))
        contact.consent_purpose = rng.choice(texts.CONSENT_PURPOSES)
        contact.informed_on = contact.consent_given_on
    elif rng.random() < 0.4:
        contact.informed_on = today - timedelta(days=rng.randrange(1, HISTORY_DAYS))
    return contact


def _plan_contacts(rng, context, planned: PlannedCompany, count: int):
    company = planned.company
    for position in range(count):
        first, last, feminine = _person(rng)
        if position == 0:
            titles = texts.OWNER_TITLES.get(company.legal_form, texts.OWNER_TITLES["SARL"])
        else:
            titles = texts.STAFF_TITLES
        title = rng.choice(titles)[1 if feminine else 0]
        planned.contacts.append(_contact(rng, context, company, first, last, title))


def _weighted_sample(rng, items, weights, k):
    """k distinct items, each drawn with probability proportional to its weight (Efraimidis-Spirakis)."""
    keyed = sorted(
        ((rng.random() ** (1 / weight), index) for index, weight in enumerate(weights) if weight > 0), reverse=True
    )
    return [items[index] for _key, index in keyed[:k]]


def _organisation_weight(organisation: Organisation, family: str) -> float:
    """How likely ``organisation`` works with a company of ``family``: its kind, then what its themes are about."""
    kind = texts.ORGANISATION_AFFINITY.get(family, {}).get(organisation.kind, 1.0)
    affinity = texts.THEME_AFFINITY.get(family, {})
    themes = [affinity.get(slug, 1.0) for slug in organisation.theme_slugs] or [1.0]
    return kind * sum(themes) / len(themes)


def _advisor_weight(advisor, sector: str) -> float:
    _pk, email, sectors = advisor
    weight = LOGIN_WEIGHTS.get(email, 1.0)
    return weight * (2 if sector and sector in sectors else 1)


def _choose_organisations(rng, context, planned: PlannedCompany, count: int, *, everywhere=False):
    company = planned.company
    candidates = [
        organisation
        for organisation in context.organisations
        if everywhere or company.departement in organisation.departements
    ]
    weights = [_organisation_weight(organisation, planned.family) for organisation in candidates]
    if everywhere:
        weights = [max(weight, 0.6) for weight in weights]
    chosen = _weighted_sample(rng, candidates, weights, count)
    for organisation in chosen:
        advisor_weights = [_advisor_weight(advisor, company.sector) for advisor in organisation.advisors]
        main = rng.choices(organisation.advisors, advisor_weights)[0]
        planned.organisations.append((organisation, _organisation_weight(organisation, planned.family), main))


def _organisation_count(rng, interactions: int) -> int:
    if interactions <= 2:
        return 1
    if interactions <= 8:
        return rng.choice((1, 2, 2, 3))
    if interactions <= 15:
        return rng.randint(2, 4)
    return rng.randint(4, 9)


class Topics:
    """What an organisation talks about with a kind of company: its services, else the sub-themes of its themes."""

    def __init__(self, context: Context):
        self.context = context
        self.cache = {}

    def theme_weight(self, slug: str, family: str, stage: str) -> float:
        parent = self.context.themes[slug][1] or slug
        weight = texts.THEME_AFFINITY.get(family, {}).get(parent, 1.0)
        weight *= texts.STAGE_AFFINITY.get(stage, {}).get(parent, 1.0)
        return weight * texts.SUB_THEME_WEIGHT.get(slug, 1.0)

    def choices(self, organisation: Organisation, family: str, stage: str):
        key = (organisation.pk, family, stage)
        if key not in self.cache:
            services, service_weights = [], []
            for service in organisation.services:
                _pk, slugs, stages = service
                slugs = [slug for slug in slugs if slug in self.context.themes]
                if not slugs:
                    continue
                fit = 2.0 if stage in stages else (0.5 if stages else 1.0)
                services.append((service, slugs, [self.theme_weight(slug, family, stage) for slug in slugs]))
                service_weights.append(fit * max(services[-1][2]))
            themes = [
                child for parent in organisation.theme_slugs for child in self.context.sub_themes.get(parent, ())
            ] or sorted(slug for slug, (_pk, parent, _name) in self.context.themes.items() if parent)
            theme_weights = [self.theme_weight(slug, family, stage) for slug in themes]
            self.cache[key] = (services, service_weights, themes, theme_weights)
        return self.cache[key]

    def pick(self, rng, organisation, family, stage):
        """(sub-theme slugs, service pk or None) for one episode."""
        services, service_weights, themes, theme_weights = self.choices(organisation, family, stage)
        if services and rng.random() < 0.6:
            service, slugs, weights = rng.choices(services, service_weights)[0]
            main = rng.choices(slugs, weights)[0]
            others = [slug for slug in slugs if slug != main]
            chosen = [main] + ([rng.choice(others)] if others and rng.random() < 0.3 else [])
            return chosen, service[0]
        main = rng.choices(themes, theme_weights)[0]
        chosen = [main]
        if rng.random() < 0.2:
            other = rng.choices(themes, theme_weights)[0]
            if other != main:
                chosen.append(other)
        return chosen, None


def _weekday(day: date) -> date:
    """Contacts happen on working days: a weekend date moves back to the Friday (never into the future)."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def _month_after(day: date, months: int) -> str:
    return texts.MONTHS[(day.month - 1 + months) % 12]


def _summary(rng, context, planned, *, channel, step, slugs, contact, organisation, day) -> str:
    company = planned.company
    if contact is not None:
        person = contact.full_name
    elif company.registration_number is None:
        person = rng.choice(texts.PROJECT_PERSON)
    else:
        person = rng.choice(texts.ANONYMOUS_PERSON.get(company.legal_form, texts.DEFAULT_ANONYMOUS_PERSON))
    openings = texts.OPENINGS[channel][0 if step == 0 else 1]
    others = [other.name for other in context.organisations if other.pk != organisation.pk]
    values = {
        "person": person,
        "town": company.town,
        "event": rng.choice(texts.EVENTS),
        "month": _month_after(day, rng.randint(1, 3)),
        "amount": rng.choice(texts.AMOUNTS),
        "small_amount": rng.choice(texts.SMALL_AMOUNTS),
        "big_amount": rng.choice(texts.BIG_AMOUNTS),
        "form": rng.choice(texts.LEGAL_FORMS_FOR_FOUNDERS),
        "in_country": rng.choice(texts.COUNTRIES),
        "fair": rng.choice(texts.FAIRS),
        "invest": rng.choice(texts.INVESTMENTS.get(planned.family, texts.INVESTMENTS["services"])),
        "rd": rng.choice(texts.RESEARCH_TOPICS.get(planned.family, texts.DEFAULT_RESEARCH_TOPICS)),
        "count": rng.choice(("deux", "trois", "quatre", "cinq")),
        "surface": rng.choice((150, 300, 500, 800, 1200, 2500)),
        "years": rng.choice(("deux", "trois", "cinq")),
        "other": rng.choice(others) if others else "un autre membre du réseau",
        "theme": context.themes[slugs[0]][2].lower(),
    }
    bodies = texts.SUMMARIES.get(slugs[0], texts.GENERIC_SUMMARIES)[0 if step == 0 else 1]
    text = rng.choice(openings) + " : " + rng.choice(bodies)
    if rng.random() < 0.55:
        text += " " + rng.choice(texts.CLOSINGS)
    return text.format(**values)


def _confidential_share(slugs) -> float:
    return max(texts.CONFIDENTIAL_SHARE.get(slug, texts.DEFAULT_CONFIDENTIAL_SHARE) for slug in slugs)


def _interaction(rng, context, planned, *, organisation, advisor, day, channel, step, slugs, service, confidential):
    contacts = []
    if planned.contacts and rng.random() < 0.6:
        contacts.append(planned.contacts[0] if rng.random() < 0.7 else rng.choice(planned.contacts))
        if len(planned.contacts) > 1 and rng.random() < 0.15:
            other = rng.choice(planned.contacts)
            if other is not contacts[0]:
                contacts.append(other)
    low, high = MINUTES[channel]
    minutes = None if rng.random() < 0.08 else 5 * rng.randint(low // 5, high // 5)
    interaction = Interaction(
        company=planned.company,
        advisor_id=advisor[0],
        organisation_id=organisation.pk,
        occurred_on=day,
        channel=channel,
        summary=_summary(
            rng,
            context,
            planned,
            channel=channel,
            step=step,
            slugs=slugs,
            contact=contacts[0] if contacts else None,
            organisation=organisation,
            day=day,
        ),
        minutes=minutes,
        is_confidential=confidential,
        submission_key=uuid.UUID(int=rng.getrandbits(128), version=4),
    )
    services = [service] if service and rng.random() < 0.75 else []
    return PlannedInteraction(planned, interaction, contacts, list(slugs), services)


def _window_start(planned: PlannedCompany, today: date) -> date:
    start = today - timedelta(days=HISTORY_DAYS)
    company = planned.company
    if company.founded_on:
        return max(start, company.founded_on - timedelta(days=180))
    return max(start, today - timedelta(days=540))


def _episode(rng, context, topics, planned, entry, *, start=None, end=None, length=None, advisor=None):
    """A few contacts of one organisation with one company about one subject, a few weeks apart."""
    organisation, _weight, main = entry
    today = context.today
    company = planned.company
    end = min(end or today, organisation.last_day)
    start = start or _window_start(planned, today)
    if end < start:
        return []
    span = (end - start).days
    day = end - timedelta(days=int(span * rng.random() ** 1.3))
    if advisor is None:
        if rng.random() < 0.85:
            advisor = main
        else:
            weights = [_advisor_weight(candidate, company.sector) for candidate in organisation.advisors]
            advisor = rng.choices(organisation.advisors, weights)[0]
    slugs, service = topics.pick(rng, organisation, planned.family, company.stage)
    confidential = rng.random() < _confidential_share(slugs)
    length = length or rng.choices(EPISODE_LENGTHS, EPISODE_LENGTH_WEIGHTS)[0]
    planned_interactions = []
    for step in range(length):
        if step:
            day += timedelta(days=rng.randint(5, 45))
            if day > end:
                break
        channel = rng.choices(CHANNELS, FIRST_CHANNEL_WEIGHTS if step == 0 else FOLLOW_UP_CHANNEL_WEIGHTS)[0]
        working_day = _weekday(day)
        occurred_on = working_day if channel != "event" and working_day >= start else day
        planned_interactions.append(
            _interaction(
                rng,
                context,
                planned,
                organisation=organisation,
                advisor=advisor,
                day=occurred_on,
                channel=channel,
                step=step,
                slugs=slugs,
                service=service,
                confidential=confidential,
            )
        )
    return planned_interactions


def _plan_interactions(rng, context, topics, planned: PlannedCompany) -> list[PlannedInteraction]:
    planned_interactions = []
    if not planned.organisations:
        return planned_interactions
    weights = [weight for _organisation, weight, _main in planned.organisations]
    for _attempt in range(planned.interactions * 3):
        remaining = planned.interactions - len(planned_interactions)
        if remaining <= 0:
            break
        entry = rng.choices(planned.organisations, weights)[0]
        episode = _episode(rng, context, topics, planned, entry)
        planned_interactions.extend(episode[:remaining])
    return planned_interactions


def _entry_for(rng, planned, organisation):
    for entry in planned.organisations:
        if entry[0] is organisation:
            return entry
    weights = [_advisor_weight(advisor, planned.company.sector) for advisor in organisation.advisors]
    entry = (organisation, 1.0, rng.choices(organisation.advisors, weights)[0])
    planned.organisations.append(entry)
    return entry


def _demo_advisor_share(rng, context, topics, plans, planned_interactions):
    """advisor@demo.example has a few dozen contacts of their own, some in the last 90 days."""
    organisation = next((item for item in context.organisations if item.slug == DEMO_ORGANISATION), None)
    advisor = next((item for item in organisation.advisors if item[1] == DEMO_ADVISOR), None) if organisation else None
    if advisor is None or organisation.last_day < context.today:
        return
    today = context.today
    recent_start = today - timedelta(days=RECENT_DAYS - 5)
    local = [
        planned
        for planned in plans
        if planned.company.departement in organisation.departements and planned.family not in ("agri",)
    ]
    busiest = plans[0]

    # Durand Frères: an older series and a recent contact, so the advisor sees the warning next to their own.
    entry = _entry_for(rng, busiest, organisation)
    added = _episode(rng, context, topics, busiest, entry, end=today - timedelta(days=200), length=3, advisor=advisor)
    recent = _episode(rng, context, topics, busiest, entry, start=recent_start, length=1, advisor=advisor)
    for item in recent:
        item.interaction.is_confidential = False
    added += recent
    mine = [item for item in planned_interactions if item.interaction.advisor_id == advisor[0]] + added
    planned_interactions.extend(added)
    for _attempt in range(200):
        recent_count = sum(1 for item in mine if item.interaction.occurred_on >= recent_start)
        if len(mine) >= DEMO_ADVISOR_MINIMUM and recent_count >= DEMO_ADVISOR_RECENT:
            break
        planned = rng.choice(local)
        entry = _entry_for(rng, planned, organisation)
        start = recent_start if recent_count < DEMO_ADVISOR_RECENT else None
        added = _episode(rng, context, topics, planned, entry, start=start, advisor=advisor)
        mine += added
        planned_interactions.extend(added)


def _busiest_recent_contacts(rng, context, topics, busiest, planned_interactions):
    """Several organisations other than CCI Loiret (démo) met Durand Frères in the last 90 days."""
    today = context.today
    recent = [
        entry for entry in busiest.organisations if entry[0].slug != DEMO_ORGANISATION and entry[0].last_day >= today
    ]
    for position, entry in enumerate(_weighted_sample(rng, recent, [1.0] * len(recent), 6)):
        episode = _episode(
            rng, context, topics, busiest, entry, start=today - timedelta(days=RECENT_DAYS - 10), length=1
        )
        for item in episode:
            item.interaction.is_confidential = position in (1, 4)
        planned_interactions.extend(episode)


def plan(context: Context) -> tuple[list[PlannedCompany], list[PlannedInteraction]]:
    """Everything to create, drawn from one fixed seed in a fixed order."""
    rng = random.Random(SEED)
    companies = _plan_companies(rng, context)
    return companies[0], _plan_the_rest(rng, context, *companies)


def _plan_companies(rng, context: Context) -> tuple[list[PlannedCompany], set]:
    """The companies (the busiest first), and the ids of the few dozen busy ones."""
    names_seen = set()
    busiest = _plan_busiest(rng, context)
    trade_weights = [trade.weight for trade in texts.TRADES]
    regular = [
        _plan_company(rng, context, rng.choices(texts.TRADES, trade_weights)[0], names_seen)
        for _index in range(REGULAR_COMPANIES)
    ]
    projects = [_plan_project(rng, context, *project) for project in texts.PROJECTS]
    # A few dozen companies many organisations work with: the larger ones of the busier trades.
    candidates = [
        planned
        for planned in regular
        if planned.company.size_band in ("10-49", "50-249", "250+")
        and planned.family in ("industry", "tech", "agrifood", "building", "energy")
    ]
    busy = {id(planned) for planned in rng.sample(candidates, min(BUSY_COMPANIES, len(candidates)))}
    return [busiest, *regular, *projects], busy


def _plan_the_rest(rng, context: Context, plans: list[PlannedCompany], busy: set) -> list[PlannedInteraction]:
    """People, organisations and interactions of the planned companies."""
    topics = Topics(context)
    busiest = plans[0]
    counts = range(len(INTERACTION_COUNT_WEIGHTS))
    for planned in plans:
        if planned.company.registration_number is None or planned is busiest:
            continue
        if id(planned) in busy:
            planned.interactions = rng.randint(20, 50)
        else:
            planned.interactions = rng.choices(counts, INTERACTION_COUNT_WEIGHTS)[0]
    for planned in plans:
        if planned.company.registration_number is not None and planned is not busiest:
            wanted = 3 if id(planned) in busy else (rng.choices((0, 1, 2, 3), (50, 28, 15, 7))[0])
            _plan_contacts(rng, context, planned, wanted)
        if planned is busiest:
            _choose_organisations(rng, context, planned, len(context.organisations), everywhere=True)
        elif planned.interactions:
            _choose_organisations(rng, context, planned, _organisation_count(rng, planned.interactions))
    planned_interactions = []
    for planned in plans:
        planned_interactions.extend(_plan_interactions(rng, context, topics, planned))
    _busiest_recent_contacts(rng, context, topics, busiest, planned_interactions)
    registered = [planned for planned in plans if planned.company.registration_number is not None]
    _demo_advisor_share(rng, context, topics, registered, planned_interactions)
    return planned_interactions


# --- Seeding --------------------------------------------------------------------------------------------------------


def seed(today: date | None = None) -> int:
    """The referrals app's part of ``manage.py seed_demo``: create what is missing, return how many rows (companies,
    people and interactions; their links to themes, services and people are not counted)."""
    context = _load(today or timezone.localdate())
    if context is None:  # nothing to log contacts for: the members demo is not there
        return 0
    rng = random.Random(SEED)
    plans, busy = _plan_companies(rng, context)
    existing = _existing_keys(plans)
    if len(existing) == len(plans):  # already seeded: stop before drawing the rest
        return 0
    planned_interactions = _plan_the_rest(rng, context, plans, busy)
    new = [planned for planned in plans if planned.key not in existing]
    new_ids = {id(planned) for planned in new}
    planned_interactions = [item for item in planned_interactions if id(item.planned) in new_ids]
    # Older contacts get smaller ids, as if they had been logged as they happened.
    planned_interactions.sort(key=lambda item: item.interaction.occurred_on)
    with transaction.atomic():
        companies = Company.objects.bulk_create([planned.company for planned in new], batch_size=BATCH_SIZE)
        contacts = CompanyContact.objects.bulk_create(
            [contact for planned in new for contact in planned.contacts], batch_size=BATCH_SIZE
        )
        interactions = Interaction.objects.bulk_create(
            [item.interaction for item in planned_interactions], batch_size=BATCH_SIZE
        )
        _link(context, planned_interactions)
    return len(companies) + len(contacts) + len(interactions)


def _existing_keys(plans: list[PlannedCompany]) -> set:
    numbers = [planned.key for planned in plans if planned.company.registration_number]
    emails = [planned.key for planned in plans if planned.company.registration_number is None]
    existing = set(
        Company.objects.filter(registration_number__in=numbers).values_list("registration_number", flat=True)
    )
    existing |= set(Company.objects.filter(project_email__in=emails).values_list("project_email", flat=True))
    return existing


def _link(context: Context, planned_interactions: list[PlannedInteraction]):
    themes = Interaction.themes.through
    services = Interaction.services.through
    people = Interaction.contacts.through
    theme_rows, service_rows, people_rows = [], [], []
    for item in planned_interactions:
        interaction_id = item.interaction.pk
        theme_rows.extend(
            themes(interaction_id=interaction_id, theme_id=context.themes[slug][0])
            for slug in dict.fromkeys(item.theme_slugs)
        )
        service_rows.extend(services(interaction_id=interaction_id, service_id=pk) for pk in item.service_pks)
        people_rows.extend(
            people(interaction_id=interaction_id, companycontact_id=contact.pk) for contact in item.contacts
        )
    themes.objects.bulk_create(theme_rows, batch_size=BATCH_SIZE * 2)
    services.objects.bulk_create(service_rows, batch_size=BATCH_SIZE * 2)
    people.objects.bulk_create(people_rows, batch_size=BATCH_SIZE * 2)

"""The members app's share of ``manage.py seed_demo --scale ...`` (see demo.scale): organisations, their
conventions and services, and advisors, added to the demo's up to the scale's totals.

Generated organisations are fictional ("Pépinière d'entreprises de Vierzon (démo)"), their slugs end with three
digits (``-017``): that is how a later run recognises them. Their conventions go back up to twelve years, renewed
every three years, so ten years of contacts fit inside them; about one in twelve has lapsed. Generated people have
no usable password and a current affiliation that started before the organisation's first contact; they have
signed the current code of conduct (countersigned by a referent). Deterministic (one ``random.Random``), bulk
inserts, no signals: the advisors' search text is refreshed once at the end.
"""

import random
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from demo.members import ACCESS, ALL_DEPARTEMENTS, PHONE_PREFIXES, SERVICES, _area, add_years
from demo.people import FEMININE, FIRST_NAMES, GENERATED_SLUG_SQL, JOB_TITLES, LAST_NAMES, OTHER_LANGUAGES
from demo.scale import SEED, Scale
from members.models import (
    Advisor,
    Affiliation,
    CodeOfConduct,
    CodeOfConductSignature,
    Convention,
    MemberOrganisation,
    Service,
)
from members.queries import refresh_search_text
from network.models import Territory, Theme, User
from network.sectors import Sector

Kind = MemberOrganisation.Kind

# kind, name pattern ({de_town}, {town}, {last}), theme slugs (top level) it works on
ORGANISATION_PATTERNS = (
    (Kind.DEVELOPMENT_AGENCY, "Pépinière d'entreprises {de_town}", ("creation", "growth")),
    (Kind.DEVELOPMENT_AGENCY, "Agence de développement économique {de_town}", ("growth", "innovation")),
    (Kind.LOCAL_AUTHORITY, "Communauté de communes {de_town}", ("creation", "growth", "hr")),
    (Kind.BUSINESS_NETWORK, "Club des entreprises {de_town}", ("growth", "hr", "digital")),
    (Kind.INVESTOR, "Initiative {town}", ("financing", "creation", "transmission")),
    (Kind.BANK, "Banque coopérative {de_town}", ("financing", "growth")),
    (Kind.CONSULTANCY, "Cabinet {last} Conseil", ("growth", "legal", "transmission")),
    (Kind.UNIVERSITY, "IUT {de_town}", ("innovation", "hr")),
    (Kind.RESEARCH, "Centre technique {de_town}", ("innovation", "sustainability")),
    (Kind.OTHER, "Maison de l'emploi {de_town}", ("hr", "creation")),
    (Kind.OTHER, "Tiers-lieu {de_town}", ("digital", "creation", "innovation")),
    (Kind.STATE_SERVICE, "Service de l'État pour les entreprises {de_town}", ("growth", "financing")),
)
VARIANTS = (
    "parcours court",
    "parcours renforcé",
    "session collective",
    "accompagnement individuel",
    "en ligne",
    "programme annuel",
    "édition régionale",
    "pour les TPE",
    "pour les PME",
    "pour les agriculteurs",
)


def _de(town: str) -> str:
    """ "de Blois", "d'Orléans", "du Blanc" (as the companies' names say it in demo.companies)."""
    if town.startswith("Le "):
        return "du " + town[3:]
    if town.startswith("Les "):
        return "des " + town[4:]
    if slugify(town[:1]) in tuple("aeiouyh"):
        return "d'" + town
    return "de " + town


def generated_organisations():
    return MemberOrganisation.objects.filter(slug__regex=GENERATED_SLUG_SQL)


def existing(scale: Scale) -> int:
    """How many organisations an earlier scaled seed generated (0: none)."""
    return generated_organisations().count()


def seed(scale: Scale, steps) -> dict[str, int]:
    rng = random.Random(SEED)
    today = timezone.localdate()
    rows = {}
    with steps("organisations and services"):
        organisations = _seed_organisations(rng, scale, today, rows)
        _seed_services(rng, scale, organisations, rows)
    with steps("advisors"):
        _seed_advisors(rng, scale, organisations, today, rows)
        refresh_search_text()
    return rows


def _seed_organisations(rng, scale: Scale, today, rows) -> list[MemberOrganisation]:
    missing = scale.organisations - MemberOrganisation.objects.count()
    if missing <= 0:
        return []
    towns = list(
        Territory.objects.communes()
        .filter(population__gte=3000)
        .order_by("code")
        .values_list("name", "parent__code", "population")
    )
    departements = {territory.code: territory for territory in Territory.objects.departements()}
    region = Territory.objects.filter(level=Territory.Level.REGION).first()
    themes = {theme.slug: theme for theme in Theme.objects.filter(parent__isnull=True)}
    planned, names = [], set()
    while len(planned) < missing:
        kind, pattern, theme_slugs = rng.choice(ORGANISATION_PATTERNS)
        town, code, _population = rng.choices(towns, [population for *_rest, population in towns])[0]
        name = pattern.format(de_town=_de(town), town=town, last=rng.choice(LAST_NAMES)) + " (démo)"
        if name in names:
            continue
        names.add(name)
        number = len(planned) + 1
        slug = f"{slugify(name.replace(' (démo)', ''))[:90]}-{number:03d}"
        spread = rng.random()
        codes = (
            (code,)
            if spread < 0.7 or not code
            else ALL_DEPARTEMENTS
            if spread > 0.85
            else (code, rng.choice(ALL_DEPARTEMENTS))
        )
        organisation = MemberOrganisation(
            slug=slug,
            name=name,
            kind=kind,
            website=f"https://{slug}.example",
            description_fr=f"Organisation fictive du réseau de démonstration, installée {_in_fr(town)}.",
            description_en=f"A fictional organisation of the demo network, based in {town}.",
            contact_email=f"contact@{slug}.example",
            contact_phone=f"{PHONE_PREFIXES.get(code, '02 38')} {rng.randrange(10, 100)} {rng.randrange(100):02d} "
            f"{rng.randrange(100):02d}",
            address=f"{rng.randint(1, 80)} rue de la République\n{town}",
        )
        organisation.theme_slugs = [slug for slug in theme_slugs if slug in themes]
        organisation.codes = tuple(dict.fromkeys(codes))
        # Joined the network 2 to 12 years ago; conventions every three years since.
        organisation.joined = today - timedelta(days=rng.randint(2 * 365, 12 * 365))
        organisation.lapsed = rng.random() < 0.08
        planned.append(organisation)
    organisations = MemberOrganisation.objects.bulk_create(planned)
    theme_links, territory_links, conventions = [], [], []
    for organisation in organisations:
        theme_links += [
            MemberOrganisation.themes.through(memberorganisation_id=organisation.pk, theme_id=themes[slug].pk)
            for slug in organisation.theme_slugs
        ]
        if set(organisation.codes) == set(ALL_DEPARTEMENTS) and region:
            territory_ids = [region.pk]
        else:
            territory_ids = [departements[code].pk for code in organisation.codes if code in departements]
        territory_links += [
            MemberOrganisation.territories.through(memberorganisation_id=organisation.pk, territory_id=pk)
            for pk in territory_ids
        ]
        conventions += _conventions(rng, organisation, today)
    MemberOrganisation.themes.through.objects.bulk_create(theme_links)
    MemberOrganisation.territories.through.objects.bulk_create(territory_links)
    Convention.objects.bulk_create(conventions)
    rows["members_memberorganisation"] = len(organisations)
    rows["members_convention"] = len(conventions)
    return organisations


def _in_fr(town: str) -> str:
    if town.startswith("Le "):
        return "au " + town[3:]
    if town.startswith("Les "):
        return "aux " + town[4:]
    return "à " + town


def _conventions(rng, organisation, today) -> list[Convention]:
    conventions, valid_from, version = [], organisation.joined, 1
    while True:
        valid_until = add_years(valid_from, 3) - timedelta(days=1)
        conventions.append(
            Convention(
                organisation=organisation,
                version=version,
                signatory_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                signatory_role="Président" if version % 2 else "Directrice générale",
                signed_on=valid_from - timedelta(days=14),
                valid_from=valid_from,
                valid_until=valid_until,
            )
        )
        if valid_until >= today:
            break
        if organisation.lapsed and valid_until >= today - timedelta(days=400):
            break  # not renewed: lapsed a few months ago
        valid_from, version = valid_until + timedelta(days=1), version + 1
    return conventions


def _seed_services(rng, scale: Scale, organisations, rows):
    missing = scale.services - Service.objects.count()
    if missing <= 0 or not organisations:
        return
    themes = dict(Theme.objects.values_list("slug", "pk"))
    parents = dict(Theme.objects.filter(parent__isnull=False).values_list("slug", "parent__slug"))
    departements = dict(Territory.objects.departements().values_list("code", "pk"))
    templates = sorted(SERVICES.items())
    per_organisation = [missing // len(organisations)] * len(organisations)
    for index in range(missing % len(organisations)):
        per_organisation[index] += 1
    planned = []
    for organisation, count in zip(organisations, per_organisation, strict=True):
        relevant = [
            template
            for _key, template in templates
            if {parents.get(slug, slug) for slug in template.themes} & set(organisation.theme_slugs)
        ] or [template for _key, template in templates]
        rng.shuffle(relevant)
        in_fr, in_en = _area(organisation.codes)
        contact = {
            "phone": organisation.contact_phone,
            "email": organisation.contact_email,
            "website": organisation.website,
        }
        for position in range(count):
            template = relevant[position % len(relevant)]
            round_ = position // len(relevant)
            suffix_fr = f" ({VARIANTS[(round_ - 1) % len(VARIANTS)]})" if round_ else ""
            access_fr, access_en = ACCESS[template.access]
            service = Service(
                organisation=organisation,
                title_fr=(template.title_fr + suffix_fr)[:200],
                title_en=template.title_en[:190] + (f" ({round_ + 1})" if round_ else ""),
                description_fr=template.description_fr.format(in_fr=in_fr),
                description_en=template.description_en.format(in_en=in_en),
                how_to_access_fr=access_fr.format(**contact),
                how_to_access_en=access_en.format(**contact),
                stages=list(template.stages),
                cost=template.cost,
                is_public=rng.random() < 0.85,
            )
            service.theme_ids = [themes[slug] for slug in template.themes if slug in themes]
            service.territory_ids = [departements[code] for code in organisation.codes if code in departements]
            planned.append(service)
    services = Service.objects.bulk_create(planned, batch_size=1000)
    Service.themes.through.objects.bulk_create(
        [Service.themes.through(service_id=s.pk, theme_id=pk) for s in services for pk in s.theme_ids], batch_size=5000
    )
    Service.territories.through.objects.bulk_create(
        [Service.territories.through(service_id=s.pk, territory_id=pk) for s in services for pk in s.territory_ids],
        batch_size=5000,
    )
    rows["members_service"] = len(services)


def _seed_advisors(rng, scale: Scale, organisations, today, rows):
    missing = scale.advisors - Advisor.objects.count()
    if missing <= 0 or not organisations:
        return
    children = list(Theme.objects.filter(parent__isnull=False).order_by("slug").values_list("pk", "parent__slug"))
    departements = dict(Territory.objects.departements().values_list("code", "pk"))
    code = CodeOfConduct.objects.current()
    now = timezone.now()
    names = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    users, people = [], []
    for index in range(missing):
        organisation = organisations[index % len(organisations)]
        first, last = names[index % len(names)]
        email = f"{slugify(first)}.{slugify(last)}.{index + 1}@{organisation.slug}.demo.example"
        days = rng.randint(0, 200)
        users.append(
            User(
                email=email,
                full_name=f"{first} {last}",
                password="!" + f"{rng.getrandbits(160):040x}",  # unusable (Django's "!" prefix)
                last_login=None if rng.random() < 0.1 else now - timedelta(days=days, hours=days % 9),
                date_joined=now - timedelta(days=(today - organisation.joined).days + 30),
            )
        )
        title = rng.choice(JOB_TITLES)[1 if first in FEMININE else 0]
        own = [pk for pk, parent in children if parent in organisation.theme_slugs] or [pk for pk, _p in children]
        people.append(
            {
                "organisation": organisation,
                "referent": index < len(organisations),  # the first person of each organisation
                "advisor": Advisor(
                    job_title=title,
                    bio=f"{title} chez {organisation.name}.",
                    sectors=sorted(rng.sample(Sector.values, k=rng.randint(0, 3))),
                    languages=["fr"] + sorted(set(rng.sample(OTHER_LANGUAGES, k=rng.randint(0, 2)))),
                    public_profile=index % 4 == 0,
                ),
                "skills": rng.sample(own, k=min(len(own), rng.randint(2, 5))),
            }
        )
    users = User.objects.bulk_create(users, batch_size=1000)
    for user, person in zip(users, people, strict=True):
        person["advisor"].user_id = user.pk
    advisors = Advisor.objects.bulk_create([person["advisor"] for person in people], batch_size=1000)
    affiliations, skills, territories, signatures = [], [], [], []
    referents = {}
    for advisor, person in zip(advisors, people, strict=True):
        organisation = person["organisation"]
        role = Affiliation.Role.REFERENT if person["referent"] else Affiliation.Role.ADVISOR
        if person["referent"]:
            referents[organisation.pk] = advisor
        affiliations.append(
            Affiliation(advisor=advisor, organisation=organisation, role=role, started_on=organisation.joined)
        )
        skills += [Advisor.skills.through(advisor_id=advisor.pk, theme_id=pk) for pk in person["skills"]]
        territories += [
            Advisor.territories.through(advisor_id=advisor.pk, territory_id=departements[code])
            for code in organisation.codes
            if code in departements
        ]
    for advisor, person in zip(advisors, people, strict=True):
        if code is None or rng.random() < 0.1:
            continue
        referent = referents.get(person["organisation"].pk)
        countersigner = referent if referent is not None and referent != advisor else None
        signed_at = code.published_at + timedelta(days=rng.randint(1, 30))
        signatures.append(
            CodeOfConductSignature(
                advisor=advisor,
                code=code,
                organisation=person["organisation"],
                language="fr",
                text_sha256=code.text_sha256("fr"),
                signed_at=signed_at,
                countersigned_by_id=countersigner.user_id if countersigner else None,
                countersigned_at=signed_at + timedelta(days=2) if countersigner else None,
            )
        )
    Affiliation.objects.bulk_create(affiliations, batch_size=1000)
    Advisor.skills.through.objects.bulk_create(skills, batch_size=5000)
    Advisor.territories.through.objects.bulk_create(territories, batch_size=5000)
    CodeOfConductSignature.objects.bulk_create(signatures, batch_size=1000)
    rows["network_user"] = len(users)
    rows["members_advisor"] = len(advisors)
    rows["members_affiliation"] = len(affiliations)

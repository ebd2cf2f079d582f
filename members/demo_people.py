"""The demo's crowd: about 120 advisors spread over the demo organisations, so "Find a colleague" and the people
pages have something to search. Deterministic (same names, skills and states on every machine), idempotent.

Each organisation gets three to five people, one or two of them referents. Their code-of-conduct signatures cover every
state of the people list: countersigned, awaiting countersignature, an earlier version only, not signed. A few are
away with a colleague as backup. They have no usable password: only the logins printed by ``make run`` sign in.
"""

import hashlib
import random
import unicodedata
from datetime import timedelta

from django.utils import timezone

from members.models import Advisor, Affiliation, CodeOfConduct, CodeOfConductSignature, MemberOrganisation
from network.models import Theme, User
from network.sectors import Sector

FIRST_NAMES = (
    "Camille Louis Manon Hugo Chloé Arthur Inès Jules Sarah Gabriel Emma Nathan Léna Paul Julie Thomas Zoé Antoine "
    "Alice Lucas Anaïs Maxime Pauline Romain Élodie Nicolas Mathilde Julien Laura Adrien Clémence Théo Margaux "
    "Quentin Agathe Benoît Sophie Olivier Hélène Karim Nadia Samir Fatou Mamadou Aurélie Cédric Valérie Stéphane "
    "Isabelle Franck Nathalie Sébastien Amandine Guillaume Émilie Vincent Céline Florian Marine Jérôme"
).split()
LAST_NAMES = (
    "Martin Bernard Thomas Petit Richard Durand Leroy Moreau Simon Laurent Lefebvre Michel Garcia David Bertrand "
    "Roux Vincent Fournier Morel Girard André Mercier Dupont Lambert Bonnet François Martinez Legrand Garnier Faure "
    "Rousseau Blanc Guérin Muller Henry Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopez Fontaine "
    "Chevalier Robin Masson Sanchez Boyer Denis Lemaire Duval Joly Gaillard Benali Diallo Nguyen Haddad Traoré"
).split()
JOB_TITLES = (
    ("Conseiller création d'entreprise", "Conseillère création d'entreprise"),
    ("Chargé d'affaires export", "Chargée d'affaires export"),
    ("Conseiller financement", "Conseillère financement"),
    ("Chargé de mission innovation", "Chargée de mission innovation"),
    ("Conseiller transmission-reprise", "Conseillère transmission-reprise"),
    ("Conseiller numérique", "Conseillère numérique"),
    ("Chargé de développement territorial", "Chargée de développement territorial"),
    ("Conseiller ressources humaines", "Conseillère ressources humaines"),
    ("Chargé de mission transition écologique", "Chargée de mission transition écologique"),
    ("Analyste crédit", "Analyste crédit"),
)
FEMININE = set(
    "Camille Manon Chloé Inès Sarah Emma Léna Julie Zoé Alice Anaïs Pauline Élodie Mathilde Laura Clémence Margaux "
    "Agathe Sophie Hélène Nadia Fatou Aurélie Valérie Isabelle Nathalie Amandine Émilie Céline Marine".split()
)
OTHER_LANGUAGES = ["en", "en", "en", "de", "es", "it", "ar", "pt", "nl", "zh-hans"]
PEOPLE_PER_ORGANISATION = (3, 4, 4, 5)
DEMO_DOMAIN = "demo.example"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "-")


def _plan(organisations, themes):
    """What to create, decided once from a fixed seed: a list of dicts, one per person."""
    rng = random.Random(2026)
    names = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    children = [theme for theme in themes if theme.parent_id]
    plan = []
    for organisation in organisations:
        own_skills = [theme for theme in children if theme.parent_id in organisation.theme_ids] or children
        size = rng.choice(PEOPLE_PER_ORGANISATION)
        for position in range(size):
            first, last = names.pop()
            index = len(plan)
            title = rng.choice(JOB_TITLES)[1 if first in FEMININE else 0]
            skills = rng.sample(own_skills, k=min(len(own_skills), rng.randint(2, 5)))
            languages = ["fr"] + sorted(set(rng.sample(OTHER_LANGUAGES, k=rng.randint(0, 2))))
            plan.append(
                {
                    "email": f"{_ascii(first)}.{_ascii(last)}@{organisation.slug}.{DEMO_DOMAIN}",
                    "full_name": f"{first} {last}",
                    "job_title": title,
                    "organisation": organisation,
                    "role": Affiliation.Role.REFERENT
                    if position < (2 if size == 5 else 1)
                    else Affiliation.Role.ADVISOR,
                    "skills": skills,
                    "sectors": sorted(rng.sample(Sector.values, k=rng.randint(0, 3))),
                    "languages": languages,
                    "territories": organisation.territory_ids,
                    "bio": _bio(title, organisation.name, skills, english="en" in languages and index % 3 == 0),
                    "public_profile": index % 4 == 0,
                    # Every state of the people list: mostly countersigned, some waiting, outdated or unsigned.
                    "signature": {7: "awaiting", 8: "outdated", 9: "unsigned"}.get(index % 10, "valid"),
                    "last_login_days": None if index % 10 == 9 else rng.randint(0, 120),
                    "away": index % 19 == 5,
                }
            )
    return plan


def _bio(title, organisation, skills, *, english):
    topics_fr = " et ".join(skill.name_fr.lower() for skill in skills[:2])
    topics_en = " and ".join(skill.name_en.lower() for skill in skills[:2])
    if english:
        return (
            f"{title} at {organisation}. I help business owners with {topics_en}, "
            "and I refer them to the right member of the network when another one is better placed."
        )
    return (
        f"{title} chez {organisation}. J'accompagne les dirigeants sur {topics_fr}, "
        "et je les oriente vers le bon membre du réseau quand un autre est mieux placé."
    )


def seed_crowd(codes: list[CodeOfConduct]) -> int:
    """Create the people that are missing; ``codes`` are the published versions, oldest first."""
    organisations = list(
        MemberOrganisation.objects.exclude(slug="cci-loiret-demo").order_by("slug").prefetch_related("themes")
    )
    for organisation in organisations:
        organisation.theme_ids = {theme.pk for theme in organisation.themes.all()}
        organisation.territory_ids = list(organisation.territories.values_list("pk", flat=True))
    plan = _plan(organisations, list(Theme.objects.order_by("slug")))
    existing = set(User.objects.filter(email__in=[person["email"] for person in plan]).values_list("email", flat=True))
    now = timezone.now()
    created = 0
    people = {}
    for person in plan:
        if person["email"] in existing:
            continue
        user = User(email=person["email"], full_name=person["full_name"])
        user.set_unusable_password()
        if person["last_login_days"] is not None:
            user.last_login = now - timedelta(days=person["last_login_days"], hours=person["last_login_days"] % 9)
        user.save()
        advisor = Advisor.objects.create(
            user=user,
            job_title=person["job_title"],
            bio=person["bio"],
            sectors=person["sectors"],
            languages=person["languages"],
            public_profile=person["public_profile"],
        )
        advisor.skills.set(person["skills"])
        advisor.territories.set(person["territories"])
        Affiliation.objects.create(
            advisor=advisor,
            organisation=person["organisation"],
            role=person["role"],
            started_on=now.date() - timedelta(days=1100 + len(people) * 5),  # before their logged contacts
        )
        people.setdefault(person["organisation"].pk, []).append((advisor, person))
        created += 3
    for colleagues in people.values():
        created += _sign(colleagues, codes, now)
        created += _absences(colleagues, now)
    return created


def _sign(colleagues, codes, now) -> int:
    """Signatures in the planned state; a referent's own one is countersigned by a colleague referent if any, else
    it waits (a lone referent's own signature waits: one more realistic state)."""
    referents = [advisor for advisor, person in colleagues if person["role"] == Affiliation.Role.REFERENT]
    created = 0
    for advisor, person in colleagues:
        state = person["signature"]
        if state == "unsigned":
            continue
        versions = codes[:1] if state == "outdated" else codes
        countersigner = next((referent for referent in referents if referent != advisor), None)
        for number, code in enumerate(versions):
            last = number == len(versions) - 1
            signed_at = max(code.published_at, advisor.created_at - timedelta(days=30)) + timedelta(days=2)
            countersigned = countersigner is not None and not (last and state == "awaiting")
            CodeOfConductSignature.objects.create(
                advisor=advisor,
                code=code,
                organisation=person["organisation"],
                language="fr",
                text_sha256=hashlib.sha256(code.text_fr.encode()).hexdigest(),
                signed_at=signed_at,
                countersigned_by=countersigner.user if countersigned else None,
                countersigned_at=signed_at + timedelta(days=3) if countersigned else None,
            )
            created += 1
    return created


def _absences(colleagues, now) -> int:
    """The planned absences: a fortnight around today, a colleague of the same organisation as backup."""
    changed = 0
    for advisor, person in colleagues:
        if not person["away"]:
            continue
        backup = next((other for other, _person in colleagues if other != advisor), None)
        advisor.absent_from = now.date() - timedelta(days=3)
        advisor.absent_until = now.date() + timedelta(days=11)
        advisor.backup = backup
        advisor.save(update_fields=["absent_from", "absent_until", "backup"])
        changed += 1
    return changed

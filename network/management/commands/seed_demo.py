import json
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from psycopg import sql

from network.demo import texts
from network.demo.scale import SCALES, Steps, data_directory, estimated_bytes, free_bytes
from network.hooks import app_modules
from network.models import (
    Network,
    NetworkStaff,
    Office,
    OfficeCommune,
    OfficeDepartement,
    PrivacyNotice,
    Territory,
    User,
    search_key,
)
from network.themes import load_default_themes

DEMO_PASSWORD = "demo-portal-2026"

# slug, name, département, address, phone, head office, office manager (email, name)
DEMO_OFFICES = [
    (
        "loiret",
        "Antenne du Loiret (siège)",
        "45",
        "6 rue du Carbone\n45100 Orléans",
        "02 38 00 00 01",
        True,
        ("office@demo.example", "Karim Benali"),
    ),
    (
        "cher",
        "Antenne du Cher",
        "18",
        "12 avenue de la Prospective\n18000 Bourges",
        "02 48 00 00 02",
        False,
        ("office-cher@demo.example", "Sophie Lambert"),
    ),
    (
        "eure-et-loir",
        "Antenne d'Eure-et-Loir",
        "28",
        "3 rue du Cardinal Pie\n28000 Chartres",
        "02 37 00 00 03",
        False,
        ("office-eure-et-loir@demo.example", "Hugo Petit"),
    ),
    (
        "indre",
        "Antenne de l'Indre",
        "36",
        "24 place Gambetta\n36000 Châteauroux",
        "02 54 00 00 04",
        False,
        ("office-indre@demo.example", "Nadia Haddad"),
    ),
    (
        "indre-et-loire",
        "Antenne d'Indre-et-Loire",
        "37",
        "15 rue Nationale\n37000 Tours",
        "02 47 00 00 05",
        False,
        ("office-indre-et-loire@demo.example", "Julien Moreau"),
    ),
    (
        "loir-et-cher",
        "Antenne du Loir-et-Cher",
        "41",
        "8 rue Porte Côté\n41000 Blois",
        "02 54 00 00 06",
        False,
        ("office-loir-et-cher@demo.example", "Camille Roux"),
    ),
]
# A commune handled by a neighbouring office (it is closer to Tours than to Blois).
DEMO_OVERRIDES = [("Montrichard Val de Cher", "indre-et-loire")]
OPENING_HOURS_FR = "Du lundi au vendredi, de 9 h à 12 h 30 et de 14 h à 17 h 30, sur rendez-vous."
OPENING_HOURS_EN = "Monday to Friday, 9 am to 12.30 pm and 2 pm to 5.30 pm, by appointment."

DEMO_ACCOUNTS = [
    # email, full name, staff role, Django admin access, what the role does
    (
        "manager@demo.example",
        "Claire Martin",
        NetworkStaff.Role.NETWORK_MANAGER,
        True,
        "network manager: network settings, legal texts, everything network-wide",
    ),
    (
        "office@demo.example",
        "Karim Benali",
        NetworkStaff.Role.OFFICE_MANAGER,
        False,
        "office manager: the work of one local office",
    ),
]


class Command(BaseCommand):
    help = (
        "Seeds the demo network: its identity and legal texts, a privacy notice and one account per role, "
        "all with the demo password. Idempotent: running it again changes nothing that already exists. "
        "Refuses to run with DEBUG off (demo passwords are public) unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Seed even though DEBUG is off.")
        parser.add_argument(
            "--scale",
            default="demo",
            help="How much data: 'demo' (a rich example network, the default), 'small' (the demo plus ~2,500 "
            "companies and 10,000 interactions, for CI) or 'region' (120 organisations, 400 advisors, 5,000 "
            "services, 250,000 companies, 1,000,000 interactions over ten years: ~10 minutes, a few GB). A scale "
            "seeds the demo first, then adds its rows once; it ends with a SEED_RESULT {json} line.",
        )

    def handle(self, *args, force=False, scale="demo", **options):
        if scale != "demo" and scale not in SCALES:
            raise CommandError(f"Unknown scale {scale!r}: use demo, small or region.")
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo creates accounts with a public password: run it with DEBUG on, or --force.")
        started = time.perf_counter()
        if scale != "demo" and not self.check_scale(SCALES[scale]):
            return
        with transaction.atomic():
            created = self.seed_network() + self.seed_privacy_notice() + load_default_themes()
            created += self.seed_accounts() + self.seed_offices()
            created += self.seed_other_apps()
        self.stdout.write(f"Demo data: {created} row(s) created." if created else "Demo data already seeded.")
        if scale != "demo":
            self.seed_scale(SCALES[scale], time.perf_counter() - started)

    def check_scale(self, scale) -> bool:
        """Before writing anything: False (and say so) when a scale was already seeded; refuse when the disk is
        short of the estimate (BYTES_PER_ROW in network.demo.scale, measured at small scale)."""
        started = time.perf_counter()
        already = sum(module.existing(scale) for module in app_modules("demo_scale") if hasattr(module, "existing"))
        if already:
            self.stdout.write(
                f"Scale data already seeded ({already} generated organisation(s)): nothing added. "
                "To seed another scale, use a fresh database."
            )
            self.result(scale, time.perf_counter() - started, {}, already_seeded=True)
            return False
        needed, directory = estimated_bytes(scale), data_directory()
        available = free_bytes(directory)
        if available < needed:
            raise CommandError(
                f"Not enough free disk for scale {scale.name}: about {needed / 1e9:.1f} GB needed, "
                f"{available / 1e9:.1f} GB free in {directory}. Free some space or use a smaller scale."
            )
        self.stdout.write(f"Scale {scale.name}: about {needed / 1e9:.1f} GB needed, {available / 1e9:.1f} GB free.")
        return True

    def seed_scale(self, scale, demo_seconds: float):
        """The scale's rows, added once by each app's ``<app>/demo_scale.py`` (``seed(scale, steps) -> {table:
        rows}``), in one transaction; see network.demo.scale."""
        started = time.perf_counter()
        self.stdout.write(f"Seeding scale {scale.name}:")
        steps = Steps(write=self.stdout.write)
        steps.seconds["demo"] = demo_seconds
        rows = {}
        with transaction.atomic():
            for module in app_modules("demo_scale"):
                rows.update(module.seed(scale, steps))
        # VACUUM as well as ANALYZE: freshly loaded pages are not yet marked all-visible, so without it index-only
        # scans (the company page's counts per organisation) would read the table until autovacuum comes by. VACUUM
        # cannot run inside a transaction (a test's): ANALYZE alone there.
        command = "ANALYZE {}" if connection.in_atomic_block else "VACUUM (ANALYZE) {}"
        with steps("vacuum"), connection.cursor() as cursor:
            for table in rows:
                cursor.execute(sql.SQL(command).format(sql.Identifier(table)))
        seconds = time.perf_counter() - started + demo_seconds
        width = max(map(len, rows), default=0)
        for table, count in rows.items():
            self.stdout.write(f"  {table:<{width}} {count:>10,} rows")
        self.stdout.write(f"Scale {scale.name} seeded in {seconds:.1f} s.")
        self.result(scale, seconds, rows, steps=steps.seconds)

    def result(self, scale, seconds: float, rows: dict, *, steps=None, already_seeded=False):
        """The machine-readable last line, for the benchmark (bench/ records ``seconds`` as ``seed_seconds``)."""
        result = {"scale": scale.name, "seconds": round(seconds, 1), "rows": rows}
        if steps:
            result["steps"] = {name: round(value, 1) for name, value in steps.items()}
        if already_seeded:
            result["already_seeded"] = True
        self.stdout.write("SEED_RESULT " + json.dumps(result))

    def seed_network(self) -> int:
        network = Network.objects.filter(id=1).first() or Network(id=1)
        if network.region:  # already configured by a previous seed or by a network manager
            return 0
        network.name = "Réseau Croissance Centre-Val de Loire"
        network.short_name = "Croissance CVL"
        network.tagline_fr = (
            "Un seul réseau d'organisations publiques et privées pour accompagner les entreprises du "
            "Centre-Val de Loire : dites-nous votre besoin, nous trouvons qui fait quoi."
        )
        network.tagline_en = (
            "One network of public and private organisations supporting companies in Centre-Val de Loire: "
            "tell us your need, we find who does what."
        )
        network.region = "Centre-Val de Loire"
        network.country = Network.Country.FRANCE
        network.time_zone = "Europe/Paris"
        network.contact_email = "contact@croissance-cvl.example"
        network.contact_phone = "02 38 00 00 00"
        network.address = "6 rue du Carbone\n45100 Orléans"
        network.legal_notice_fr, network.legal_notice_en = texts.LEGAL_NOTICE_FR, texts.LEGAL_NOTICE_EN
        network.accessibility_statement_fr = texts.ACCESSIBILITY_FR
        network.accessibility_statement_en = texts.ACCESSIBILITY_EN
        network.save()
        return 1

    def seed_privacy_notice(self) -> int:
        _notice, created = PrivacyNotice.objects.get_or_create(
            version=1, defaults={"body_fr": texts.PRIVACY_FR, "body_en": texts.PRIVACY_EN}
        )
        return int(created)

    def seed_other_apps(self) -> int:
        """Each app above ``network`` seeds its own demo data in ``<app>/demo.py`` (``seed() -> rows created``);
        this command does not import them by name, so dependencies keep pointing one way."""
        created = 0
        for module in app_modules("demo"):
            if module.__name__ != "network.demo":
                created += module.seed()
        return created

    def seed_offices(self) -> int:
        created_count = 0
        departements = {territory.code: territory for territory in Territory.objects.departements()}
        offices = {}
        for slug, name, departement_code, address, phone, is_head, _manager in DEMO_OFFICES:
            office, created = Office.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "address": address,
                    "phone": phone,
                    "email": f"{slug}@croissance-cvl.example",
                    "is_head_office": is_head and not Office.objects.filter(is_head_office=True).exists(),
                    "opening_hours_fr": OPENING_HOURS_FR,
                    "opening_hours_en": OPENING_HOURS_EN,
                },
            )
            offices[slug] = office
            created_count += int(created)
            departement = departements.get(departement_code)
            if created and departement and not OfficeDepartement.objects.filter(departement=departement).exists():
                OfficeDepartement.objects.create(office=office, departement=departement)
        for commune_name, office_slug in DEMO_OVERRIDES:
            commune = Territory.objects.communes().filter(search_name=search_key(commune_name)).first()
            if commune and offices.get(office_slug) and not OfficeCommune.objects.filter(commune=commune).exists():
                OfficeCommune.objects.create(commune=commune, office=offices[office_slug])
                created_count += 1
        for slug, _name, _code, _address, _phone, _is_head, (email, full_name) in DEMO_OFFICES:
            user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                created_count += 1
            staff, created = NetworkStaff.objects.get_or_create(
                user=user, defaults={"role": NetworkStaff.Role.OFFICE_MANAGER, "office": offices[slug]}
            )
            if staff.office_id is None:  # seeded before offices existed
                staff.office = offices[slug]
                staff.save(update_fields=["office", "updated_at"])
            created_count += int(created)
        manager = NetworkStaff.objects.filter(user__email="manager@demo.example", office__isnull=True).first()
        if manager:
            manager.office = offices["loiret"]
            manager.save(update_fields=["office", "updated_at"])
        return created_count

    def seed_accounts(self) -> int:
        created_count = 0
        for email, full_name, role, is_staff, _description in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                email=email, defaults={"full_name": full_name, "is_staff": is_staff, "is_superuser": is_staff}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                created_count += 1
            _staff, staff_created = NetworkStaff.objects.get_or_create(user=user, defaults={"role": role})
            created_count += int(staff_created)
        return created_count

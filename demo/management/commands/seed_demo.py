import json
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from psycopg import sql

from demo import companies, companies_scale, members, members_scale
from demo.data import load
from demo.scale import SCALES, Steps, data_directory, estimated_bytes, free_bytes
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

NETWORK = load("network")  # identity, legal texts, offices

SEED_MODULES = (members, companies)
SCALE_MODULES = (members_scale, companies_scale)

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
        short of the estimate (BYTES_PER_ROW in demo.scale, measured at small scale)."""
        started = time.perf_counter()
        already = sum(module.existing(scale) for module in SCALE_MODULES if hasattr(module, "existing"))
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
        """The scale's rows, added once by each of ``SCALE_MODULES`` (``seed(scale, steps) -> {table: rows}``), in
        one transaction; see demo.scale."""
        started = time.perf_counter()
        self.stdout.write(f"Seeding scale {scale.name}:")
        steps = Steps(write=self.stdout.write)
        steps.seconds["demo"] = demo_seconds
        rows = {}
        with transaction.atomic():
            for module in SCALE_MODULES:
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
        for field, value in NETWORK["identity"].items():
            setattr(network, field, value)
        network.country = Network.Country.FRANCE
        network.legal_notice_fr, network.legal_notice_en = NETWORK["legal_notice"]["fr"], NETWORK["legal_notice"]["en"]
        network.accessibility_statement_fr = NETWORK["accessibility"]["fr"]
        network.accessibility_statement_en = NETWORK["accessibility"]["en"]
        network.save()
        return 1

    def seed_privacy_notice(self) -> int:
        _notice, created = PrivacyNotice.objects.get_or_create(
            version=1, defaults={"body_fr": NETWORK["privacy"]["fr"], "body_en": NETWORK["privacy"]["en"]}
        )
        return int(created)

    def seed_other_apps(self) -> int:
        """The members' demo data, then the companies' (``seed() -> rows created``), in dependency order."""
        return sum(module.seed() for module in SEED_MODULES)

    def seed_offices(self) -> int:
        created_count = 0
        departements = {territory.code: territory for territory in Territory.objects.departements()}
        offices = {}
        for demo in NETWORK["offices"]:
            office, created = Office.objects.get_or_create(
                slug=demo["slug"],
                defaults={
                    "name": demo["name"],
                    "address": demo["address"],
                    "phone": demo["phone"],
                    "email": f"{demo['slug']}@croissance-cvl.example",
                    "is_head_office": demo["head_office"] and not Office.objects.filter(is_head_office=True).exists(),
                    "opening_hours_fr": NETWORK["opening_hours"]["fr"],
                    "opening_hours_en": NETWORK["opening_hours"]["en"],
                },
            )
            offices[demo["slug"]] = office
            created_count += int(created)
            departement = departements.get(demo["departement"])
            if created and departement and not OfficeDepartement.objects.filter(departement=departement).exists():
                OfficeDepartement.objects.create(office=office, departement=departement)
        for override in NETWORK["commune_overrides"]:
            commune = Territory.objects.communes().filter(search_name=search_key(override["commune"])).first()
            office = offices.get(override["office"])
            if commune and office and not OfficeCommune.objects.filter(commune=commune).exists():
                OfficeCommune.objects.create(commune=commune, office=office)
                created_count += 1
        for demo in NETWORK["offices"]:
            slug, (email, full_name) = demo["slug"], demo["manager"]
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

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from network.demo import texts
from network.models import Network, NetworkStaff, PrivacyNotice, User

DEMO_PASSWORD = "demo-portal-2026"

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

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo creates accounts with a public password: run it with DEBUG on, or --force.")
        with transaction.atomic():
            created = self.seed_network() + self.seed_privacy_notice() + self.seed_accounts()
        self.stdout.write(f"Demo data: {created} row(s) created." if created else "Demo data already seeded.")

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

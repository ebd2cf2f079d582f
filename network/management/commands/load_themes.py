from django.core.management.base import BaseCommand

from network.themes import load_default_themes


class Command(BaseCommand):
    help = (
        "Loads the default bilingual expertise tree (creation, financing, innovation, export...). Idempotent: only "
        "missing themes are created; themes renamed or added by network managers are left alone."
    )

    def handle(self, *args, **options):
        created = load_default_themes()
        self.stdout.write(f"Themes: {created} created." if created else "Themes: already loaded.")

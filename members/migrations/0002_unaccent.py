from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Accent-insensitive search of organisation names ("societe" finds "Société")."""

    dependencies = [("members", "0001_initial")]

    operations = [UnaccentExtension()]

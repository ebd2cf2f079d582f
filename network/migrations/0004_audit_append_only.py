from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("network", "0003_geography_themes_audit")]

    operations = []

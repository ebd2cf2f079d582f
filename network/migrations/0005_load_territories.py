from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("network", "0004_audit_append_only")]

    operations = []

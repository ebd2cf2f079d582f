from django.db import migrations


def create_singleton(apps, schema_editor):
    Network = apps.get_model("network", "Network")
    Network.objects.get_or_create(id=1)


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(create_singleton, migrations.RunPython.noop)]

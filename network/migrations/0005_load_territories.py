"""Ships Centre-Val de Loire: its région, 6 départements and 1,754 communes (see network/data/README.md)."""

from django.db import migrations


def load_territories(apps, schema_editor):
    from network.territories import load_centre_val_de_loire

    result = load_centre_val_de_loire(
        model=apps.get_model("network", "Territory"), using=schema_editor.connection.alias
    )
    if result.errors:  # the shipped file is checked by the tests: a bad row here is a packaging bug
        line, message = result.errors[0]
        raise RuntimeError(f"network/data territories file, line {line}: {message}")


class Migration(migrations.Migration):
    dependencies = [("network", "0004_audit_append_only")]

    operations = [migrations.RunPython(load_territories, migrations.RunPython.noop)]

"""The counting triggers of migration 0002, now declared on the model (``Interaction.Meta.triggers``) and kept by
django-pgtrigger: the hand-written ones are dropped, the declared ones (the same function body, events and
condition) created, in one transaction, so no contact goes uncounted in between. The counts need no rebuild.
``referrals_rebuild_company_activity()`` stays (migration 0002)."""

from importlib import import_module

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations

DROP_HAND_WRITTEN = """
DROP TRIGGER IF EXISTS referrals_interaction_activity_moved ON referrals_interaction;
DROP TRIGGER IF EXISTS referrals_interaction_activity_written ON referrals_interaction;
DROP FUNCTION IF EXISTS referrals_interaction_activity();
"""

# Backwards: 0002's statements again (idempotent; they recount too), after the declared triggers are removed.
HAND_WRITTEN = import_module("referrals.migrations.0002_company_activity").FORWARD


class Migration(migrations.Migration):

    dependencies = [
        ('referrals', '0003_order_by_name'),
    ]

    operations = [
        migrations.RunSQL(sql=DROP_HAND_WRITTEN, reverse_sql=HAND_WRITTEN),
        pgtrigger.migrations.AddTrigger(
            model_name='interaction',
            trigger=pgtrigger.compiler.Trigger(name='interaction_activity_written', sql=pgtrigger.compiler.UpsertTriggerSql(func="\n    IF TG_OP IN ('UPDATE', 'DELETE') THEN\n        UPDATE referrals_companyactivity AS a\n           SET contacts = a.contacts - 1,\n               last_on = CASE WHEN OLD.occurred_on < a.last_on THEN a.last_on\n                              ELSE coalesce((SELECT max(i.occurred_on) FROM referrals_interaction i\n                                              WHERE i.company_id = OLD.company_id\n                                                AND i.organisation_id = OLD.organisation_id), a.last_on) END\n         WHERE a.company_id = OLD.company_id AND a.organisation_id = OLD.organisation_id;\n        DELETE FROM referrals_companyactivity\n         WHERE company_id = OLD.company_id AND organisation_id = OLD.organisation_id AND contacts <= 0;\n    END IF;\n    IF TG_OP IN ('UPDATE', 'INSERT') THEN\n        INSERT INTO referrals_companyactivity AS a (company_id, organisation_id, contacts, last_on)\n        VALUES (NEW.company_id, NEW.organisation_id, 1, NEW.occurred_on)\n        ON CONFLICT (company_id, organisation_id) DO UPDATE\n           SET contacts = a.contacts + 1, last_on = greatest(a.last_on, EXCLUDED.last_on);\n    END IF;\n    RETURN NULL;\n", hash='24fc20cd9b847cdfa2f914650fde78eb0f11783f', operation='INSERT OR DELETE', pgid='pgtrigger_interaction_activity_written_95ec2', table='referrals_interaction', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='interaction',
            trigger=pgtrigger.compiler.Trigger(name='interaction_activity_moved', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."company_id" IS DISTINCT FROM (NEW."company_id") OR OLD."occurred_on" IS DISTINCT FROM (NEW."occurred_on") OR OLD."organisation_id" IS DISTINCT FROM (NEW."organisation_id"))', func="\n    IF TG_OP IN ('UPDATE', 'DELETE') THEN\n        UPDATE referrals_companyactivity AS a\n           SET contacts = a.contacts - 1,\n               last_on = CASE WHEN OLD.occurred_on < a.last_on THEN a.last_on\n                              ELSE coalesce((SELECT max(i.occurred_on) FROM referrals_interaction i\n                                              WHERE i.company_id = OLD.company_id\n                                                AND i.organisation_id = OLD.organisation_id), a.last_on) END\n         WHERE a.company_id = OLD.company_id AND a.organisation_id = OLD.organisation_id;\n        DELETE FROM referrals_companyactivity\n         WHERE company_id = OLD.company_id AND organisation_id = OLD.organisation_id AND contacts <= 0;\n    END IF;\n    IF TG_OP IN ('UPDATE', 'INSERT') THEN\n        INSERT INTO referrals_companyactivity AS a (company_id, organisation_id, contacts, last_on)\n        VALUES (NEW.company_id, NEW.organisation_id, 1, NEW.occurred_on)\n        ON CONFLICT (company_id, organisation_id) DO UPDATE\n           SET contacts = a.contacts + 1, last_on = greatest(a.last_on, EXCLUDED.last_on);\n    END IF;\n    RETURN NULL;\n", hash='8628762c335a347c9fe66e699f1eb901b3659672', operation='UPDATE OF "company_id", "organisation_id", "occurred_on"', pgid='pgtrigger_interaction_activity_moved_930b6', table='referrals_interaction', when='AFTER')),
        ),
    ]

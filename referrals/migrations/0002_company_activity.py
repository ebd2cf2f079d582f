"""Stored counts for "who works with this company" (issue 7): ``referrals_companyactivity`` holds, per company and
organisation, how many contacts were logged and the last one's date, so the company page reads a few rows instead
of counting thousands of contacts on every visit.

Row triggers on ``referrals_interaction`` keep it, whatever writes the contacts (the application, a merge's bulk
update, the admin, a script):

- a new contact adds one to its pair, upserted (``ON CONFLICT``), so two advisors logging at once both count;
- a deleted one takes one off, and its pair's last date is read again from the contacts only when the deleted one
  was the last; a pair left with none is removed;
- an update that changes the company (a merge), the organisation or the date does both, for the old and the new
  pair; any other update does not fire (``WHEN``).

Counts move by one under the pair's row lock, so concurrent writers never lose one. TRUNCATE, which the test runner's
flush uses, fires no row trigger: it empties both tables. ``referrals_rebuild_company_activity()`` recounts
everything from the contacts: the bulk seed (``referrals/demo_scale.py``) turns the triggers off for its COPY and calls
it after, and this migration calls it once for the contacts already there. PL/pgSQL and ``EXECUTE FUNCTION``:
PostgreSQL 11 and later.
"""

import django.db.models.deletion
from django.db import migrations, models

FORWARD = """
CREATE OR REPLACE FUNCTION referrals_interaction_activity() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE referrals_companyactivity AS a
           SET contacts = a.contacts - 1,
               last_on = CASE WHEN OLD.occurred_on < a.last_on THEN a.last_on
                              ELSE coalesce((SELECT max(i.occurred_on) FROM referrals_interaction i
                                              WHERE i.company_id = OLD.company_id
                                                AND i.organisation_id = OLD.organisation_id), a.last_on) END
         WHERE a.company_id = OLD.company_id AND a.organisation_id = OLD.organisation_id;
        DELETE FROM referrals_companyactivity
         WHERE company_id = OLD.company_id AND organisation_id = OLD.organisation_id AND contacts <= 0;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO referrals_companyactivity AS a (company_id, organisation_id, contacts, last_on)
        VALUES (NEW.company_id, NEW.organisation_id, 1, NEW.occurred_on)
        ON CONFLICT (company_id, organisation_id) DO UPDATE
           SET contacts = a.contacts + 1, last_on = greatest(a.last_on, EXCLUDED.last_on);
    END IF;
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS referrals_interaction_activity_written ON referrals_interaction;
CREATE TRIGGER referrals_interaction_activity_written
    AFTER INSERT OR DELETE ON referrals_interaction
    FOR EACH ROW EXECUTE FUNCTION referrals_interaction_activity();

DROP TRIGGER IF EXISTS referrals_interaction_activity_moved ON referrals_interaction;
CREATE TRIGGER referrals_interaction_activity_moved
    AFTER UPDATE OF company_id, organisation_id, occurred_on ON referrals_interaction
    FOR EACH ROW
    WHEN (OLD.company_id IS DISTINCT FROM NEW.company_id
          OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id
          OR OLD.occurred_on IS DISTINCT FROM NEW.occurred_on)
    EXECUTE FUNCTION referrals_interaction_activity();

-- Room on each page for the new version of a row whose count changes (a HOT update, no index entry to add).
ALTER TABLE referrals_companyactivity SET (fillfactor = 70);

CREATE OR REPLACE FUNCTION referrals_rebuild_company_activity() RETURNS bigint
LANGUAGE sql AS $$
    DELETE FROM referrals_companyactivity;
    -- In company order, so that a company's rows share a page or two: the company page reads them all.
    INSERT INTO referrals_companyactivity (company_id, organisation_id, contacts, last_on)
    SELECT company_id, organisation_id, count(*), max(occurred_on)
      FROM referrals_interaction
     GROUP BY company_id, organisation_id
     ORDER BY company_id, organisation_id;
    SELECT count(*) FROM referrals_companyactivity;
$$;

SELECT referrals_rebuild_company_activity();
"""

REVERSE = """
DROP FUNCTION IF EXISTS referrals_rebuild_company_activity();
DROP TRIGGER IF EXISTS referrals_interaction_activity_moved ON referrals_interaction;
DROP TRIGGER IF EXISTS referrals_interaction_activity_written ON referrals_interaction;
DROP FUNCTION IF EXISTS referrals_interaction_activity();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0005_advisor_profile_search'),
        ('referrals', '0001_companies_interactions'),
    ]

    operations = [
        migrations.CreateModel(
            name='CompanyActivity',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('contacts', models.PositiveIntegerField(verbose_name='contacts')),
                ('last_on', models.DateField(verbose_name='last contact')),
                ('company', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='activity', to='referrals.company')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='activity', to='members.memberorganisation')),
            ],
            options={
                'verbose_name': 'activity with a company',
                'verbose_name_plural': 'activity with companies',
                'constraints': [models.UniqueConstraint(fields=('company', 'organisation'), name='company_activity_once')],
            },
        ),
        migrations.RunSQL(sql=FORWARD, reverse_sql=REVERSE),
    ]

"""The audit trail and the access log are append-only (SECURITY.md LG-4).

A row trigger refuses every UPDATE, and every DELETE unless the purge service (``network.audit``) has run
``SET LOCAL network.audit_purge = 'on'`` in the same transaction. ``REVOKE`` alone would do nothing when the
application connects as the table owner or a superuser. Row triggers do not fire on TRUNCATE, which the test
runner's flush uses. Plain PL/pgSQL and ``EXECUTE FUNCTION``: PostgreSQL 11 and later.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION network_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('network.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'network_auditentry and network_accesslog are append-only'
        USING ERRCODE = 'P0001',
              DETAIL = format('%s refused on %s.', TG_OP, TG_TABLE_NAME),
              HINT = 'Rows are removed only by network.audit.purge_audit() and purge_access_log().';
END;
$$;

DROP TRIGGER IF EXISTS network_auditentry_append_only ON network_auditentry;
CREATE TRIGGER network_auditentry_append_only
    BEFORE UPDATE OR DELETE ON network_auditentry
    FOR EACH ROW EXECUTE FUNCTION network_audit_append_only();

DROP TRIGGER IF EXISTS network_accesslog_append_only ON network_accesslog;
CREATE TRIGGER network_accesslog_append_only
    BEFORE UPDATE OR DELETE ON network_accesslog
    FOR EACH ROW EXECUTE FUNCTION network_audit_append_only();
"""

REVERSE = """
DROP TRIGGER IF EXISTS network_accesslog_append_only ON network_accesslog;
DROP TRIGGER IF EXISTS network_auditentry_append_only ON network_auditentry;
DROP FUNCTION IF EXISTS network_audit_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("network", "0003_geography_themes_audit")]

    operations = [migrations.RunSQL(sql=FORWARD, reverse_sql=REVERSE)]

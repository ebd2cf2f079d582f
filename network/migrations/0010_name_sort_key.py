from django.db import migrations

# An SQL-standard body (PostgreSQL 14+) binds ``unaccent`` and its dictionary when the function is created, so the
# function does not depend on the search_path of whoever calls it. Declared immutable, which the unaccent rules
# file allows in practice (the usual way to index unaccented text): an index may hold the key.
CREATE = """
CREATE OR REPLACE FUNCTION name_sort_key(name text) RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN convert_to(lower(unaccent('unaccent'::regdictionary, name)), 'UTF8');
"""


class Migration(migrations.Migration):
    """The key every list sorted by a name orders on (network/ordering.py): lower case, without accents, as bytes."""

    dependencies = [("network", "0009_admin_labels_in_french")]

    operations = [migrations.RunSQL(CREATE, reverse_sql="DROP FUNCTION IF EXISTS name_sort_key(text);")]

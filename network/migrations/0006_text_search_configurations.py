from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

# simple_unaccent keeps whole words (no stemming, no stop words): it serves prefix matching while someone types,
# where a stemmed prefix would be too short ("lea" stems to "le" and matches half the dictionary).
CONFIGURATIONS = {"french_unaccent": "french", "english_unaccent": "english", "simple_unaccent": "simple"}

CREATE = """
DROP TEXT SEARCH CONFIGURATION IF EXISTS {name};
CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{base});
ALTER TEXT SEARCH CONFIGURATION {name}
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {dictionary};
"""


class Migration(migrations.Migration):
    """Full-text search that ignores accents and stems words: "financement" finds "Financements", "etudes" finds
    "études". One configuration per language column (DESIGN §2); stored generated tsvector columns use them."""

    dependencies = [("network", "0005_load_territories")]

    operations = [
        UnaccentExtension(),
        *(
            migrations.RunSQL(
                CREATE.format(name=name, base=base, dictionary="simple" if base == "simple" else f"{base}_stem"), reverse_sql=f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name};"
            )
            for name, base in CONFIGURATIONS.items()
        ),
    ]

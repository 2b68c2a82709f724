"""PostgreSQL full-text and trigram search: pg_trgm, a trigger-maintained weighted search
vector, a GIN index on it and a trigram GIN index on the name.

The trigger and GIN indexes exist only on PostgreSQL (SQLite, used by `make run`, searches with
icontains) and are deliberately not declared on the model, so SQLite table rebuilds never try to
recreate them. Weights: name A; previous content (its label) and cooperage B; description C.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# Labels of catalog.models.PreviousContent, frozen here (a new migration re-creates the function
# when they change).
PREVIOUS_CONTENT_LABELS = {
    "red_wine": "Red wine",
    "white_wine": "White wine",
    "bordeaux": "Bordeaux wine",
    "burgundy": "Burgundy wine",
    "bourbon": "Bourbon",
    "whisky": "Scotch whisky",
    "sherry": "Sherry",
    "port": "Port",
    "madeira": "Madeira",
    "rum": "Rum",
    "cognac": "Cognac",
    "tequila": "Tequila",
    "none": "Unused (new)",
}


def _label_case() -> str:
    whens = " ".join(
        f"WHEN '{code}' THEN '{label}'" for code, label in PREVIOUS_CONTENT_LABELS.items()
    )
    return f"CASE NEW.previous_content {whens} ELSE NEW.previous_content END"


FORWARD_SQL = [
    f"""
    CREATE OR REPLACE FUNCTION catalog_barrel_search_vector_update() RETURNS trigger AS $$
    BEGIN
      NEW.search_vector :=
        setweight(to_tsvector('english'::regconfig, coalesce(NEW.name, '')), 'A') ||
        setweight(to_tsvector('english'::regconfig, {_label_case()}), 'B') ||
        setweight(to_tsvector('english'::regconfig, coalesce(NEW.cooperage, '')), 'B') ||
        setweight(to_tsvector('english'::regconfig, coalesce(NEW.description, '')), 'C');
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql;
    """,
    "DROP TRIGGER IF EXISTS catalog_barrel_search_vector ON catalog_barrel;",
    """
    CREATE TRIGGER catalog_barrel_search_vector
      BEFORE INSERT OR UPDATE OF name, description, previous_content, cooperage, search_vector
      ON catalog_barrel FOR EACH ROW EXECUTE FUNCTION catalog_barrel_search_vector_update();
    """,
    # Fill the vector of rows that exist already (the trigger fires on this update).
    "UPDATE catalog_barrel SET search_vector = NULL;",
    "CREATE INDEX IF NOT EXISTS catalog_barrel_search_gin "
    "ON catalog_barrel USING gin (search_vector);",
    "CREATE INDEX IF NOT EXISTS catalog_barrel_name_trgm "
    "ON catalog_barrel USING gin (name gin_trgm_ops);",
]

BACKWARD_SQL = [
    "DROP INDEX IF EXISTS catalog_barrel_name_trgm;",
    "DROP INDEX IF EXISTS catalog_barrel_search_gin;",
    "DROP TRIGGER IF EXISTS catalog_barrel_search_vector ON catalog_barrel;",
    "DROP FUNCTION IF EXISTS catalog_barrel_search_vector_update();",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0002_search_and_view_counts"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(_run(FORWARD_SQL), _run(BACKWARD_SQL)),
    ]

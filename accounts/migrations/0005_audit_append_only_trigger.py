"""The audit log is append-only in the database too: UPDATE and DELETE raise.

PostgreSQL (production, tests) gets a plpgsql trigger; SQLite (`make run` without a
DATABASE_URL) gets the equivalent SQLite triggers.
"""

from django.db import migrations

POSTGRES_CREATE = """
CREATE OR REPLACE FUNCTION accounts_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'accounts_auditentry is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER accounts_auditentry_no_update_delete
    BEFORE UPDATE OR DELETE ON accounts_auditentry
    FOR EACH ROW EXECUTE FUNCTION accounts_auditentry_append_only();
"""

POSTGRES_DROP = """
DROP TRIGGER IF EXISTS accounts_auditentry_no_update_delete ON accounts_auditentry;
DROP FUNCTION IF EXISTS accounts_auditentry_append_only();
"""

SQLITE_CREATE = [
    "CREATE TRIGGER accounts_auditentry_no_update BEFORE UPDATE ON accounts_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'accounts_auditentry is append-only (UPDATE refused)'); END;",
    "CREATE TRIGGER accounts_auditentry_no_delete BEFORE DELETE ON accounts_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'accounts_auditentry is append-only (DELETE refused)'); END;",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS accounts_auditentry_no_update;",
    "DROP TRIGGER IF EXISTS accounts_auditentry_no_delete;",
]


def _run(schema_editor, *, postgres: str, sqlite: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(postgres, params=None)  # no placeholders: the SQL has a literal %
    elif vendor == "sqlite":
        for statement in sqlite:
            schema_editor.execute(statement, params=None)


def create(apps, schema_editor):
    _run(schema_editor, postgres=POSTGRES_CREATE, sqlite=SQLITE_CREATE)


def drop(apps, schema_editor):
    _run(schema_editor, postgres=POSTGRES_DROP, sqlite=SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_encrypt_existing_phones")]

    operations = [migrations.RunPython(create, drop)]

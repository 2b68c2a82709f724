"""Re-encrypt every encrypted column with the first FIELD_ENCRYPTION_KEYS key.

Run after putting a new key first; once it has run, older keys can be removed.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from vwb_site.core.crypto import (
    EncryptedTextField,
    JSONWithEncryptedKeysField,
    rotate,
    rotate_existing_json_keys,
)


def encrypted_columns():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                yield model, field


def rotate_all(*, batch_size: int = 500) -> int:
    """Rewrite each non-empty encrypted value with the first key. Returns values rewritten."""
    count = 0
    quote = connection.ops.quote_name
    for model, field in encrypted_columns():
        table, column, pk = (
            quote(model._meta.db_table),
            quote(field.column),
            quote(model._meta.pk.column),
        )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {pk}, {column} FROM {table} "  # noqa: S608 - quoted names
                f"WHERE {column} <> '' FOR UPDATE"
            )
            rows = cursor.fetchall()
            for start in range(0, len(rows), batch_size):
                batch = [(rotate(value), key) for key, value in rows[start : start + batch_size]]
                cursor.executemany(f"UPDATE {table} SET {column} = %s WHERE {pk} = %s", batch)  # noqa: S608
                count += len(batch)
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, JSONWithEncryptedKeysField):
                with transaction.atomic():
                    rotate_existing_json_keys(
                        connection, model._meta.db_table, [field.column], field.encrypted_keys
                    )
    return count


class Command(BaseCommand):
    help = "Re-encrypt encrypted fields with the first key of FIELD_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        count = rotate_all()
        self.stdout.write(f"Re-encrypted {count} values with the current key.")

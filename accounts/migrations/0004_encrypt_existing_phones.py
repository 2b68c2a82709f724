"""Encrypt the phone numbers stored in clear before the columns became encrypted."""

from django.db import migrations

COLUMNS = [("accounts_user", "phone"), ("accounts_address", "phone")]


def encrypt_existing(apps, schema_editor):
    from vwb_site.core.crypto import encrypt, is_encrypted

    with schema_editor.connection.cursor() as cursor:
        for table, column in COLUMNS:
            cursor.execute(f"SELECT id, {column} FROM {table} WHERE {column} <> ''")  # noqa: S608
            rows = [(encrypt(value), pk) for pk, value in cursor.fetchall()
                    if not is_encrypted(value)]
            cursor.executemany(f"UPDATE {table} SET {column} = %s WHERE id = %s", rows)  # noqa: S608


def decrypt_existing(apps, schema_editor):
    from vwb_site.core.crypto import decrypt, is_encrypted

    with schema_editor.connection.cursor() as cursor:
        for table, column in COLUMNS:
            cursor.execute(f"SELECT id, {column} FROM {table} WHERE {column} <> ''")  # noqa: S608
            rows = [(decrypt(value), pk) for pk, value in cursor.fetchall() if is_encrypted(value)]
            cursor.executemany(f"UPDATE {table} SET {column} = %s WHERE id = %s", rows)  # noqa: S608


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_privacy_audit_encryption")]

    operations = [migrations.RunPython(encrypt_existing, decrypt_existing)]

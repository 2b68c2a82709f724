"""Field-level encryption at rest: Fernet tokens keyed by FIELD_ENCRYPTION_KEYS.

The first key encrypts; every key decrypts (MultiFernet), so keys rotate without downtime:
put the new key first, deploy, run `manage.py rotate_encryption_keys`, then drop the old key.
Keys are Fernet keys (32 url-safe base64 bytes); anything else is stretched with SHA-256 so a
development passphrase still works. Empty values stay empty (nothing to hide, and `blank`
checks keep working). Encrypted columns cannot be searched or filtered by value.
"""

import base64
import hashlib
import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

TOKEN_PREFIX = "gAAAAA"  # noqa: S105 - every Fernet token (version byte 0x80) starts with it


def _fernet(key: str) -> Fernet:
    raw = key.encode()
    try:
        if len(base64.urlsafe_b64decode(raw)) == 32:
            return Fernet(raw)
    except (ValueError, TypeError):
        pass
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(raw).digest()))


@lru_cache(maxsize=8)
def _multi(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty.")
    return MultiFernet([_fernet(k) for k in keys])


def crypter() -> MultiFernet:
    return _multi(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(value: str) -> str:
    if not value:
        return value
    return crypter().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return token
    try:
        return crypter().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            "An encrypted value cannot be decrypted with FIELD_ENCRYPTION_KEYS "
            "(a key was removed before `rotate_encryption_keys` ran?)."
        ) from None


def rotate(token: str) -> str:
    """Re-encrypt `token` with the first key (MultiFernet.rotate)."""
    if not token:
        return token
    return crypter().rotate(token.encode()).decode()


def is_encrypted(value: str) -> bool:
    return bool(value) and value.startswith(TOKEN_PREFIX)


class EncryptedTextField(models.TextField):
    """A text column holding a Fernet token; Python sees the plain string.

    `max_length` limits the plain value (forms, serializers); the column is `text`.
    """

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name not in {"isnull", "exact"}:
            return None
        return super().get_lookup(lookup_name)


class JSONWithEncryptedKeysField(models.JSONField):
    """A JSON object (an address snapshot) whose `encrypted_keys` hold Fernet tokens in the
    column; Python sees plain values. The other keys stay queryable (`shipping_address__country`).

    Only string values of a top-level object are encrypted; a value already encrypted is left
    alone. Lookups on an encrypted key cannot match (tokens are randomised), as for
    `EncryptedTextField`; reading the key alone (`values("shipping_address__phone")`) decrypts.
    """

    def __init__(self, *args, encrypted_keys: tuple[str, ...] = (), **kwargs):
        self.encrypted_keys = tuple(encrypted_keys)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["encrypted_keys"] = self.encrypted_keys
        return name, path, args, kwargs

    def _map(self, value, func):
        if not isinstance(value, dict):
            return value
        return {
            key: func(val) if key in self.encrypted_keys and isinstance(val, str) else val
            for key, val in value.items()
        }

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return self._map(value, lambda v: v if is_encrypted(v) else encrypt(v))

    def from_db_value(self, value, expression, connection):
        value = super().from_db_value(value, expression, connection)
        key_name = getattr(expression, "key_name", None)
        if key_name is not None:
            secret = key_name in self.encrypted_keys and is_encrypted(value)
            return decrypt(value) if secret else value
        return self._map(value, lambda v: decrypt(v) if is_encrypted(v) else v)


def encrypt_existing_columns(connection, columns: list[tuple[str, str]]) -> None:
    """For data migrations that turn a plain text column into an EncryptedTextField:
    encrypt the values stored in clear (those already encrypted are left alone)."""
    with connection.cursor() as cursor:
        for table, column in columns:
            cursor.execute(f"SELECT id, {column} FROM {table} WHERE {column} <> ''")  # noqa: S608
            rows = [
                (encrypt(value), pk) for pk, value in cursor.fetchall() if not is_encrypted(value)
            ]
            cursor.executemany(f"UPDATE {table} SET {column} = %s WHERE id = %s", rows)  # noqa: S608


def decrypt_existing_columns(connection, columns: list[tuple[str, str]]) -> None:
    """The reverse of `encrypt_existing_columns`, for migrating backwards."""
    with connection.cursor() as cursor:
        for table, column in columns:
            cursor.execute(f"SELECT id, {column} FROM {table} WHERE {column} <> ''")  # noqa: S608
            rows = [(decrypt(value), pk) for pk, value in cursor.fetchall() if is_encrypted(value)]
            cursor.executemany(f"UPDATE {table} SET {column} = %s WHERE id = %s", rows)  # noqa: S608


def _map_json_keys(connection, table: str, columns: list[str], keys: tuple[str, ...], func) -> None:
    with connection.cursor() as cursor:
        for column in columns:
            cursor.execute(f"SELECT id, {column} FROM {table}")  # noqa: S608
            rows = []
            for pk, raw in cursor.fetchall():
                data = json.loads(raw) if isinstance(raw, str) else raw
                if not isinstance(data, dict):
                    continue
                changed = {}
                for key, val in data.items():
                    if key in keys and isinstance(val, str) and (new := func(val)) != val:
                        changed[key] = new
                if changed:
                    rows.append((json.dumps({**data, **changed}), pk))
            cursor.executemany(f"UPDATE {table} SET {column} = %s WHERE id = %s", rows)  # noqa: S608


def encrypt_existing_json_keys(connection, table: str, columns: list[str], keys: tuple[str, ...]):
    """For data migrations to a JSONWithEncryptedKeysField: encrypt the keys stored in clear."""
    _map_json_keys(connection, table, columns, keys, lambda v: v if is_encrypted(v) else encrypt(v))


def decrypt_existing_json_keys(connection, table: str, columns: list[str], keys: tuple[str, ...]):
    """The reverse of `encrypt_existing_json_keys`, for migrating backwards."""
    _map_json_keys(connection, table, columns, keys, lambda v: decrypt(v) if is_encrypted(v) else v)


def rotate_existing_json_keys(connection, table: str, columns: list[str], keys: tuple[str, ...]):
    """Re-encrypt the encrypted keys with the first key (`rotate_encryption_keys`)."""
    _map_json_keys(connection, table, columns, keys, lambda v: rotate(v) if is_encrypted(v) else v)

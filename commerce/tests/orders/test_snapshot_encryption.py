"""The phone numbers of an order's address snapshots are encrypted at rest, like the user's and
the address book's; the API, the export and erasure still see (or blank) the plain number."""

import importlib
from types import SimpleNamespace

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from accounts.privacy.erasure import user_erase
from accounts.privacy.export import export_build
from catalog.tests.factories import BarrelFactory
from commerce.models import Order
from commerce.tests.api.helpers import INLINE_DE, body
from commerce.tests.factories import ADDRESS, order_create
from vwb_site.core.crypto import is_encrypted

pytestmark = pytest.mark.django_db
PHONE = "+33 5 56 00 11 22"
MIGRATION = importlib.import_module("commerce.migrations.0006_encrypt_order_snapshot_phones")


def _raw(pk) -> tuple[str, str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT shipping_address->>'phone', billing_address->>'phone', "
            "shipping_address::text || billing_address::text FROM commerce_order WHERE id = %s",
            [pk],
        )
        return cursor.fetchone()


def _with_phone(**extra):
    return order_create(
        shipping_address={**ADDRESS, "phone": PHONE},
        billing_address={**ADDRESS, "phone": "+33 6 00 00 00 01"},
        **extra,
    )


def test_the_column_holds_ciphertext_and_the_model_the_number():
    order = _with_phone()
    shipping, billing, whole = _raw(order.pk)
    assert is_encrypted(shipping) and is_encrypted(billing)
    assert PHONE not in whole and "+33 6 00 00 00 01" not in whole
    assert "Bordeaux" in whole  # only the phone is encrypted; the rest stays queryable
    fresh = Order.objects.get(pk=order.pk)
    assert fresh.shipping_address["phone"] == PHONE
    assert fresh.billing_address["phone"] == "+33 6 00 00 00 01"
    assert Order.objects.filter(pk=order.pk, shipping_address__country="FR").exists()
    assert (
        Order.objects.filter(pk=order.pk).values_list("shipping_address__phone", flat=True).get()
        == PHONE
    )


def test_checkout_through_the_api_stores_ciphertext_and_the_api_returns_the_number(
    client_for, b2c_user, stripe_settings
):
    api = client_for(b2c_user)
    response = api.post(
        "/v1/orders", body((BarrelFactory(), 1), address={**INLINE_DE, "phone": PHONE})
    )
    assert response.status_code == 201, response.content
    order_id = response.json()["order"]["id"]
    shipping, _, whole = _raw(order_id)
    assert is_encrypted(shipping) and PHONE not in whole
    detail = api.get(f"/v1/orders/{order_id}").json()
    assert detail["shipping_address"]["phone"] == PHONE


def test_the_data_migration_encrypts_existing_rows_and_reverses():
    order = _with_phone()
    schema_editor = SimpleNamespace(connection=connection)
    MIGRATION.decrypt_existing(None, schema_editor)  # rows as they were before the migration
    assert _raw(order.pk)[0] == PHONE
    MIGRATION.encrypt_existing(None, schema_editor)
    first = _raw(order.pk)[0]
    assert is_encrypted(first)
    MIGRATION.encrypt_existing(None, schema_editor)  # already encrypted: left alone
    assert _raw(order.pk)[0] == first
    assert Order.objects.get(pk=order.pk).shipping_address["phone"] == PHONE


def test_export_has_the_number_and_erasure_blanks_it(b2c_user):
    order = _with_phone(user=b2c_user, status="delivered")
    exported = export_build(user=b2c_user)["data"]["commerce.Order"][0]
    assert exported["shipping_address"]["phone"] == PHONE
    user_erase(user=b2c_user, reason="test")
    shipping, billing, _ = _raw(order.pk)
    assert shipping == "" and billing == ""
    assert Order.objects.get(pk=order.pk).shipping_address["country"] == "FR"


def test_key_rotation_reencrypts_the_snapshot_phones(settings):
    order = _with_phone()
    before = _raw(order.pk)[0]
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, *settings.FIELD_ENCRYPTION_KEYS]
    call_command("rotate_encryption_keys")
    after = _raw(order.pk)[0]
    assert after != before and is_encrypted(after)
    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS[:1]
    assert Order.objects.get(pk=order.pk).shipping_address["phone"] == PHONE

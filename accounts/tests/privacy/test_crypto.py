import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from accounts.models import Address, Company, User
from accounts.tests.factories import AddressFactory, CompanyFactory, UserFactory
from vwb_site.core.crypto import is_encrypted

pytestmark = pytest.mark.django_db
PHONE = "+33 5 56 00 11 22"


def _raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_encrypted_columns_hold_no_plaintext_in_postgresql():
    user = UserFactory(phone=PHONE)
    address = AddressFactory(user=user, phone=PHONE)
    company = CompanyFactory(
        bank_iban="FR7630006000011234567890189",
        bank_bic="AGRIFRPP",
        bank_account_holder="Camille Martin",
    )
    for table, column, pk, plain in [
        ("accounts_user", "phone", user.pk, PHONE),
        ("accounts_address", "phone", address.pk, PHONE),
        ("accounts_company", "bank_iban", company.pk, "FR7630006000011234567890189"),
        ("accounts_company", "bank_bic", company.pk, "AGRIFRPP"),
        ("accounts_company", "bank_account_holder", company.pk, "Camille Martin"),
    ]:
        raw = _raw(table, column, pk)
        assert plain not in raw and is_encrypted(raw), (table, column)
    assert User.objects.get(pk=user.pk).phone == PHONE
    assert Address.objects.get(pk=address.pk).phone == PHONE
    assert Company.objects.get(pk=company.pk).bank_iban == "FR7630006000011234567890189"


def test_empty_values_stay_empty():
    user = UserFactory(phone="")
    assert _raw("accounts_user", "phone", user.pk) == ""


def test_key_rotation_keeps_old_rows_readable(settings):
    key_a, key_b = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [key_a]
    user = UserFactory(phone=PHONE)
    raw_a = _raw("accounts_user", "phone", user.pk)

    settings.FIELD_ENCRYPTION_KEYS = [key_b, key_a]
    assert User.objects.get(pk=user.pk).phone == PHONE  # old row, new key first
    call_command("rotate_encryption_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    raw_b = _raw("accounts_user", "phone", user.pk)
    assert raw_b != raw_a and PHONE not in raw_b

    settings.FIELD_ENCRYPTION_KEYS = [key_b]
    assert User.objects.get(pk=user.pk).phone == PHONE
    settings.FIELD_ENCRYPTION_KEYS = [key_a]
    with pytest.raises(ImproperlyConfigured):
        User.objects.get(pk=user.pk)

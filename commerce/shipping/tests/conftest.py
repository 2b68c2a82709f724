"""Shipping tests rely on seeded data (freight: 0003_shipping_seed; VAT rates for checkout:
0003_orders_seed_vat_rates). A transactional test elsewhere in the run (or a reused database)
may have flushed it: put it back when missing."""

import importlib

import pytest


def ensure_default_shipping_data() -> None:
    from django.apps import apps

    from commerce.models import ShippingZone, VatRate

    if not ShippingZone.objects.exists():
        importlib.import_module("commerce.migrations.0003_shipping_seed").seed(apps, None)
    if not VatRate.objects.exists():
        importlib.import_module("commerce.migrations.0003_orders_seed_vat_rates").seed(apps, None)


@pytest.fixture(autouse=True)
def _default_shipping_data(request):
    uses_db = request.node.get_closest_marker("django_db") or (
        {"db", "transactional_db"} & set(request.fixturenames)
    )
    if uses_db:
        request.getfixturevalue("db")
        ensure_default_shipping_data()

"""Fixtures for commerce's own tests only."""

import importlib

import pytest
from django.apps import apps


@pytest.fixture(autouse=True)
def _reference_data(db):
    """VAT rates and freight tables come from data migrations; tests that use a transactional
    database flush them at teardown (and --reuse-db keeps the flushed database), so put them
    back when they are missing. Idempotent, two queries when they are there."""
    from commerce.models import ShippingZone, VatRate

    if not VatRate.objects.exists():
        importlib.import_module("commerce.migrations.0003_orders_seed_vat_rates").seed(apps, None)
    if not ShippingZone.objects.exists():
        importlib.import_module("commerce.migrations.0003_shipping_seed").seed(apps, None)

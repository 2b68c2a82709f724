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


@pytest.fixture(scope="session")
def easypost_server():
    """The fake EasyPost API (commerce/tests/fakes/easypost_server.py), one per test session."""
    from commerce.tests.fakes.easypost_server import FakeEasyPost

    fake = FakeEasyPost().start()
    yield fake
    fake.stop()


@pytest.fixture
def easypost(easypost_server, settings, db):
    """EasyPost switched on against the fake: key, webhook secret, base URL, and the carrier row
    using the EasyPost adapter. The fake's state is reset for each test."""
    from commerce.models import Carrier, CarrierAdapterKind
    from commerce.tests.fakes.easypost_server import API_KEY, WEBHOOK_SECRET

    easypost_server.reset()
    settings.EASYPOST_API_KEY = API_KEY
    settings.EASYPOST_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.EASYPOST_BASE_URL = easypost_server.api_base
    Carrier.objects.update_or_create(
        code="easypost",
        defaults={
            "name": "Express parcel (UPS, DHL Express, FedEx via EasyPost)",
            "adapter": CarrierAdapterKind.EASYPOST,
            "active": True,
        },
    )
    return easypost_server

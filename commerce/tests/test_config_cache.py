"""Checkout's configuration (country rules, zones, rate tables and bands, VAT rates) is read
from the cache once warm, and an administrator's change is priced by the very next request."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.tests.factories import BarrelFactory
from commerce.models import CountryRule, RateTable, VatRate, WeightBand
from commerce.tests.api.helpers import INLINE_DE, body

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stripe_settings")]
PREVIEW = "/v1/orders/preview"
CONFIG_TABLES = (
    "commerce_countryrule",
    "commerce_shippingzone",
    "commerce_shippingmethod",
    "commerce_ratetable",
    "commerce_weightband",
    "commerce_palletcapacityband",
    "commerce_vatrate",
)


def config_queries(captured) -> list[str]:
    return [q["sql"] for q in captured if any(f'"{t}"' in q["sql"] for t in CONFIG_TABLES)]


def preview(client, barrel, **kw):
    response = client.post(PREVIEW, body((barrel, 2), address=INLINE_DE, **kw))
    return response.status_code, response.json()


def test_a_warm_preview_reads_no_configuration_from_the_database(client_for, b2c_user):
    barrel = BarrelFactory(stock_quantity=5)
    client = client_for(b2c_user)
    with CaptureQueriesContext(connection) as cold:
        assert preview(client, barrel)[0] == 200
    assert config_queries(cold.captured_queries)  # the first request reads them
    with CaptureQueriesContext(connection) as warm:
        status, data = preview(client, barrel)
    assert status == 200 and data["shipping"]["method_code"] == "road-pallet"
    assert config_queries(warm.captured_queries) == []


def test_changed_rates_bands_and_vat_are_priced_by_the_next_request(client_for, b2c_user):
    barrel = BarrelFactory(stock_quantity=5, volume_liters=225)
    client = client_for(b2c_user)
    _, before = preview(client, barrel)
    table = RateTable.objects.get(zone__countries__contains="DE", method__code="road-pallet")
    for band in WeightBand.objects.filter(rate_table=table):
        band.price_per_pallet += Decimal("100.00")
        band.save()
    _, after = preview(client, barrel)
    assert Decimal(after["shipping"]["price"]) > Decimal(before["shipping"]["price"])

    VatRate.objects.filter(country="DE").get().delete()
    VatRate.objects.create(country="DE", standard_rate=Decimal("21.00"))
    _, taxed = preview(client, barrel)
    assert taxed["tax"]["rate"] == "21.00"


def test_a_destination_blocked_by_an_administrator_is_refused_at_once(client_for, b2c_user):
    barrel = BarrelFactory(stock_quantity=5)
    client = client_for(b2c_user)
    assert preview(client, barrel)[0] == 200
    rule, _ = CountryRule.objects.update_or_create(
        country="DE", defaults={"shipping_allowed": False, "last_reviewed_at": date.today()}
    )
    status, data = preview(client, barrel)
    assert (status, data["code"]) == (422, "destination_blocked")
    rule.delete()
    assert preview(client, barrel)[0] == 200


def test_with_redis_down_checkout_reads_its_configuration_from_the_database(
    client_for,
    b2c_user,
    redis_down,
):
    barrel = BarrelFactory(stock_quantity=5)
    client = client_for(b2c_user)
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            status, data = preview(client, barrel)
        assert status == 200 and data["can_place"] is True
        assert config_queries(queries.captured_queries)

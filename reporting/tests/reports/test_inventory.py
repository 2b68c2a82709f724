from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from catalog.models import BarrelStatus, StockMovement
from catalog.tests.factories import BarrelFactory
from reporting.reports import get_report
from reporting.reports.base import ReportParams, no_progress
from reporting.tests.helpers import at

pytestmark = pytest.mark.django_db

Reason = StockMovement.Reason


@pytest.fixture
def stock(settings):
    settings.CATALOG_LOW_STOCK_THRESHOLD = 2
    now = timezone.now()
    a = BarrelFactory(
        sku="INV-A",
        stock_quantity=10,
        reserved_quantity=2,
        cost_price=Decimal("100.00"),
        price=Decimal("200.00"),
        listed_at=now - timedelta(days=10),
        wood_type="french_oak",
        previous_content="bordeaux",
        origin_country="FR",
    )
    b = BarrelFactory(
        sku="INV-B",
        stock_quantity=2,
        reserved_quantity=1,
        cost_price=Decimal("50.00"),
        price=Decimal("120.00"),
        listed_at=now - timedelta(days=100),
        wood_type="american_oak",
        previous_content="bourbon",
        origin_country="US",
    )
    BarrelFactory(sku="INV-C", stock_quantity=0, status=BarrelStatus.ARCHIVED)
    d = BarrelFactory(
        sku="INV-D",
        stock_quantity=3,
        status=BarrelStatus.DRAFT,
        cost_price=None,
        price=Decimal("80.00"),
        listed_at=None,
    )
    moves = [
        (a, Reason.RECEIPT, 10, 0, at(2026, 3, 1)),
        (a, Reason.RESERVATION, 0, 2, at(2026, 3, 2)),
        (b, Reason.RECEIPT, 3, 0, at(2026, 3, 2)),
        (b, Reason.SALE, -1, -1, at(2026, 3, 2, 15)),
        (d, Reason.ADJUSTMENT, 3, 0, at(2026, 4, 15)),  # outside the period
    ]
    for barrel, reason, ds, dr, when in moves:
        m = StockMovement.objects.create(
            barrel=barrel,
            reason=reason,
            stock_delta=ds,
            reserved_delta=dr,
            stock_after=0,
            reserved_after=0,
        )
        StockMovement.objects.filter(id=m.id).update(created_at=when)
    return {"a": a, "b": b, "d": d}


def build(**filters):
    params = ReportParams(date(2026, 3, 1), date(2026, 3, 31), filters)
    return get_report("inventory").build(params, no_progress)


def records(table):
    return [dict(zip([c.key for c in table.columns], row, strict=True)) for row in table.rows()]


def test_inventory_values_stock_per_barrel_at_cost_and_price(stock):
    result = build()
    rows = {r["sku"]: r for r in records(result.table("stock"))}
    assert sorted(rows) == ["INV-A", "INV-B", "INV-D"]  # archived and empty: left out
    a = rows["INV-A"]
    assert (a["stock_quantity"], a["reserved_quantity"], a["available"]) == (10, 2, 8)
    assert a["value_at_cost"] == Decimal("1000.00")
    assert a["value_at_price"] == Decimal("2000.00")
    assert a["age_days"] == 10
    assert a["low_stock"] == "no"
    assert rows["INV-B"]["low_stock"] == "yes"
    assert rows["INV-D"]["value_at_cost"] is None
    assert rows["INV-D"]["age_days"] is None
    summary = {s.label: s.value for s in result.summary}
    assert summary["Units in stock"] == 15
    assert summary["Units reserved"] == 3
    assert summary["Stock value at cost (EUR)"] == Decimal("1100.00")
    assert summary["Stock value at price (EUR)"] == Decimal("2480.00")
    assert summary["Low-stock barrels (available <= 2)"] == 1


def test_inventory_ageing_buckets_count_barrels_units_and_value(stock):
    ageing = {r["bucket"]: r for r in records(build().table("ageing"))}
    assert list(ageing) == ["0-30 days", "91-180 days", "never listed"]
    assert ageing["0-30 days"]["units"] == 10
    assert ageing["0-30 days"]["value_at_cost"] == Decimal("1000.00")
    assert ageing["91-180 days"]["value_at_price"] == Decimal("240.00")
    assert ageing["never listed"]["barrels"] == 1
    assert ageing["never listed"]["value_at_cost"] == Decimal("0.00")


def test_inventory_low_stock_lists_only_active_barrels_at_or_below_threshold(stock):
    low = records(build().table("low_stock"))
    assert [(r["sku"], r["available"]) for r in low] == [("INV-B", 1)]


def test_inventory_movements_are_those_of_the_period_grouped_in_sql(stock):
    result = build()
    by_day = records(result.table("movements_by_day"))
    assert [
        (r["day"], r["reason"], r["movements"], r["stock_delta"], r["reserved_delta"])
        for r in by_day
    ] == [
        (date(2026, 3, 1), "receipt", 1, 10, 0),
        (date(2026, 3, 2), "receipt", 1, 3, 0),
        (date(2026, 3, 2), "reservation", 1, 0, 2),
        (date(2026, 3, 2), "sale", 1, -1, -1),
    ]
    by_barrel = {r["barrel__sku"]: r for r in records(result.table("movements_by_barrel"))}
    assert by_barrel["INV-B"]["received"] == 3
    assert by_barrel["INV-B"]["sold"] == -1
    assert by_barrel["INV-B"]["stock_delta"] == 2
    assert "INV-D" not in by_barrel
    summary = {s.label: s.value for s in result.summary}
    assert summary["Stock movements in the period"] == 4


def test_inventory_filters_by_wood_type_and_origin(stock):
    result = build(wood_type="american_oak")
    assert [r["sku"] for r in records(result.table("stock"))] == ["INV-B"]
    assert {r["barrel__sku"] for r in records(result.table("movements_by_barrel"))} == {"INV-B"}
    assert [r["sku"] for r in records(build(country="FR").table("stock"))] == ["INV-A", "INV-D"]


def test_inventory_of_an_empty_catalog_is_empty_not_an_error():
    result = build()
    assert all(len(t.frame) == 0 for t in result.tables)
    assert {s.label: s.value for s in result.summary}["Units in stock"] == 0

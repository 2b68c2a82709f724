from datetime import date
from decimal import Decimal as D

import pytest

from catalog.models import BarrelViewCount
from catalog.tests.factories import BarrelFactory
from reporting.reports import get_report
from reporting.reports.base import ReportParams, no_progress
from reporting.tests.data import sales_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    data = sales_data()
    never_sold = BarrelFactory(
        sku="P3", name="Sherry butt", wood_type="european_oak", previous_content="sherry"
    )
    for barrel, day, views in (
        (data.p1, 1, 30),
        (data.p1, 20, 10),
        (data.p2, 5, 8),
        (never_sold, 6, 12),
        (data.p2, 28, 100),
    ):
        month = 2 if day == 28 else 3  # the 28 February views are outside the period
        BarrelViewCount.objects.create(barrel=barrel, date=date(2026, month, day), views=views)
    return data


def build(**filters):
    params = ReportParams(date(2026, 3, 1), date(2026, 3, 31), filters)
    return get_report("products").build(params, no_progress)


def records(table):
    return [dict(zip([c.key for c in table.columns], row, strict=True)) for row in table.rows()]


def test_units_orders_revenue_and_conversion_by_barrel(data):
    rows = {r["sku"]: r for r in records(build().table("by_barrel"))}
    p1, p2, p3 = rows["P1"], rows["P2"], rows["P3"]
    assert (p1["units"], p1["orders"], p1["revenue"], p1["views"]) == (3, 2, D("560.00"), 40)
    assert p1["conversion"] == D("0.0500")
    assert (p2["units"], p2["orders"], p2["revenue"], p2["views"]) == (3, 2, D("300.00"), 8)
    assert p2["conversion"] == D("0.2500")
    assert (p3["units"], p3["orders"], p3["revenue"], p3["views"]) == (0, 0, None, 12)
    assert p3["conversion"] == D("0.0000")
    assert [r["sku"] for r in records(build().table("by_barrel"))] == ["P1", "P2", "P3"]


def test_units_and_revenue_by_attribute(data):
    result = build()
    by_wood = {
        r["value"]: (r["barrels"], r["units"], r["orders"], r["revenue"])
        for r in records(result.table("by_wood_type"))
    }
    assert by_wood == {"american_oak": (1, 3, 2, D("300.00")), "french_oak": (1, 3, 2, D("560.00"))}
    by_content = {r["value"]: r["units"] for r in records(result.table("by_previous_content"))}
    assert by_content == {"bordeaux": 3, "bourbon": 3}
    summary = {s.label: s.value for s in result.summary}
    assert summary["Units sold"] == 6
    assert summary["Product views"] == 60
    assert summary["Orders per view (viewed barrels)"] == D("0.0667")
    assert summary["Revenue (EUR)"] == D("860.00")


def test_product_filters_keep_only_matching_barrels_lines(data):
    rows = records(build(wood_type="american_oak").table("by_barrel"))
    assert [(r["sku"], r["units"], r["views"]) for r in rows] == [("P2", 3, 8)]
    b2b = records(build(customer_type="b2b").table("by_barrel"))
    assert {(r["sku"], r["units"]) for r in b2b if r["units"]} == {("P1", 2), ("P2", 1)}

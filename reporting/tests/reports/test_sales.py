from datetime import date
from decimal import Decimal as D

import pytest

from reporting.reports import get_report
from reporting.reports.base import ReportParams, no_progress
from reporting.tests.data import sales_data

pytestmark = pytest.mark.django_db
MARCH = (date(2026, 3, 1), date(2026, 3, 31))
KEYS = ("orders", "units", "gross", "refunds", "net", "aov")


@pytest.fixture
def data():
    return sales_data()


def build(**filters):
    return get_report("sales").build(ReportParams(*MARCH, filters), no_progress)


def figures(table, key):
    out = {}
    for row in table.rows():
        record = dict(zip([c.key for c in table.columns], row, strict=True))
        out[record[key]] = tuple(record[k] for k in KEYS)
    return out


def test_sales_by_day_counts_paid_orders_and_nets_refunds_on_their_day(data):
    by_day = figures(build().table("by_day"), "period")
    assert by_day == {
        date(2026, 3, 2): (2, 3, D("500.00"), D("0.00"), D("500.00"), D("250.00")),
        date(2026, 3, 10): (1, 3, D("500.00"), D("0.00"), D("500.00"), D("500.00")),
        date(2026, 3, 11): (0, 0, D("0.00"), D("30.00"), D("-30.00"), None),
        date(2026, 3, 12): (0, 0, D("0.00"), D("50.00"), D("-50.00"), None),
    }


def test_sales_by_week_and_month(data):
    result = build()
    assert figures(result.table("by_week"), "period") == {
        date(2026, 3, 2): (2, 3, D("500.00"), D("0.00"), D("500.00"), D("250.00")),
        date(2026, 3, 9): (1, 3, D("500.00"), D("80.00"), D("420.00"), D("500.00")),
    }
    assert figures(result.table("by_month"), "period") == {
        date(2026, 3, 1): (3, 6, D("1000.00"), D("80.00"), D("920.00"), D("333.33")),
    }


def test_sales_by_country_and_customer_type(data):
    result = build()
    assert figures(result.table("by_country"), "key") == {
        "DE": (2, 5, D("700.00"), D("50.00"), D("650.00"), D("350.00")),
        "FR": (1, 1, D("300.00"), D("30.00"), D("270.00"), D("300.00")),
    }
    assert figures(result.table("by_customer_type"), "key") == {
        "b2b": (1, 3, D("500.00"), D("50.00"), D("450.00"), D("500.00")),
        "b2c": (2, 3, D("500.00"), D("30.00"), D("470.00"), D("250.00")),
    }


def test_sales_summary_totals(data):
    summary = {s.label: s.value for s in build().summary}
    assert summary["Orders (EUR)"] == 3
    assert summary["Units (EUR)"] == 6
    assert summary["Revenue (EUR)"] == D("1000.00")
    assert summary["Refunds (EUR)"] == D("80.00")
    assert summary["Net revenue (EUR)"] == D("920.00")
    assert summary["Average order value (EUR)"] == D("333.33")


def test_sales_goods_shipping_and_vat_columns_add_up(data):
    table = build().table("by_month")
    record = dict(zip([c.key for c in table.columns], next(table.rows()), strict=True))
    assert (record["goods"], record["shipping"], record["tax"]) == (
        D("860.00"),
        D("90.00"),
        D("50.00"),
    )


def test_sales_filters_select_orders(data):
    fr = figures(build(country="FR").table("by_month"), "period")
    assert fr == {date(2026, 3, 1): (1, 1, D("300.00"), D("30.00"), D("270.00"), D("300.00"))}
    b2b = figures(build(customer_type="b2b").table("by_month"), "period")
    assert b2b == {date(2026, 3, 1): (1, 3, D("500.00"), D("50.00"), D("450.00"), D("500.00"))}
    # Orders holding an American oak barrel: O2 and O3 (and O5's refund).
    oak = figures(build(wood_type="american_oak").table("by_month"), "period")
    assert oak == {date(2026, 3, 1): (2, 5, D("700.00"), D("80.00"), D("620.00"), D("350.00"))}
    bordeaux = figures(build(previous_content="bordeaux").table("by_month"), "period")
    assert bordeaux[date(2026, 3, 1)][:3] == (2, 4, D("800.00"))


def test_sales_of_an_empty_period_is_empty_not_an_error(data):
    result = get_report("sales").build(
        ReportParams(date(2025, 1, 1), date(2025, 1, 31)), no_progress
    )
    assert all(len(t.frame) == 0 for t in result.tables)
    assert [s.label for s in result.summary] == ["Orders"]


def test_sales_line_detail_streams_every_line_of_the_period(data):
    stream = get_report("sales").detail(ReportParams(*MARCH))
    rows = list(stream.queryset)
    assert [(r[0], r[6], r[8]) for r in rows] == [
        ("VWB-2026-000001", "P1", 1),
        ("VWB-2026-000002", "P2", 2),
        ("VWB-2026-000003", "P1", 2),
        ("VWB-2026-000003", "P2", 1),
    ]
    assert len(stream.columns) == len(rows[0])

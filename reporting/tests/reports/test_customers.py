from datetime import date
from decimal import Decimal as D

import pytest

from reporting.reports import get_report
from reporting.reports.base import ReportParams, no_progress
from reporting.tests.data import sales_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    return sales_data()


def build(date_from=date(2026, 3, 1), date_to=date(2026, 3, 31), **filters):
    return get_report("customers").build(ReportParams(date_from, date_to, filters), no_progress)


def records(table):
    return [dict(zip([c.key for c in table.columns], row, strict=True)) for row in table.rows()]


def test_new_vs_returning_uses_each_customers_first_paid_order_ever(data):
    result = build()
    assert records(result.table("new_vs_returning")) == [
        {
            "month": date(2026, 3, 1),
            "currency": "EUR",
            "new_customers": 2,
            "returning_customers": 1,
            "new_revenue": D("700.00"),
            "returning_revenue": D("300.00"),
        }
    ]
    summary = {s.label: s.value for s in result.summary}
    assert summary["Customers who bought"] == 3
    assert summary["New customers (first purchase in the period)"] == 2
    assert summary["Returning customers"] == 1


def test_new_vs_returning_by_month_across_two_months(data):
    rows = records(build(date(2026, 2, 1), date(2026, 3, 31)).table("new_vs_returning"))
    assert [(r["month"], r["new_customers"], r["returning_customers"]) for r in rows] == [
        (date(2026, 2, 1), 1, 0),
        (date(2026, 3, 1), 2, 1),
    ]


def test_top_customers_are_ranked_by_revenue(data):
    top = records(build().table("top_customers"))
    assert [(r["rank"], r["email"], r["orders"], r["revenue"], r["status"]) for r in top] == [
        (1, "carl@example.com", 1, D("500.00"), "new"),
        (2, "alice@example.com", 1, D("300.00"), "returning"),
        (3, "bob@example.com", 1, D("200.00"), "new"),
    ]
    assert top[0]["company"] == "Brennerei Chai GmbH"
    assert top[0]["customer_type"] == "b2b" and top[0]["country"] == "DE"
    assert top[1]["name"] == "Alice Aubert"


def test_customers_by_country_and_b2b_companies(data):
    result = build()
    assert [
        (r["country"], r["customers"], r["orders"], r["revenue"])
        for r in records(result.table("by_country"))
    ] == [
        ("DE", 2, 2, D("700.00")),
        ("FR", 1, 1, D("300.00")),
    ]
    assert [
        (r["company"], r["vat_number"], r["buyers"], r["orders"], r["revenue"])
        for r in records(result.table("companies"))
    ] == [
        ("Brennerei Chai GmbH", "DE123456789", 1, 1, D("500.00")),
    ]


def test_customers_filtered_by_customer_type(data):
    top = records(build(customer_type="b2c").table("top_customers"))
    assert [r["email"] for r in top] == ["alice@example.com", "bob@example.com"]
    assert records(build(customer_type="b2c").table("companies")) == []


def test_customers_of_an_empty_period(data):
    result = build(date(2025, 1, 1), date(2025, 1, 31))
    assert all(len(t.frame) == 0 for t in result.tables)

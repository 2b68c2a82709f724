from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from accounts.tests.factories import B2BUserFactory
from quotes.models import Quote, QuoteVersion
from reporting.reports import get_report
from reporting.reports.base import ReportParams, no_progress
from reporting.tests.helpers import at

pytestmark = pytest.mark.django_db


def make_quote(
    n, buyer, requested, status, country, *, offer_after_hours=None, total="0.00", valid_until=None
):
    quote = Quote.objects.create(
        number=f"Q-2026-{n:06d}",
        user=buyer,
        company=buyer.company,
        status=status,
        destination_country=country,
        quoted_price=D(total) if offer_after_hours else None,
    )
    Quote.objects.filter(pk=quote.pk).update(request_date=requested)
    if offer_after_hours is not None:
        version = QuoteVersion.objects.create(
            quote=quote,
            number=1,
            lines_subtotal=D(total),
            freight_amount=D(0),
            net_total=D(total),
            vat_amount=D(0),
            total=D(total),
            valid_until=valid_until or date(2026, 4, 30),
            payment_terms="bank_transfer",
        )
        QuoteVersion.objects.filter(pk=version.pk).update(
            created_at=requested + timedelta(hours=offer_after_hours)
        )
        Quote.objects.filter(pk=quote.pk).update(current_version=version)
    return quote


@pytest.fixture
def quotes_data():
    buyer = B2BUserFactory()
    make_quote(1, buyer, at(2026, 3, 1, 10), "accepted", "DE", offer_after_hours=6, total="1000.00")
    make_quote(
        2,
        buyer,
        at(2026, 3, 3, 0),
        "expired",
        "FR",
        offer_after_hours=24,
        total="500.00",
        valid_until=date(2026, 3, 10),
    )
    make_quote(3, buyer, at(2026, 3, 5), "rejected", "DE", offer_after_hours=2, total="300.00")
    make_quote(4, buyer, at(2026, 3, 6), "pending", "DE")
    make_quote(5, buyer, at(2026, 3, 7), "cancelled", "FR")
    make_quote(6, buyer, at(2026, 2, 20), "accepted", "DE", offer_after_hours=1, total="99.00")
    return buyer


def build(**filters):
    params = ReportParams(date(2026, 3, 1), date(2026, 3, 31), filters)
    return get_report("quotes").build(params, no_progress)


def records(table):
    return [dict(zip([c.key for c in table.columns], row, strict=True)) for row in table.rows()]


def test_quotes_requests_offers_acceptance_and_median_time_to_offer(quotes_data):
    result = build()
    summary = {s.label: s.value for s in result.summary}
    assert summary["Quote requests"] == 5
    assert summary["Offers sent (EUR)"] == 3
    assert summary["Accepted (EUR)"] == 1
    assert summary["Acceptance rate (EUR)"] == D("0.3333")
    assert summary["Median hours to first offer (EUR)"] == D("6.0")
    assert summary["Value quoted (EUR)"] == D("1800.00")
    assert summary["Value accepted (EUR)"] == D("1000.00")
    assert summary["Expired offers (EUR)"] == 1
    [month] = records(result.table("by_month"))
    assert (month["month"], month["requests"], month["rejected"], month["cancelled"]) == (
        date(2026, 3, 1),
        5,
        1,
        1,
    )


def test_quotes_by_destination_and_expired_offers(quotes_data):
    result = build()
    by_country = {r["destination_country"]: r for r in records(result.table("by_country"))}
    de, fr = by_country["DE"], by_country["FR"]
    assert (de["requests"], de["offered"], de["accepted"], de["acceptance_rate"]) == (
        3,
        2,
        1,
        D("0.5000"),
    )
    assert de["median_hours_to_offer"] == D("4.0")
    assert (de["value_quoted"], de["value_accepted"]) == (D("1300.00"), D("1000.00"))
    assert (fr["offered"], fr["accepted"], fr["acceptance_rate"]) == (1, 0, D("0.0000"))
    [expired] = records(result.table("expired"))
    assert (
        expired["number"],
        expired["current_version__valid_until"],
        expired["quoted_price"],
    ) == ("Q-2026-000002", date(2026, 3, 10), D("500.00"))
    statuses = {r["status"]: r["quotes"] for r in records(result.table("by_status"))}
    assert statuses == {"accepted": 1, "cancelled": 1, "expired": 1, "pending": 1, "rejected": 1}


def test_quotes_filtered_by_destination_and_empty_period(quotes_data):
    summary = {s.label: s.value for s in build(country="FR").summary}
    assert summary["Quote requests"] == 2
    empty = get_report("quotes").build(
        ReportParams(date(2025, 1, 1), date(2025, 1, 31)), no_progress
    )
    assert all(len(t.frame) == 0 for t in empty.tables)
    assert [s.label for s in empty.summary] == ["Quote requests"]


def test_pending_quotes_panel_lists_quotes_awaiting_an_offer(client, manager, quotes_data):
    client.force_login(manager)
    html = client.get("/admin/").content.decode()
    assert "Quotes awaiting an offer" in html
    assert "Q-2026-000004" in html


def test_customers_report_gives_b2b_companies_their_quote_totals(quotes_data):
    from reporting.tests.data import sales_data

    sales_data()  # carl's company ordered 500.00 in March
    params = ReportParams(date(2026, 3, 1), date(2026, 3, 31))
    table = get_report("customers").build(params, no_progress).table("companies")
    rows = {r["company"]: r for r in records(table)}
    carl = rows["Brennerei Chai GmbH"]
    assert (carl["orders"], carl["revenue"], carl["quotes"]) == (1, D("500.00"), 0)
    quoting = rows[quotes_data.company.legal_name]
    assert (quoting["orders"], quoting["revenue"]) == (0, D("0.00"))
    assert (quoting["quotes"], quoting["quotes_accepted"]) == (5, 1)
    assert (quoting["value_quoted"], quoting["value_accepted"]) == (D("1800.00"), D("1000.00"))

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from reporting.models import DashboardPanelConfig
from reporting.tests.data import make_order, make_refund, sales_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def recent_sales():
    data = sales_data()
    now = timezone.now()
    make_order("VWB-2026-000101", data.bob, now - timedelta(days=1), "DE", [(data.p2, 1, "120.00")])
    make_order(
        "VWB-2026-000102", data.alice, now - timedelta(days=2), "FR", [(data.p1, 1, "200.00")]
    )
    make_order(
        "VWB-2026-000103",
        data.alice,
        now - timedelta(days=2),
        "FR",
        [(data.p1, 1, "200.00")],
        paid=False,
    )
    old = make_order(
        "VWB-2026-000104", data.carl, now - timedelta(days=60), "DE", [(data.p1, 1, "50.00")]
    )
    make_refund(old, "20.00", now - timedelta(hours=3))
    return data


def test_default_dashboard_shows_revenue_chart_orders_by_status_and_low_stock(
    client, manager, recent_sales
):
    client.force_login(manager)
    html = client.get("/admin/").content.decode()
    assert "Revenue (last 30 days)" in html
    # Net revenue of the last 30 days: 120 + 200 paid, 20 refunded.
    assert "Net revenue over the period: <strong>300.00 EUR</strong>" in html
    assert html.count("<rect") == 30  # one bar per day
    assert "Orders by status (last 30 days)" in html
    pending = re.search(r'class="status-pending"><td>[^<]+</td><td>(\d+)</td>', html)
    processing = re.search(r'class="status-processing"><td>[^<]+</td><td>(\d+)</td>', html)
    assert (pending.group(1), processing.group(1)) == ("1", "2")
    assert "/admin/reports/sales/download/?from=" in html


def test_kpi_panel_with_its_own_period_and_filter(client, manager, recent_sales):
    DashboardPanelConfig.objects.create(
        user=manager, panel="revenue_kpi", position=0, period_days=7, filters={"country": "FR"}
    )
    client.force_login(manager)
    html = client.get("/admin/").content.decode()
    assert "Sales figures (last 7 days; country: FR)" in html
    assert "<td>EUR</td><td>1</td><td>1</td><td>200.00</td>" in html
    assert "Orders by status" not in html  # only the chosen panels

"""Sales panels: revenue chart (inline SVG), revenue KPIs, orders by status."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder

from commerce.models import Order, OrderStatus
from reporting.dashboard.registry import PanelKind, PanelSettings, register_panel
from reporting.reports.common import money
from reporting.reports.sales import combine, totals
from reporting.selectors import sales as sel
from reporting.selectors.orders import shipping_country
from reporting.svg import svg_bar_chart

RECENT_ORDERS = 5


def _sales_report_link(settings: PanelSettings) -> str:
    params = settings.params()
    query = f"from={params.date_from.isoformat()}&to={params.date_to.isoformat()}"
    for key, value in sorted(settings.filters.items()):
        query += f"&{key}={value}"
    return f"{reverse('reporting_admin:download', args=['sales'])}?{query}"


def revenue_chart_context(settings: PanelSettings, user) -> dict:
    params = settings.params()
    df = combine(sel.sales_by_period(params=params, grain="day"), "period")
    by_day: dict = {}
    for row in df.to_dict("records"):
        day = row["period"].date()
        by_day[day] = by_day.get(day, Decimal("0.00")) + row["net"]
    days = [params.date_from + timedelta(days=i) for i in range(params.days)]
    points = [(d.strftime("%d %b"), by_day.get(d, Decimal("0.00"))) for d in days]
    currencies = sorted(set(df["currency"])) if not df.empty else []
    return {
        "svg": svg_bar_chart(points, title="Net revenue per day"),
        "total": money(sum((v for _d, v in points), Decimal("0.00"))),
        "currencies": ", ".join(currencies) or "EUR",
        "report_url": _sales_report_link(settings),
    }


def revenue_kpi_context(settings: PanelSettings, user) -> dict:
    df = combine(sel.sales_by_period(params=settings.params(), grain="month"), "period")
    rows = []
    for row in totals(df).to_dict("records"):
        orders = int(row["orders"])
        rows.append(
            {
                "currency": row["currency"],
                "orders": orders,
                "units": int(row["units"]),
                "gross": money(row["gross"]),
                "refunds": money(row["refunds"]),
                "net": money(row["net"]),
                "aov": money(row["gross"] / orders) if orders else None,
            }
        )
    return {"rows": rows, "report_url": _sales_report_link(settings)}


def orders_by_status_context(settings: PanelSettings, user) -> dict:
    params = settings.params()
    qs = Order.objects.filter(order_date__gte=params.start, order_date__lt=params.end)
    if country := settings.filters.get("country"):
        qs = qs.annotate(ship_to=shipping_country()).filter(ship_to=country)
    if customer_type := settings.filters.get("customer_type"):
        qs = qs.filter(customer_type=customer_type)
    counts = dict(qs.values_list("status").annotate(n=Count("id")).order_by())
    finder = AdminURLFinder(user)
    recent = list(qs.order_by("-order_date")[:RECENT_ORDERS])
    return {
        "statuses": [
            {"status": label, "code": code, "count": counts.get(code, 0)}
            for code, label in OrderStatus.choices
        ],
        "total": sum(counts.values()),
        "recent": [{"order": o, "url": finder.get_edit_url(o)} for o in recent],
        "report_url": _sales_report_link(settings),
    }


SALES_FILTERS = ("country", "customer_type")
register_panel(
    PanelKind(
        key="revenue_chart",
        title="Revenue",
        description="Net revenue per day (paid orders less refunds) as a bar chart.",
        template="reporting/panels/revenue_chart.html",
        context=revenue_chart_context,
        filters=SALES_FILTERS,
    )
)
register_panel(
    PanelKind(
        key="revenue_kpi",
        title="Sales figures",
        description="Orders, units, revenue, refunds, net revenue and average order value.",
        template="reporting/panels/revenue_kpi.html",
        context=revenue_kpi_context,
        filters=SALES_FILTERS,
    )
)
register_panel(
    PanelKind(
        key="orders_by_status",
        title="Orders by status",
        description="Orders placed in the period by status, and the latest ones.",
        template="reporting/panels/orders_by_status.html",
        context=orders_by_status_context,
        filters=SALES_FILTERS,
    )
)

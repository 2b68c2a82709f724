"""Inventory panels: stock value KPI and the low-stock list."""

from wagtail.admin.admin_url_finder import AdminURLFinder

from catalog.models import Barrel, BarrelStatus, low_stock_threshold
from reporting.dashboard.registry import PanelKind, PanelSettings, register_panel
from reporting.reports.common import money
from reporting.selectors import inventory as sel

LOW_STOCK_LIMIT = 10


def low_stock_context(settings: PanelSettings, user) -> dict:
    finder = AdminURLFinder(user)
    threshold = low_stock_threshold()
    qs = (
        Barrel.objects.filter(status=BarrelStatus.ACTIVE)
        .with_available()
        .filter(available_quantity__lte=threshold)
    )
    if country := settings.filters.get("country"):
        qs = qs.filter(origin_country=country)
    total = qs.count()
    barrels = list(qs.order_by("available_quantity", "sku")[:LOW_STOCK_LIMIT])
    return {
        "threshold": threshold,
        "total": total,
        "rows": [
            {"barrel": b, "available": b.available_quantity, "url": finder.get_edit_url(b)}
            for b in barrels
        ],
    }


def stock_value_context(settings: PanelSettings, user) -> dict:
    totals = sel.stock_totals(params=settings.params())
    return {
        "rows": [
            {
                "currency": t["currency"],
                "units": t["units"] or 0,
                "reserved": t["reserved"] or 0,
                "value_at_cost": money(t["value_at_cost"]),
                "value_at_price": money(t["value_at_price"]),
            }
            for t in totals
        ]
    }


register_panel(
    PanelKind(
        key="low_stock",
        title="Low-stock barrels",
        description="Active barrels at or below the low-stock threshold, with links to edit them.",
        template="reporting/panels/low_stock.html",
        context=low_stock_context,
        filters=("country",),
        uses_period=False,
    )
)
register_panel(
    PanelKind(
        key="stock_value",
        title="Stock value",
        description="Units in stock and reserved, stock value at cost and at price.",
        template="reporting/panels/stock_value.html",
        context=stock_value_context,
        filters=("country", "wood_type", "previous_content"),
        uses_period=False,
    )
)

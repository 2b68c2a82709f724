"""Sales reads: orders, units and refunds grouped by period, country and customer type."""

from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import TruncDay, TruncMonth, TruncWeek

from reporting.selectors.orders import (
    period_refunds,
    sales_lines,
    sales_orders,
    shipping_country,
)
from reporting.selectors.params import ReportParams

TRUNC = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth}
# Grouping key -> (order field, line field, refund field)
DIMENSIONS = {
    "country": (shipping_country(), shipping_country("order__"), shipping_country("order__")),
    "customer_type": (F("customer_type"), F("order__customer_type"), F("order__customer_type")),
}


def _order_totals(qs, keys: dict) -> list[dict]:
    return list(
        qs.annotate(**keys)
        .values(*keys, "currency")
        .annotate(
            orders=Count("id"),
            goods=Sum("subtotal"),
            shipping=Sum("shipping_amount"),
            tax=Sum("tax_amount"),
            gross=Sum("total_amount"),
        )
        .order_by(*keys, "currency")
    )


def _line_units(qs, keys: dict) -> list[dict]:
    return list(
        qs.annotate(**keys, currency=F("order__currency"))
        .values(*keys, "currency")
        .annotate(units=Sum("quantity"))
        .order_by(*keys, "currency")
    )


def _refunds(qs, keys: dict) -> list[dict]:
    return list(
        qs.annotate(**keys)
        .values(*keys, "currency")
        .annotate(refunds=Sum("amount"), refund_count=Count("id"))
        .order_by(*keys, "currency")
    )


def sales_by_period(*, params: ReportParams, grain: str) -> dict[str, list[dict]]:
    trunc = TRUNC[grain]
    return {
        "orders": _order_totals(sales_orders(params), {"period": trunc("order_date")}),
        "units": _line_units(sales_lines(params), {"period": trunc("order__order_date")}),
        "refunds": _refunds(period_refunds(params), {"period": trunc("created_at")}),
    }


def sales_by_dimension(*, params: ReportParams, dimension: str) -> dict[str, list[dict]]:
    order_field, line_field, refund_field = DIMENSIONS[dimension]
    return {
        "orders": _order_totals(sales_orders(params), {"key": order_field}),
        "units": _line_units(sales_lines(params), {"key": line_field}),
        "refunds": _refunds(period_refunds(params), {"key": refund_field}),
    }


def sales_line_rows(*, params: ReportParams) -> QuerySet:
    """Every line of every sale in the period (a values_list to stream, never to load)."""
    return (
        sales_lines(params)
        .annotate(country=shipping_country("order__"))
        .order_by("order__order_date", "order_id", "id")
        .values_list(
            "order__number",
            "order__order_date",
            "order__status",
            "order__customer_type",
            "country",
            "order__currency",
            "sku",
            "name",
            "quantity",
            "unit_price",
            "line_total",
        )
    )

"""Order reads shared by the sales, customers and product reports.

A sale is an order that was paid (`paid_at` set): pending orders are not revenue, and an order
cancelled after payment stays a sale whose refund is netted. Filters select orders: `country`
is the shipping country of the order's address snapshot, `customer_type` the buyer's type at
purchase time, `wood_type` / `previous_content` keep orders holding at least one such barrel.
Refunds count in the period they were made (not the order's), unless they failed.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform

from commerce.models import Order, OrderLine, Refund, RefundStatus
from reporting.selectors.params import ReportParams

COUNTRY = "shipping_address__country"


def shipping_country(prefix: str = "") -> KeyTextTransform:
    """The shipping country (text) of the order's address snapshot."""
    return KeyTextTransform("country", f"{prefix}shipping_address")


PRODUCT_FILTERS = {"wood_type": "barrel__wood_type", "previous_content": "barrel__previous_content"}


def order_filter(params: ReportParams, prefix: str = "") -> Q:
    """Conditions on an order (prefix "order__" when reading from a line or a refund)."""
    q = Q(**{f"{prefix}paid_at__isnull": False})
    if country := params.filters.get("country"):
        q &= Q(**{f"{prefix}{COUNTRY}": country})
    if customer_type := params.filters.get("customer_type"):
        q &= Q(**{f"{prefix}customer_type": customer_type})
    product = {
        field: params.filters[name]
        for name, field in PRODUCT_FILTERS.items()
        if name in params.filters
    }
    if product:
        outer = f"{prefix}pk" if prefix else "pk"
        q &= Q(Exists(OrderLine.objects.filter(order=OuterRef(outer), **product)))
    return q


def sales_orders(params: ReportParams) -> QuerySet:
    """Paid orders placed in the period that pass the filters."""
    return Order.objects.filter(
        order_filter(params), order_date__gte=params.start, order_date__lt=params.end
    )


def sales_lines(params: ReportParams) -> QuerySet:
    return OrderLine.objects.filter(
        order_filter(params, "order__"),
        order__order_date__gte=params.start,
        order__order_date__lt=params.end,
    )


def period_refunds(params: ReportParams) -> QuerySet:
    """Refunds made in the period, on orders that pass the filters (wherever they were placed)."""
    return Refund.objects.filter(
        order_filter(params, "order__"),
        created_at__gte=params.start,
        created_at__lt=params.end,
    ).exclude(status=RefundStatus.FAILED)

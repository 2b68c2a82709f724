"""Inventory reads: stock per barrel, stock movements in a period."""

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.db.models.functions import TruncDay

from catalog.models import Barrel, BarrelStatus, StockMovement
from reporting.selectors.params import ReportParams

MONEY = DecimalField(max_digits=18, decimal_places=2)


def _barrel_filter(params: ReportParams, prefix: str = "") -> Q:
    q = Q()
    lookups = {
        "wood_type": "wood_type",
        "previous_content": "previous_content",
        "country": "origin_country",
    }
    for name, field in lookups.items():
        if name in params.filters:
            q &= Q(**{f"{prefix}{field}": params.filters[name]})
    return q


def stock_barrels(*, params: ReportParams) -> QuerySet:
    """Barrels that are on sale or still hold stock, with their stock values computed in SQL."""
    return (
        Barrel.objects.filter(_barrel_filter(params))
        .exclude(status=BarrelStatus.ARCHIVED, stock_quantity=0)
        .annotate(
            available=F("stock_quantity") - F("reserved_quantity"),
            value_at_cost=ExpressionWrapper(F("stock_quantity") * F("cost_price"), MONEY),
            value_at_price=ExpressionWrapper(F("stock_quantity") * F("price"), MONEY),
        )
        .order_by("sku")
    )


def stock_rows(*, params: ReportParams) -> list[dict]:
    return list(
        stock_barrels(params=params).values(
            "id",
            "sku",
            "name",
            "status",
            "wood_type",
            "previous_content",
            "origin_country",
            "stock_quantity",
            "reserved_quantity",
            "available",
            "currency",
            "cost_price",
            "price",
            "value_at_cost",
            "value_at_price",
            "listed_at",
        )
    )


def stock_totals(*, params: ReportParams) -> list[dict]:
    """One row per currency: units in stock, reserved, and the stock value at cost and price."""
    return list(
        stock_barrels(params=params)
        .order_by()
        .values("currency")
        .annotate(
            barrels=Count("id"),
            units=Sum("stock_quantity"),
            reserved=Sum("reserved_quantity"),
            value_at_cost=Sum("value_at_cost"),
            value_at_price=Sum("value_at_price"),
        )
        .order_by("currency")
    )


def _movements(params: ReportParams) -> QuerySet:
    return StockMovement.objects.filter(
        _barrel_filter(params, "barrel__"),
        created_at__gte=params.start,
        created_at__lt=params.end,
    )


def movements_by_day(*, params: ReportParams) -> list[dict]:
    return list(
        _movements(params)
        .annotate(day=TruncDay("created_at"))
        .values("day", "reason")
        .annotate(
            movements=Count("id"),
            stock_delta=Sum("stock_delta"),
            reserved_delta=Sum("reserved_delta"),
        )
        .order_by("day", "reason")
    )


def movements_by_barrel(*, params: ReportParams) -> list[dict]:
    return list(
        _movements(params)
        .values("barrel__sku", "barrel__name")
        .annotate(
            movements=Count("id"),
            received=Sum("stock_delta", filter=Q(reason=StockMovement.Reason.RECEIPT)),
            sold=Sum("stock_delta", filter=Q(reason=StockMovement.Reason.SALE)),
            returned=Sum("stock_delta", filter=Q(reason=StockMovement.Reason.RETURN)),
            adjusted=Sum("stock_delta", filter=Q(reason=StockMovement.Reason.ADJUSTMENT)),
            stock_delta=Sum("stock_delta"),
            reserved_delta=Sum("reserved_delta"),
        )
        .order_by("barrel__sku")
    )


def movement_detail_rows(*, params: ReportParams) -> QuerySet:
    """Every movement of the period (a values_list to stream, never to load)."""
    return (
        _movements(params)
        .order_by("created_at", "id")
        .values_list(
            "created_at",
            "barrel__sku",
            "reason",
            "stock_delta",
            "reserved_delta",
            "stock_after",
            "reserved_after",
            "reference_kind",
            "reference_id",
            "note",
        )
    )

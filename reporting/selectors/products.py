"""Product reads: units, orders and revenue by barrel and by barrel attribute."""

from django.db.models import Count, F, Sum

from catalog.models import Barrel, BarrelViewCount
from reporting.selectors.orders import PRODUCT_FILTERS, sales_lines
from reporting.selectors.params import ReportParams


def product_lines(params: ReportParams):
    """Lines of the period's sales, keeping only barrels that match the product filters."""
    product = {
        field: params.filters[name]
        for name, field in PRODUCT_FILTERS.items()
        if name in params.filters
    }
    return sales_lines(params).filter(**product)


def sales_by_barrel(*, params: ReportParams) -> list[dict]:
    return list(
        product_lines(params)
        .values("barrel_id", "order__currency")
        .annotate(
            sku=F("barrel__sku"),
            name=F("barrel__name"),
            wood_type=F("barrel__wood_type"),
            previous_content=F("barrel__previous_content"),
            units=Sum("quantity"),
            orders=Count("order_id", distinct=True),
            revenue=Sum("line_total"),
        )
        .order_by("barrel__sku", "order__currency")
    )


def sales_by_attribute(*, params: ReportParams, attribute: str) -> list[dict]:
    return list(
        product_lines(params)
        .annotate(value=F(f"barrel__{attribute}"), currency=F("order__currency"))
        .values("value", "currency")
        .annotate(
            barrels=Count("barrel_id", distinct=True),
            units=Sum("quantity"),
            orders=Count("order_id", distinct=True),
            revenue=Sum("line_total"),
        )
        .order_by("value", "currency")
    )


def _barrel_conditions(params: ReportParams, prefix: str = "") -> dict:
    return {
        f"{prefix}{field.removeprefix('barrel__')}": params.filters[name]
        for name, field in PRODUCT_FILTERS.items()
        if name in params.filters
    }


def views_by_barrel(*, params: ReportParams) -> dict[int, int]:
    """Detail-page views per barrel in the period (catalog's daily counters), summed in SQL."""
    rows = (
        BarrelViewCount.objects.filter(
            date__gte=params.date_from,
            date__lte=params.date_to,
            **_barrel_conditions(params, "barrel__"),
        )
        .values("barrel_id")
        .annotate(total=Sum("views"))
        .order_by()
    )
    return {r["barrel_id"]: r["total"] for r in rows}


def viewed_barrels(*, params: ReportParams, barrel_ids: list[int]) -> list[dict]:
    return list(
        Barrel.objects.filter(id__in=barrel_ids)
        .annotate(barrel_id=F("id"))
        .values("barrel_id", "sku", "name", "wood_type", "previous_content")
    )

"""Customer reads: per-customer sales in the period, first purchase ever, companies."""

from django.db.models import Count, F, Min, OuterRef, Subquery, Sum
from django.db.models.functions import TruncMonth

from commerce.models import Order
from reporting.selectors.orders import sales_orders, shipping_country
from reporting.selectors.params import ReportParams


def _first_paid_order():
    return Subquery(
        Order.objects.filter(user=OuterRef("user_id"), paid_at__isnull=False)
        .order_by("order_date")
        .values("order_date")[:1]
    )


def customer_months(*, params: ReportParams) -> list[dict]:
    """One row per customer, month and currency: orders and revenue, and the customer's first
    paid order ever (to tell new from returning)."""
    return list(
        sales_orders(params)
        .annotate(month=TruncMonth("order_date"))
        .values("user_id", "month", "currency")
        .annotate(orders=Count("id"), revenue=Sum("total_amount"))
        .annotate(first_order=_first_paid_order())
        .order_by("month", "user_id", "currency")
    )


def customer_totals(*, params: ReportParams) -> list[dict]:
    """One row per customer and currency over the period, with who they are."""
    return list(
        sales_orders(params)
        .values("user_id", "currency")
        .annotate(
            email=F("user__email"),
            first_name=F("user__first_name"),
            last_name=F("user__last_name"),
            company=F("user__company__legal_name"),
            customer_type=Min("customer_type"),
            country=Min(shipping_country()),
            orders=Count("id"),
            revenue=Sum("total_amount"),
            first_in_period=Min("order_date"),
        )
        .annotate(first_order=_first_paid_order())
        .order_by("user_id", "currency")
    )


def customers_by_country(*, params: ReportParams) -> list[dict]:
    return list(
        sales_orders(params)
        .annotate(country=shipping_country())
        .values("country", "currency")
        .annotate(
            customers=Count("user_id", distinct=True),
            orders=Count("id"),
            revenue=Sum("total_amount"),
        )
        .order_by("country", "currency")
    )


def company_orders(*, params: ReportParams) -> list[dict]:
    """B2B companies with the orders their members paid in the period."""
    return list(
        sales_orders(params)
        .filter(user__company__isnull=False)
        .annotate(company_id=F("user__company_id"))
        .values("company_id", "currency")
        .annotate(
            company=F("user__company__legal_name"),
            vat_number=F("user__company__vat_number"),
            company_country=F("user__company__country"),
            buyers=Count("user_id", distinct=True),
            orders=Count("id"),
            revenue=Sum("total_amount"),
        )
        .order_by("company", "currency")
    )

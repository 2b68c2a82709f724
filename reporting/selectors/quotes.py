"""Quote reads: one row per quote requested in the period with its first offer time (SQL)."""

from django.db.models import Count, F, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from quotes.models import Quote, QuoteStatus
from reporting.selectors.params import ReportParams


def period_quotes(params: ReportParams) -> QuerySet:
    qs = Quote.objects.filter(request_date__gte=params.start, request_date__lt=params.end)
    if country := params.filters.get("country"):
        qs = qs.filter(destination_country=country)
    return qs


def quote_rows(*, params: ReportParams) -> list[dict]:
    return list(
        period_quotes(params)
        .annotate(
            month=TruncMonth("request_date"),
            first_offer_at=Min("versions__created_at"),
            versions_count=Count("versions"),
        )
        .values(
            "id",
            "number",
            "status",
            "currency",
            "quoted_price",
            "request_date",
            "month",
            "destination_country",
            "company__legal_name",
            "first_offer_at",
            "versions_count",
            "current_version__valid_until",
        )
        .order_by("request_date", "number")
    )


def quotes_by_status(*, params: ReportParams) -> list[dict]:
    return list(
        period_quotes(params)
        .values("status", "currency")
        .annotate(quotes=Count("id"), value=Sum("quoted_price"))
        .order_by("status", "currency")
    )


def company_quotes(*, params: ReportParams) -> list[dict]:
    """Per company: quotes requested in the period, accepted, and their value."""
    return list(
        period_quotes(params)
        .values("company_id", "currency")
        .annotate(
            company_name=F("company__legal_name"),
            vat_number=F("company__vat_number"),
            company_country=F("company__country"),
            quotes=Count("id"),
            accepted=Count("id", filter=Q(status=QuoteStatus.ACCEPTED)),
            value_quoted=Sum("quoted_price"),
            value_accepted=Sum("quoted_price", filter=Q(status=QuoteStatus.ACCEPTED)),
        )
        .order_by("company_id", "currency")
    )


def pending_quotes(*, limit: int = 10) -> tuple[int, list[Quote]]:
    """Quotes awaiting an offer, oldest first."""
    qs = Quote.objects.filter(status=QuoteStatus.PENDING).select_related("company")
    return qs.count(), list(qs.order_by("request_date")[:limit])

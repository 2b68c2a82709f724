"""Reads of quotes, scoped to who asks: a buyer's company sees its quotes, staff see all."""

from django.db.models import Prefetch, QuerySet

from quotes import error_codes
from quotes.models import Quote, QuoteVersion, QuoteVersionLine
from vwb_site.exceptions import NotFoundError


def quote_list(*, user, status: str | None = None) -> QuerySet[Quote]:
    qs = (
        Quote.objects.for_user(user)
        .select_related("user", "company", "current_version")
        .order_by("-request_date", "-number")
    )
    if status:
        qs = qs.filter(status=status)
    return qs


def quote_pending_queue() -> QuerySet[Quote]:
    """What the seller has to answer, oldest first."""
    return (
        Quote.objects.filter(status="pending")
        .select_related("user", "company", "current_version")
        .order_by("request_date")
    )


def _detail_queryset(user) -> QuerySet[Quote]:
    lines = QuoteVersionLine.objects.order_by("position")
    versions = (
        QuoteVersion.objects.select_related("created_by")
        .prefetch_related(Prefetch("lines", queryset=lines))
        .order_by("number")
    )
    return (
        Quote.objects.for_user(user)
        .select_related("user", "company", "current_version")
        .prefetch_related(
            Prefetch("versions", queryset=versions),
            "messages__author",
            "history__actor",
        )
    )


def quote_get(*, user, quote_id) -> Quote:
    """One quote with its thread, versions and history; 404 for anyone outside the company."""
    quote = _detail_queryset(user).filter(pk=quote_id).first()
    if quote is None:
        raise NotFoundError("No such quote.", code=error_codes.NOT_FOUND)
    return quote


def quote_get_for_user(*, user, quote_id) -> Quote:
    """The quote row alone (for writes, which lock it themselves); 404 outside the company."""
    quote = Quote.objects.for_user(user).select_related("company").filter(pk=quote_id).first()
    if quote is None:
        raise NotFoundError("No such quote.", code=error_codes.NOT_FOUND)
    return quote


def quote_version_get(*, user, quote_id, number: int) -> QuoteVersion:
    quote = quote_get_for_user(user=user, quote_id=quote_id)
    version = (
        QuoteVersion.objects.select_related("quote__company", "quote__user")
        .prefetch_related(Prefetch("lines", queryset=QuoteVersionLine.objects.order_by("position")))
        .filter(quote=quote, number=number)
        .first()
    )
    if version is None:
        raise NotFoundError(
            f"Quote {quote.number} has no version {number}.", code=error_codes.VERSION_NOT_FOUND
        )
    return version

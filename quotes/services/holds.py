"""Stock held for a quote's offer, through the catalog's reservation service.

A quote has at most one hold, keyed by `StockReference.quote(quote.id)`; the ledger is the
truth (`held_by`). A new version replaces the hold in the same transaction, so a refused hold
(409, not enough stock) leaves the previous one untouched.
"""

from django.db import transaction

from catalog.services.inventory import (
    StockReference,
    held_by,
    stock_release,
    stock_reserve,
    stock_transfer,
)
from quotes.models import Quote, QuoteVersion


def quote_reference(quote: Quote) -> StockReference:
    return StockReference.quote(quote.pk)


def quote_held(*, quote: Quote) -> dict[int, int]:
    """Units held for the quote, per barrel id."""
    return held_by(quote_reference(quote))


@transaction.atomic
def quote_hold_replace(*, quote: Quote, version: QuoteVersion, actor=None) -> None:
    """Release what the quote holds, then hold the version's lines if it holds stock."""
    reference = quote_reference(quote)
    stock_release(
        reference=reference,
        actor=actor,
        note=f"{quote.number}: replaced by version {version.number}",
    )
    if version.holds_stock:
        stock_reserve(
            lines=[(line.barrel_id, line.quantity) for line in version.lines.all()],
            reference=reference,
            actor=actor,
            note=f"{quote.number} v{version.number}: held until {version.valid_until:%Y-%m-%d}",
        )


@transaction.atomic
def quote_hold_release(*, quote: Quote, actor=None, note: str = "") -> int:
    """Give the held stock back (idempotent). Returns the number of units released."""
    movements = stock_release(
        reference=quote_reference(quote),
        actor=actor,
        note=f"{quote.number}: {note}" if note else quote.number,
    )
    return -sum(m.reserved_delta for m in movements)


@transaction.atomic
def quote_hold_transfer(*, quote: Quote, order_reference: StockReference, actor=None) -> int:
    """The hold becomes the order's reservation. Returns the number of units transferred."""
    movements = stock_transfer(source=quote_reference(quote), target=order_reference, actor=actor)
    return sum(m.reserved_delta for m in movements if m.reserved_delta > 0)

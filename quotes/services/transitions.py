"""The one place a quote's status changes: lock, check the map, save, write history, notify."""

from django.db import transaction

from quotes import error_codes
from quotes.models import TRANSITIONS, Quote, QuoteStatus, QuoteStatusHistory
from quotes.services import notifications
from vwb_site.exceptions import ConflictError

S = QuoteStatus

# E-mails sent after commit for each transition: (kind, audience) pairs.
EMAILS: dict[tuple[str, str], list[tuple[str, str]]] = {
    (S.PENDING, S.APPROVED): [("offer_sent", "buyer")],
    (S.APPROVED, S.PENDING): [("changes_requested", "staff")],
    (S.APPROVED, S.ACCEPTED): [("accepted", "buyer"), ("accepted", "staff")],
    (S.PENDING, S.REJECTED): [("rejected", "buyer")],
    (S.APPROVED, S.REJECTED): [("rejected", "buyer"), ("rejected", "staff")],
    (S.PENDING, S.CANCELLED): [("cancelled", "staff")],
    (S.APPROVED, S.EXPIRED): [("expired", "buyer")],
}


def lock_quote(quote: Quote | str) -> Quote:
    """Re-read a quote with its row locked until the transaction ends."""
    pk = quote.pk if isinstance(quote, Quote) else quote
    return (
        Quote.objects.select_for_update(of=("self",)).select_related("company", "user").get(pk=pk)
    )


def check_transition(quote: Quote, to_status: str) -> None:
    if to_status not in TRANSITIONS[quote.status]:
        allowed = ", ".join(sorted(TRANSITIONS[quote.status])) or "none (the quote is closed)"
        raise ConflictError(
            f"Quote {quote.number} is {quote.status}; it cannot become {to_status}. "
            f"Allowed next: {allowed}.",
            code=error_codes.TRANSITION_NOT_ALLOWED,
            extra={
                "status": quote.status,
                "allowed_transitions": sorted(TRANSITIONS[quote.status]),
            },
        )


@transaction.atomic
def quote_transition(*, quote: Quote, to_status: str, actor=None, note: str = "") -> Quote:
    """Move `quote` to `to_status` if the map allows it; returns the locked, updated quote.

    Callers that need more than the status change (a version, a hold, an order) lock the quote
    first with `lock_quote`, do their work and call this in the same transaction.
    """
    locked = lock_quote(quote)
    check_transition(locked, to_status)
    from_status = locked.status
    locked.status = to_status
    locked.save(update_fields=["status", "updated_at"])
    entry = QuoteStatusHistory.objects.create(
        quote=locked, actor=actor, from_status=from_status, to_status=to_status, note=note[:2000]
    )
    emails = EMAILS.get((from_status, to_status), [])
    message_id = None
    if any(kind == "changes_requested" for kind, _ in emails):
        message_id = (
            locked.messages.order_by("-created_at", "-id").values_list("pk", flat=True).first()
        )
    for kind, audience in emails:
        notifications.notify(
            quote_id=locked.pk,
            kind=kind,
            audience=audience,
            ref=f"h{entry.pk}",
            version_id=locked.current_version_id,
            history_id=entry.pk,
            message_id=message_id,
        )
    if isinstance(quote, Quote) and quote is not locked:
        quote.status = to_status
    return locked

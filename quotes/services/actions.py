"""What buyers and staff do with a quote besides pricing and accepting it."""

from django.db import transaction

from quotes import error_codes
from quotes.models import Quote, QuoteMessage, QuoteStatus
from quotes.services.holds import quote_hold_release
from quotes.services.transitions import check_transition, lock_quote, quote_transition
from quotes.services.versions import ensure_staff
from vwb_site.exceptions import ApplicationError, ConflictError, NotFoundError

MAX_MESSAGE = 5000


def _is_buyer(quote: Quote, user) -> bool:
    return user.company_id is not None and user.company_id == quote.company_id


def ensure_buyer(quote: Quote, user) -> None:
    """Only the buying company acts as the buyer; anyone else does not see the quote at all."""
    if not _is_buyer(quote, user):
        raise NotFoundError("No such quote.", code=error_codes.NOT_FOUND)


def _clean(text: str, *, code: str, field: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ApplicationError(
            f"{what} is required.",
            code=code,
            errors=[{"field": field, "code": code, "message": "Required."}],
        )
    if len(text) > MAX_MESSAGE:
        raise ApplicationError(f"{what} is too long (at most {MAX_MESSAGE} characters).", code=code)
    return text


@transaction.atomic
def quote_message_add(*, quote: Quote, author, body: str) -> QuoteMessage:
    """Add a message to the thread (buyer or staff) while the quote is open."""
    body = _clean(body, code=error_codes.MESSAGE_REQUIRED, field="body", what="A message")
    quote = lock_quote(quote)
    staff = getattr(author, "is_admin", False)
    if not staff:
        ensure_buyer(quote, author)
    if not quote.is_open:
        raise ConflictError(
            f"Quote {quote.number} is {quote.status}; the thread is closed.",
            code=error_codes.CLOSED,
        )
    return QuoteMessage.objects.create(quote=quote, author=author, from_staff=staff, body=body)


@transaction.atomic
def quote_request_changes(*, quote: Quote, user, message: str) -> Quote:
    """The buyer asks for a different offer: approved -> pending, with the message in the thread.

    The current offer's stock hold stays until the next version replaces it, or until its
    validity date passes (the expiry sweep releases it).
    """
    message = _clean(
        message,
        code=error_codes.MESSAGE_REQUIRED,
        field="message",
        what="A message saying what to change",
    )
    quote = lock_quote(quote)
    ensure_buyer(quote, user)
    check_transition(quote, QuoteStatus.PENDING)
    QuoteMessage.objects.create(quote=quote, author=user, from_staff=False, body=message)
    return quote_transition(quote=quote, to_status=QuoteStatus.PENDING, actor=user, note=message)


@transaction.atomic
def quote_decline(*, quote: Quote, user, reason: str = "") -> Quote:
    """The buyer declines the offer: approved -> rejected; the hold is released."""
    quote = lock_quote(quote)
    ensure_buyer(quote, user)
    check_transition(quote, QuoteStatus.REJECTED)
    if quote.status != QuoteStatus.APPROVED:
        raise ConflictError(
            "There is no offer to decline yet; cancel the request instead.",
            code=error_codes.TRANSITION_NOT_ALLOWED,
        )
    quote_hold_release(quote=quote, actor=user, note="declined by the buyer")
    return quote_transition(
        quote=quote,
        to_status=QuoteStatus.REJECTED,
        actor=user,
        note=f"Declined by the buyer. {reason}".strip(),
    )


@transaction.atomic
def quote_cancel(*, quote: Quote, user, reason: str = "") -> Quote:
    """The buyer withdraws a request before an offer is on the table: pending -> cancelled."""
    quote = lock_quote(quote)
    ensure_buyer(quote, user)
    check_transition(quote, QuoteStatus.CANCELLED)
    quote_hold_release(quote=quote, actor=user, note="cancelled by the buyer")
    return quote_transition(
        quote=quote,
        to_status=QuoteStatus.CANCELLED,
        actor=user,
        note=f"Withdrawn by the buyer. {reason}".strip(),
    )


@transaction.atomic
def quote_reject(*, quote: Quote, actor, reason: str) -> Quote:
    """The seller turns the request down, or withdraws its offer: -> rejected, hold released."""
    ensure_staff(actor)
    reason = _clean(reason, code=error_codes.REASON_REQUIRED, field="reason", what="A reason")
    quote = lock_quote(quote)
    check_transition(quote, QuoteStatus.REJECTED)
    quote_hold_release(quote=quote, actor=actor, note="rejected by the seller")
    return quote_transition(quote=quote, to_status=QuoteStatus.REJECTED, actor=actor, note=reason)

"""Provider webhooks: store each event once, find the payment it names; Stripe's verification.

The payload is only a hint of *which* payment changed: the caller's `on_payment` re-reads its
state from Stripe and applies it under a lock, so duplicated, reordered or concurrent deliveries
change nothing twice. The caller is the orders' `stripe_webhook_handle`, whose `on_payment`
also moves the order: payments report, orders decide.
"""

from collections.abc import Callable

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from commerce import error_codes
from commerce.models import Payment, PaymentProvider, WebhookEvent
from commerce.payments.stripe_provider import construct_event
from vwb_site.exceptions import ApplicationError
from vwb_site.logging_config import get_logger

log = get_logger("commerce.payments.webhooks")

HANDLED_PREFIX = "payment_intent."


def stripe_webhook_receive(
    *, payload: bytes, signature: str, on_payment: Callable[[Payment], object]
) -> str:
    """Returns "processed", "duplicate" or "ignored". Forged or malformed -> 400, nothing
    stored. `on_payment(payment)` runs for the payment an event names, in the transaction that
    marks the event processed (if it fails, the event is not recorded and Stripe retries)."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise ApplicationError(
            "Stripe webhooks are not configured.", code=error_codes.WEBHOOK_NOT_CONFIGURED
        )
    try:
        event = construct_event(payload=payload, signature=signature)
    except stripe.SignatureVerificationError as exc:
        raise ApplicationError(
            "The Stripe-Signature header does not match the payload.",
            code=error_codes.INVALID_SIGNATURE,
        ) from exc
    except ValueError as exc:
        raise ApplicationError(
            "The payload is not a Stripe event.", code=error_codes.INVALID_PAYLOAD
        ) from exc
    event_id = event.get("id")
    if not event_id:
        raise ApplicationError("The event has no id.", code=error_codes.INVALID_PAYLOAD)
    return webhook_event_process(
        provider=PaymentProvider.STRIPE,
        event=event,
        event_type=str(event.get("type", "")),
        find_payment=_stripe_payment,
        on_payment=on_payment,
    )


def _stripe_payment(event: dict) -> Payment | None:
    if not str(event.get("type", "")).startswith(HANDLED_PREFIX):
        return None
    obj = (event.get("data") or {}).get("object") or {}
    return Payment.objects.filter(
        provider=PaymentProvider.STRIPE, provider_reference=obj.get("id") or ""
    ).first()


@transaction.atomic
def webhook_event_process(
    *,
    provider: str,
    event: dict,
    event_type: str,
    find_payment: Callable[[dict], Payment | None],
    on_payment: Callable[[Payment], object],
) -> str:
    """Store a verified event once by (provider, id), then, the first time only, run
    `on_payment` for the payment `find_payment` names (the payload is a hint of which payment,
    never of its state). A replay is "duplicate"; an event naming no payment of ours "ignored"."""
    try:
        with transaction.atomic():
            record = WebhookEvent.objects.create(
                provider=provider,
                event_id=event["id"],
                type=event_type[:100],
                payload=event,
            )
    except IntegrityError:
        # Seen before (a concurrent delivery waits here until the first one commits).
        record = WebhookEvent.objects.select_for_update().get(
            provider=provider, event_id=event["id"]
        )
        WebhookEvent.objects.filter(pk=record.pk).update(deliveries=F("deliveries") + 1)
        if record.processed_at is not None:
            log.info("webhook_duplicate", event_id=event["id"], type=record.type)
            return "duplicate"
    outcome = "ignored"
    payment = find_payment(event)
    if payment is not None:
        on_payment(payment)  # re-reads from the provider, never the payload
        outcome = "processed"
    record.processed_at = timezone.now()
    record.save(update_fields=["processed_at"])
    log.info(
        "webhook_received",
        provider=provider,
        event_id=event["id"],
        type=record.type,
        outcome=outcome,
    )
    return outcome

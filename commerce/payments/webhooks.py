"""Stripe webhooks: verify the signature, store each event once, find the payment it names.

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
    return _process(event, on_payment)


@transaction.atomic
def _process(event: dict, on_payment: Callable[[Payment], object]) -> str:
    try:
        with transaction.atomic():
            record = WebhookEvent.objects.create(
                provider=PaymentProvider.STRIPE,
                event_id=event["id"],
                type=str(event.get("type", ""))[:100],
                payload=event,
            )
    except IntegrityError:
        # Seen before (a concurrent delivery waits here until the first one commits).
        record = WebhookEvent.objects.select_for_update().get(
            provider=PaymentProvider.STRIPE, event_id=event["id"]
        )
        WebhookEvent.objects.filter(pk=record.pk).update(deliveries=F("deliveries") + 1)
        if record.processed_at is not None:
            log.info("webhook_duplicate", event_id=event["id"], type=record.type)
            return "duplicate"
    outcome = "ignored"
    if record.type.startswith(HANDLED_PREFIX):
        obj = (event.get("data") or {}).get("object") or {}
        payment = Payment.objects.filter(
            provider=PaymentProvider.STRIPE, provider_reference=obj.get("id") or ""
        ).first()
        if payment is not None:
            on_payment(payment)  # re-reads from Stripe, never the payload
            outcome = "processed"
    record.processed_at = timezone.now()
    record.save(update_fields=["processed_at"])
    log.info("webhook_received", event_id=event["id"], type=record.type, outcome=outcome)
    return outcome

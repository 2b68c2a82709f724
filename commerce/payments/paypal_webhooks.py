"""PayPal webhooks: each delivery verified with PayPal's verify-webhook-signature API (a
missing or wrong signature is a 400 and changes nothing), stored once by event id, and the
payment it names re-read at PayPal: the event body only says which payment changed, never its
state (the same rule as Stripe's). The orders' `paypal_webhook_handle` is the caller; its
`on_payment` captures approved orders and settles the order."""

import json
from collections.abc import Callable, Mapping

from django.conf import settings

from commerce import error_codes
from commerce.models import Payment, PaymentProvider
from commerce.payments.base import PaymentProviderUnavailable
from commerce.payments.paypal_client import (
    PayPalUnavailable,
    paypal_configured,
    paypal_verify_webhook,
)
from commerce.payments.paypal_provider import PayPalProvider
from commerce.payments.webhooks import webhook_event_process
from vwb_site.exceptions import ApplicationError

ORDER_EVENTS = ("CHECKOUT.ORDER.APPROVED", "CHECKOUT.ORDER.COMPLETED")
CAPTURE_EVENTS = (
    "PAYMENT.CAPTURE.COMPLETED",
    "PAYMENT.CAPTURE.PENDING",
    "PAYMENT.CAPTURE.DENIED",
    "PAYMENT.CAPTURE.DECLINED",
)
# Their resource is a refund, linked ("up") to the capture it gives money back from.
REFUND_EVENTS = ("PAYMENT.CAPTURE.REFUNDED", "PAYMENT.CAPTURE.REVERSED")
HANDLED = (*ORDER_EVENTS, *CAPTURE_EVENTS, *REFUND_EVENTS)


def paypal_webhook_receive(
    *, payload: bytes, headers: Mapping[str, str], on_payment: Callable[[Payment], object]
) -> str:
    """Returns "processed", "duplicate" or "ignored"; 400 when forged or malformed, 502 when
    PayPal cannot verify it now (PayPal delivers again later)."""
    if not (settings.PAYPAL_WEBHOOK_ID and paypal_configured()):
        raise ApplicationError(
            "PayPal webhooks are not configured.", code=error_codes.WEBHOOK_NOT_CONFIGURED
        )
    try:
        event = json.loads(payload)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApplicationError(
            "The payload is not a PayPal event.", code=error_codes.INVALID_PAYLOAD
        ) from exc
    if not isinstance(event, dict) or not event.get("id") or not event.get("event_type"):
        raise ApplicationError(
            "The payload is not a PayPal event (id and event_type).",
            code=error_codes.INVALID_PAYLOAD,
        )
    try:
        verified = paypal_verify_webhook(headers=headers, event=event)
    except PayPalUnavailable as exc:
        raise PaymentProviderUnavailable(
            "PayPal cannot verify the event at the moment.",
            extra={"provider": PaymentProvider.PAYPAL.value},
        ) from exc
    if not verified:
        raise ApplicationError(
            "PayPal did not verify the signature of this event.",
            code=error_codes.INVALID_SIGNATURE,
        )
    return webhook_event_process(
        provider=PaymentProvider.PAYPAL,
        event=stored_event(event),
        event_type=str(event["event_type"]),
        find_payment=payment_named_by,
        on_payment=on_payment,
    )


def stored_event(event: dict) -> dict:
    """What is kept of an event: ids, types, statuses, amounts and the links between them. The
    payer's name, e-mail, address and funding details an event may carry are not stored."""
    resource = event.get("resource") if isinstance(event.get("resource"), dict) else {}
    related = (resource.get("supplementary_data") or {}).get("related_ids")
    kept_resource = {key: resource[key] for key in ("id", "status", "amount") if key in resource}
    if isinstance(related, dict):
        kept_resource["supplementary_data"] = {"related_ids": related}
    links = [
        {"rel": link.get("rel"), "href": link.get("href")}
        for link in resource.get("links") or []
        if isinstance(link, dict) and link.get("rel") == "up"
    ]
    if links:
        kept_resource["links"] = links
    kept = {
        key: event[key]
        for key in ("id", "event_type", "resource_type", "event_version", "create_time")
        if key in event
    }
    return {**kept, "resource": kept_resource}


def _paypal_payment(**lookup) -> Payment | None:
    return Payment.objects.filter(provider=PaymentProvider.PAYPAL, **lookup).first()


def _up_capture_id(resource: dict) -> str:
    for link in resource.get("links") or []:
        if isinstance(link, dict) and link.get("rel") == "up":
            return str(link.get("href") or "").rstrip("/").rsplit("/", 1)[-1]
    return ""


def payment_named_by(event: dict) -> Payment | None:
    """The PayPal payment an event is about (by PayPal order id or capture id), or None."""
    event_type = event.get("event_type")
    resource = event.get("resource") if isinstance(event.get("resource"), dict) else {}
    if event_type in ORDER_EVENTS:
        return _paypal_payment(provider_reference=str(resource.get("id") or "")) or None
    if event_type not in HANDLED:
        return None
    capture_id = str(
        (resource.get("id") if event_type in CAPTURE_EVENTS else _up_capture_id(resource)) or ""
    )
    if capture_id:
        payment = _paypal_payment(capture_reference=capture_id)
        if payment is not None:
            return payment
    related = (resource.get("supplementary_data") or {}).get("related_ids") or {}
    if related.get("order_id"):
        payment = _paypal_payment(provider_reference=str(related["order_id"]))
        if payment is not None:
            return payment
    if capture_id:  # a capture we have not recorded yet: PayPal says which order it is of
        order_id = PayPalProvider().capture_order_id(capture_id=capture_id)
        if order_id:
            return _paypal_payment(provider_reference=order_id)
    return None

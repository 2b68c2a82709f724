"""Stripe: one PaymentIntent per order, created with an idempotency key; the client secret goes
to the storefront, which confirms the payment with Stripe.js. Amounts are in cents."""

import contextlib
from decimal import Decimal

import stripe
from django.conf import settings

from commerce.models import PaymentProvider, PaymentStatus, RefundStatus
from commerce.payments.base import (
    PaymentProviderBase,
    PaymentProviderError,
    PaymentStart,
    PaymentState,
    RefundResult,
)

CENTS = Decimal(100)


def to_cents(amount: Decimal) -> int:
    return int((Decimal(amount) * CENTS).to_integral_value())


def from_cents(value: int | None) -> Decimal:
    return (Decimal(value or 0) / CENTS).quantize(Decimal("0.01"))


def stripe_client() -> stripe.StripeClient:
    options = {"max_network_retries": settings.STRIPE_MAX_NETWORK_RETRIES}
    if settings.STRIPE_API_BASE:
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)


def _error(exc: stripe.StripeError) -> PaymentProviderError:
    return PaymentProviderError(
        f"The card payment provider refused the request: {exc.user_message or exc}",
        extra={"provider_code": getattr(exc, "code", None) or ""},
    )


def intent_state(intent: dict) -> PaymentState:
    """Map a PaymentIntent (as a dict) to our payment status and captured amount."""
    status = intent.get("status")
    charge = intent.get("latest_charge")
    charge = charge if isinstance(charge, dict) else {}
    error = intent.get("last_payment_error") or {}
    if status == "succeeded":
        received = intent.get("amount_received")
        if received is None:
            received = charge.get("amount", intent.get("amount"))
        return PaymentState(PaymentStatus.SUCCEEDED, from_cents(received))
    if status == "processing":
        return PaymentState(PaymentStatus.PROCESSING, Decimal("0.00"))
    if status == "canceled":
        return PaymentState(PaymentStatus.CANCELLED, Decimal("0.00"))
    if status == "requires_payment_method" and error:
        return PaymentState(
            PaymentStatus.FAILED,
            Decimal("0.00"),
            failure_code=str(error.get("code") or "payment_failed")[:60],
            failure_message=str(error.get("message") or "")[:500],
        )
    return PaymentState(PaymentStatus.PENDING, Decimal("0.00"))


class StripeProvider(PaymentProviderBase):
    code = PaymentProvider.STRIPE

    def start(self, *, order, payment_method_id: str = "") -> PaymentStart:
        params = {
            "amount": to_cents(order.amount_due),
            "currency": order.currency.lower(),
            "payment_method_types": ["card"],
            "metadata": {"order_id": str(order.id), "order_number": order.number},
        }
        if payment_method_id:  # a PaymentMethod id made by Stripe.js (never card data)
            params["payment_method"] = payment_method_id
        attempt = order.payments.filter(provider=self.code).count()
        try:
            intent = stripe_client().v1.payment_intents.create(
                params=params,
                options={"idempotency_key": f"vwb-order-{order.id}-intent-{attempt}"},
            )
        except stripe.StripeError as exc:
            raise _error(exc) from exc
        state = intent_state(intent.to_dict())
        return PaymentStart(
            reference=intent.id,
            status=state.status,
            instructions={"client_secret": intent.client_secret, "payment_intent_id": intent.id},
        )

    def instructions(self, *, order, payment) -> dict:
        try:
            intent = stripe_client().v1.payment_intents.retrieve(payment.provider_reference)
        except stripe.StripeError as exc:
            raise _error(exc) from exc
        return {"client_secret": intent.client_secret, "payment_intent_id": intent.id}

    def fetch(self, *, payment) -> PaymentState:
        try:
            intent = stripe_client().v1.payment_intents.retrieve(payment.provider_reference)
        except stripe.StripeError as exc:
            raise _error(exc) from exc
        return intent_state(intent.to_dict())

    def refund(
        self, *, payment, amount: Decimal, idempotency_key: str, reason: str = ""
    ) -> RefundResult:
        try:
            refund = stripe_client().v1.refunds.create(
                params={"payment_intent": payment.provider_reference, "amount": to_cents(amount)},
                options={"idempotency_key": idempotency_key},
            )
        except stripe.StripeError as exc:
            raise _error(exc) from exc
        status = {
            "succeeded": RefundStatus.SUCCEEDED,
            "failed": RefundStatus.FAILED,
            "canceled": RefundStatus.FAILED,
        }.get(refund.status, RefundStatus.PENDING)
        return RefundResult(reference=refund.id, status=status)

    def cancel(self, *, payment) -> None:
        # Already succeeded or cancelled: the webhook/sync path handles it.
        with contextlib.suppress(stripe.StripeError):
            stripe_client().v1.payment_intents.cancel(payment.provider_reference)


def construct_event(*, payload: bytes, signature: str) -> dict:
    """Verify the Stripe-Signature header; return the event as a dict (ValueError if forged)."""
    event = stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    return event.to_dict()

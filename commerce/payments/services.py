"""Payments and refunds: the same ledger rules for every provider.

- A payment's state is always re-read from the provider (`payment_refresh`) and applied under a
  row lock (`payment_apply_state`): succeeded is final, and the captured amount is added to the
  order's ledger once, whatever the number, order or concurrency of webhook deliveries.
- Refunds lock the order row: their sum can never exceed what was captured (also a database
  constraint on Order and Payment).

Payments never change an order's status: they report what happened (`PaymentApplied`, the
recorded `Payment`, the `Refund` rows) and `commerce.orders.services.payments` decides what the
order does about it (mark it paid, refund a payment that came after it was cancelled, e-mail).
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from commerce import error_codes
from commerce.models import (
    Order,
    OrderStatus,
    Payment,
    PaymentMethod,
    PaymentProvider,
    PaymentStatus,
    Refund,
    RefundStatus,
)
from commerce.payments.base import PaymentState
from commerce.payments.registry import provider_for, provider_for_order
from vwb_site.api.metrics import PAYMENTS_FAILED, PAYMENTS_SUCCEEDED
from vwb_site.core.money import money
from vwb_site.exceptions import ApplicationError, ConflictError
from vwb_site.logging_config import get_logger

log = get_logger("commerce.payments")

OPEN = (PaymentStatus.PENDING, PaymentStatus.PROCESSING, PaymentStatus.FAILED)
# Providers that report payments themselves (re-read before expiry, reconciled).
AUTOMATIC = (PaymentProvider.STRIPE, PaymentProvider.PAYPAL)


@dataclass(frozen=True)
class PaymentApplied:
    """What applying a provider's state did: the payment as now stored, and whether this call
    is the one that made it succeed (then `amount_captured` was added to the order's ledger)."""

    payment: Payment
    succeeded_now: bool = False
    amount_captured: Decimal = Decimal("0.00")


# --- starting a payment ----------------------------------------------------------------------


def _refuse_unless_pending(order: Order) -> None:
    if order.status != OrderStatus.PENDING:
        raise ConflictError(
            f"Order {order.number} is {order.status}: nothing to pay.",
            code=error_codes.PAYMENT_NOT_NEEDED,
        )


def payment_start(*, order: Order, payment_method_id: str = "") -> tuple[Payment | None, dict]:
    """Open (or reuse) the payment of a pending order; returns it and what the buyer needs
    (Stripe client secret, or bank details). Bank transfers have no row until money arrives:
    their instructions are read off the order, nothing is written, nothing locked."""
    provider = provider_for_order(order)
    if not provider.confirms_automatically:
        _refuse_unless_pending(order)
        return None, provider.instructions(order=order, payment=None)
    return _payment_open(order=order, payment_method_id=payment_method_id)


@transaction.atomic
def _payment_open(*, order: Order, payment_method_id: str) -> tuple[Payment, dict]:
    locked = Order.objects.select_for_update().get(pk=order.pk)
    _refuse_unless_pending(locked)
    provider = provider_for_order(locked)
    reusable = OPEN if provider.reopens_failed else (PaymentStatus.PENDING,)
    payment = (
        locked.payments.filter(provider=provider.code, status__in=reusable)
        .order_by("-created_at")
        .first()
    )
    if payment is not None:
        return payment, provider.instructions(order=locked, payment=payment)
    started = provider.start(order=locked, payment_method_id=payment_method_id)
    payment = Payment.objects.create(
        order=locked,
        provider=provider.code,
        status=started.status,
        amount=locked.amount_due,
        currency=locked.currency,
        provider_reference=started.reference,
    )
    return payment, started.instructions


# --- applying the provider's truth -----------------------------------------------------------


@transaction.atomic
def payment_apply_state(*, payment: Payment, state: PaymentState) -> PaymentApplied:
    """Apply the provider's `state` under the payment's and the order's row locks. Succeeded is
    final: only the call that makes it succeed adds the captured amount to the order."""
    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    order = Order.objects.select_for_update().get(pk=locked.order_id)
    _note_provider_ids(locked, state)
    if locked.status == PaymentStatus.SUCCEEDED:
        return PaymentApplied(payment=locked)  # final
    now = timezone.now()
    if state.status == PaymentStatus.SUCCEEDED:
        locked.status = PaymentStatus.SUCCEEDED
        locked.amount_captured = state.amount_captured
        locked.succeeded_at = now
        locked.save()
        Order.objects.filter(pk=order.pk).update(
            amount_captured=F("amount_captured") + state.amount_captured
        )
        provider = locked.provider
        transaction.on_commit(lambda: PAYMENTS_SUCCEEDED.labels(provider).inc())
        log.info("payment_succeeded", order=order.number, payment=str(locked.pk))
        return PaymentApplied(
            payment=locked, succeeded_now=True, amount_captured=state.amount_captured
        )
    if state.status == PaymentStatus.FAILED:
        if locked.status != PaymentStatus.FAILED:
            locked.failure_count += 1
            provider = locked.provider
            transaction.on_commit(lambda: PAYMENTS_FAILED.labels(provider).inc())
            log.info("payment_failed", order=order.number, code=state.failure_code)
        locked.status = PaymentStatus.FAILED
        locked.failure_code = state.failure_code
        locked.failure_message = state.failure_message
        locked.save()
        return PaymentApplied(payment=locked)
    if state.status != locked.status and locked.status != PaymentStatus.CANCELLED:
        locked.status = state.status
        locked.save()
    return PaymentApplied(payment=locked)


def _note_provider_ids(locked: Payment, state: PaymentState) -> None:
    """Keep the provider's capture id (set once) and its latest own status word."""
    changed = []
    if state.capture_reference and not locked.capture_reference:
        locked.capture_reference = state.capture_reference
        changed.append("capture_reference")
    if state.provider_status and state.provider_status != locked.provider_status:
        locked.provider_status = state.provider_status[:30]
        changed.append("provider_status")
    if changed:
        locked.save(update_fields=[*changed, "updated_at"])


@transaction.atomic
def payment_sync(*, payment: Payment, capture: bool = False) -> PaymentState:
    """For providers the server completes (PayPal's capture): re-read the payment and capture
    it if approved, under the payment's row lock held until the caller's transaction ends, so
    concurrent callers (the storefront, webhooks, reconcile) capture it once. A cancelled
    payment is only re-read, never captured."""
    # The order first, then the payment: the order refund_create locks them in.
    Order.objects.select_for_update().get(pk=payment.order_id)
    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    provider = provider_for(locked.provider)
    if locked.status in (PaymentStatus.SUCCEEDED, PaymentStatus.CANCELLED):
        return provider.fetch(payment=locked)
    return provider.sync(payment=locked, capture=capture)


@transaction.atomic
def payment_record_provider_refunds(*, payment: Payment, state: PaymentState) -> list[Refund]:
    """Record the refunds the provider lists that the ledger does not know yet (made in the
    provider's dashboard, reversals), once each (unique per payment and provider id), capped at
    what remains refundable, under the order's and the payment's locks."""
    known = dict(payment.refunds.values_list("provider_reference", "status"))
    for reported in state.refunds:  # a pending refund the provider has since settled
        if known.get(reported.reference) not in (None, reported.status):
            Refund.objects.filter(payment=payment, provider_reference=reported.reference).update(
                status=reported.status
            )
    missing = [r for r in state.refunds if r.reference not in known]
    if not missing:
        return []
    order = Order.objects.select_for_update().get(pk=payment.order_id)
    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    known = dict(locked.refunds.values_list("provider_reference", "status"))
    recorded: list[Refund] = []
    for reported in missing:
        if reported.reference in known or reported.status == RefundStatus.FAILED:
            continue
        amount = min(money(reported.amount), locked.refundable_amount)
        if amount <= 0:
            log.warning("provider_refund_over_captured", payment=str(locked.pk))
            continue
        recorded.append(
            Refund.objects.create(
                order=order,
                payment=locked,
                amount=amount,
                currency=locked.currency,
                status=reported.status,
                provider_reference=reported.reference,
                reason=f"Refunded at {locked.get_provider_display()} (reported by the provider).",
                actor=None,
            )
        )
        locked.amount_refunded += amount
        Payment.objects.filter(pk=locked.pk).update(amount_refunded=F("amount_refunded") + amount)
        Order.objects.filter(pk=order.pk).update(amount_refunded=F("amount_refunded") + amount)
        log.info("provider_refund_recorded", order=order.number, amount=str(amount))
    return recorded


def payment_fetch_state(*, payment: Payment) -> PaymentState:
    """The payment's state as its provider tells it now (a network call: hold no lock)."""
    return provider_for(payment.provider).fetch(payment=payment)


def payment_refresh(*, payment: Payment) -> PaymentApplied:
    """Re-read a payment at its provider (outside any lock) and apply what it says. The order's
    status is not touched: call `commerce.orders.services.order_payment_refresh` for that."""
    return payment_apply_state(payment=payment, state=payment_fetch_state(payment=payment))


def payments_to_refresh(*, order: Order):
    """The order's provider payments that have not succeeded yet (what expiry re-reads)."""
    return order.payments.filter(provider__in=AUTOMATIC).exclude(status=PaymentStatus.SUCCEEDED)


def payments_cancel_pending(*, order: Order) -> None:
    """Mark the order's open payments cancelled and stop them at the provider after commit."""
    open_payments = list(order.payments.filter(status__in=OPEN))
    for payment in open_payments:
        Payment.objects.filter(pk=payment.pk).update(
            status=PaymentStatus.CANCELLED, updated_at=timezone.now()
        )

    def stop():
        for payment in open_payments:
            provider_for(payment.provider).cancel(payment=payment)

    transaction.on_commit(stop)


def payments_to_reconcile(*, older_than_minutes: int = 5):
    """Open Stripe and PayPal payments of pending (or cancelled) orders older than
    `older_than_minutes`: those whose webhook may never have come."""
    threshold = timezone.now() - timedelta(minutes=older_than_minutes)
    return Payment.objects.filter(
        provider__in=AUTOMATIC,
        status__in=(*OPEN, PaymentStatus.CANCELLED),
        order__status__in=(OrderStatus.PENDING, OrderStatus.CANCELLED),
        created_at__lte=threshold,
    ).select_related("order")


# --- bank transfers --------------------------------------------------------------------------


@transaction.atomic
def bank_transfer_record(
    *, order: Order, amount: Decimal, actor, reference: str = "", note: str = ""
) -> Payment:
    """An administrator records money received by bank transfer (the ledger only: the orders'
    `order_bank_transfer_record` also moves the order once the total is covered)."""
    locked = Order.objects.select_for_update().get(pk=order.pk)
    if locked.payment_method != PaymentMethod.BANK_TRANSFER:
        raise ConflictError(
            f"Order {locked.number} is not paid by bank transfer.",
            code=error_codes.PAYMENT_NOT_BANK_TRANSFER,
        )
    # Net-terms orders (from quotes) ship before they are paid: money can arrive at any stage.
    if locked.status == OrderStatus.CANCELLED or locked.amount_due <= 0:
        raise ConflictError(
            f"Order {locked.number} is {locked.status}: nothing to pay.",
            code=error_codes.PAYMENT_NOT_NEEDED,
        )
    amount = money(amount)
    if amount <= 0:
        raise ApplicationError("The amount must be above zero.", code=error_codes.INVALID_AMOUNT)
    if amount > locked.amount_due:
        raise ConflictError(
            f"{amount} is more than the {locked.amount_due} {locked.currency} still due.",
            code=error_codes.AMOUNT_EXCEEDS_OUTSTANDING,
            extra={"amount_due": str(locked.amount_due)},
        )
    payment = Payment.objects.create(
        order=locked,
        provider=PaymentProvider.BANK_TRANSFER,
        status=PaymentStatus.SUCCEEDED,
        amount=amount,
        currency=locked.currency,
        amount_captured=amount,
        provider_reference=reference or locked.payment_reference,
        recorded_by=actor,
        note=note[:500],
        succeeded_at=timezone.now(),
    )
    Order.objects.filter(pk=locked.pk).update(amount_captured=F("amount_captured") + amount)
    locked.refresh_from_db()
    transaction.on_commit(lambda: PAYMENTS_SUCCEEDED.labels(PaymentProvider.BANK_TRANSFER).inc())
    return payment


# --- refunds ---------------------------------------------------------------------------------


@transaction.atomic
def refund_create(*, order: Order, amount: Decimal, actor, reason: str = "") -> list[Refund]:
    """Refund `amount` through the provider(s) that captured it. The order row stays locked
    from the check to the ledger update, so concurrent refunds cannot exceed the captured sum.
    The ledger only: `commerce.orders.services.order_refund` also e-mails the buyer.
    """
    locked = Order.objects.select_for_update().get(pk=order.pk)
    amount = money(amount)
    if amount <= 0:
        raise ApplicationError("The amount must be above zero.", code=error_codes.INVALID_AMOUNT)
    refundable = locked.refundable_amount
    if refundable <= 0:
        raise ConflictError(
            f"Nothing was captured on order {locked.number} to refund.",
            code=error_codes.NOTHING_TO_REFUND,
            extra={"refundable_amount": str(refundable)},
        )
    if amount > refundable:
        raise ConflictError(
            f"At most {refundable} {locked.currency} can still be refunded on order "
            f"{locked.number}.",
            code=error_codes.REFUND_EXCEEDS_CAPTURED,
            extra={"refundable_amount": str(refundable)},
        )
    payments = (
        Payment.objects.select_for_update()
        .filter(
            order=locked, status=PaymentStatus.SUCCEEDED, amount_captured__gt=F("amount_refunded")
        )
        .order_by("-succeeded_at")
    )
    refunds: list[Refund] = []
    remaining = amount
    for payment in payments:
        if remaining <= 0:
            break
        part = min(remaining, payment.refundable_amount)
        refund_id = uuid.uuid4()
        result = provider_for(payment.provider).refund(
            payment=payment,
            amount=part,
            idempotency_key=f"vwb-refund-{refund_id}",
            reason=reason,
        )
        refunds.append(
            Refund.objects.create(
                id=refund_id,
                order=locked,
                payment=payment,
                amount=part,
                currency=payment.currency,
                status=result.status,
                provider_reference=result.reference,
                reason=reason[:500],
                actor=actor,
            )
        )
        Payment.objects.filter(pk=payment.pk).update(amount_refunded=F("amount_refunded") + part)
        remaining -= part
    refunded = amount - remaining
    Order.objects.filter(pk=locked.pk).update(amount_refunded=F("amount_refunded") + refunded)
    order.amount_refunded = locked.amount_refunded + refunded
    log.info("order_refunded", order=locked.number, amount=str(refunded))
    return refunds

"""What an order does about its payments: the orders side of `commerce.payments`.

Payments keep the ledger and report what happened (`PaymentApplied`, the `Payment` recorded, the
`Refund` rows); these services decide what the order does about it, in the same transaction:

- a payment that succeeds marks a pending order paid (`order_mark_paid`: pending -> processing
  once the captured amount covers the total), or is refunded at once if the order was cancelled
  meanwhile (expired);
- a bank transfer recorded by staff does the same once the total is covered;
- a refund e-mails the buyer after commit.

The Stripe webhook, the reconcile task and command, order expiry, the API and the Wagtail admin
call these, never the payment services that would leave the order behind.
"""

from decimal import Decimal

from django.db import transaction

from accounts.audit.services import audit_record
from commerce.models import Order, OrderStatus, Payment, PaymentStatus, Refund
from commerce.orders.emails import order_email_queue_refund
from commerce.orders.services.transitions import order_mark_paid
from commerce.payments.base import PaymentState
from commerce.payments.services import (
    PaymentApplied,
    bank_transfer_record,
    payment_apply_state,
    payment_fetch_state,
    payments_to_reconcile,
    payments_to_refresh,
    refund_create,
)
from commerce.payments.webhooks import stripe_webhook_receive
from vwb_site.exceptions import ApplicationError


@transaction.atomic
def order_payment_apply(*, payment: Payment, state: PaymentState) -> PaymentApplied:
    """Apply a provider's `state` to `payment` and settle its order, in one transaction: the
    payment that succeeds now marks a pending order paid, or is refunded if the order was
    cancelled before the money came."""
    applied = payment_apply_state(payment=payment, state=state)
    if not applied.succeeded_now:
        return applied
    order = Order.objects.select_for_update().get(pk=applied.payment.order_id)
    if order.status == OrderStatus.PENDING:
        order_mark_paid(order=order, note=f"Paid by {applied.payment.get_provider_display()}.")
    elif order.status == OrderStatus.CANCELLED:
        # Paid after it was cancelled (expired): give the money back at once.
        order_refund(
            order=order,
            amount=applied.amount_captured,
            actor=None,
            reason="Payment received after the order was cancelled.",
        )
    return applied


def order_payment_refresh(*, payment: Payment) -> PaymentApplied:
    """Re-read `payment` at its provider (no lock held during the call), then apply and settle."""
    state = payment_fetch_state(payment=payment)
    return order_payment_apply(payment=payment, state=state)


def order_payments_refresh(*, order: Order) -> None:
    """Re-read every provider payment of `order` that has not succeeded (before expiring it)."""
    for payment in payments_to_refresh(order=order):
        order_payment_refresh(payment=payment)


def order_payments_reconcile(*, older_than_minutes: int = 5) -> dict[str, int]:
    """Repair card orders whose webhook never came: re-read every open Stripe payment of a
    pending (or cancelled) order older than `older_than_minutes`."""
    summary = {"checked": 0, "paid": 0, "failed": 0, "errors": 0}
    for payment in payments_to_reconcile(older_than_minutes=older_than_minutes):
        summary["checked"] += 1
        try:
            result = order_payment_refresh(payment=payment).payment
        except ApplicationError:
            summary["errors"] += 1
            continue
        if result.status == PaymentStatus.SUCCEEDED:
            summary["paid"] += 1
        elif result.status == PaymentStatus.FAILED:
            summary["failed"] += 1
    return summary


def stripe_webhook_handle(*, payload: bytes, signature: str) -> str:
    """A Stripe webhook delivery: verified and stored once by commerce.payments, the payment it
    names re-read and its order settled here. Returns "processed", "duplicate" or "ignored"."""
    return stripe_webhook_receive(
        payload=payload,
        signature=signature,
        on_payment=lambda payment: order_payment_refresh(payment=payment),
    )


@transaction.atomic
def order_bank_transfer_record(
    *, order: Order, amount: Decimal, actor, reference: str = "", note: str = ""
) -> Payment:
    """An administrator records money received by bank transfer; the order becomes processing
    once the total is covered."""
    payment = bank_transfer_record(
        order=order, amount=amount, actor=actor, reference=reference, note=note
    )
    locked = Order.objects.select_for_update().get(pk=order.pk)
    order_mark_paid(order=locked, actor=actor, note=f"Bank transfer of {payment.amount} received.")
    return payment


@transaction.atomic
def order_refund(*, order: Order, amount: Decimal, actor, reason: str = "") -> list[Refund]:
    """Refund `amount` of what was captured on `order` (`refund_create`: capped, under the order
    lock) and e-mail the buyer after commit."""
    before = Order.objects.select_for_update().get(pk=order.pk).amount_refunded
    refunds = refund_create(order=order, amount=amount, actor=actor, reason=reason)
    refunded = sum((refund.amount for refund in refunds), Decimal("0.00"))
    after = Order.objects.get(pk=order.pk)
    audit_record(
        actor=actor,
        action="order.refund",
        target=after,
        changes={
            "amount_refunded": [str(before), str(after.amount_refunded)],
            "refund": [None, f"{refunded} {after.currency}"],
            "refund_ids": [None, [str(r.id) for r in refunds]],
        },
    )
    order_email_queue_refund(order=order, amount=refunded)
    return refunds

"""What an order does about its payments: the orders side of `commerce.payments`.

Payments keep the ledger and report what happened (`PaymentApplied`, the `Payment` recorded, the
`Refund` rows); these services decide what the order does about it, in the same transaction:

- a payment that succeeds marks a pending order paid (`order_mark_paid`: pending -> processing
  once the captured amount covers the total), or is refunded at once if the order was cancelled
  meanwhile (expired);
- a bank transfer recorded by staff does the same once the total is covered;
- a refund e-mails the buyer after commit.

The Stripe and PayPal webhooks, the PayPal capture, the reconcile task and command, order expiry,
the API and the Wagtail admin call these, never the payment services that would leave the order
behind.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.audit.services import audit_record
from commerce import error_codes
from commerce.models import (
    Order,
    OrderStatus,
    Payment,
    PaymentMethod,
    PaymentProvider,
    PaymentStatus,
    Refund,
)
from commerce.orders.emails import order_email_queue_refund
from commerce.orders.services.checkout import payment_method_check
from commerce.orders.services.transitions import order_mark_paid
from commerce.payments.base import PaymentState
from commerce.payments.paypal_webhooks import paypal_webhook_receive
from commerce.payments.registry import provider_for
from commerce.payments.services import (
    PaymentApplied,
    bank_transfer_record,
    payment_apply_state,
    payment_fetch_state,
    payment_record_provider_refunds,
    payment_sync,
    payments_cancel_pending,
    payments_to_reconcile,
    payments_to_refresh,
    refund_create,
)
from commerce.payments.webhooks import stripe_webhook_receive
from vwb_site.exceptions import ApplicationError, ConflictError
from vwb_site.logging_config import get_logger

log = get_logger("commerce.orders.payments")


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


def order_payment_refresh(*, payment: Payment, capture: bool = False) -> PaymentApplied:
    """Re-read `payment` at its provider, then apply and settle. Stripe's is read with no lock
    held; PayPal's is synced under the payment's lock (an approved order is captured once, the
    refunds PayPal lists are recorded once)."""
    if provider_for(payment.provider).captures_on_server:
        return _order_payment_sync(payment=payment, capture=capture)
    state = payment_fetch_state(payment=payment)
    return order_payment_apply(payment=payment, state=state)


@transaction.atomic
def _order_payment_sync(*, payment: Payment, capture: bool) -> PaymentApplied:
    state = payment_sync(payment=payment, capture=capture)
    applied = order_payment_apply(payment=payment, state=state)
    refunds = payment_record_provider_refunds(payment=applied.payment, state=state)
    if refunds:
        order = Order.objects.get(pk=applied.payment.order_id)
        order_email_queue_refund(
            order=order, amount=sum((r.amount for r in refunds), Decimal("0.00"))
        )
    return applied


def order_paypal_capture(*, order: Order) -> PaymentApplied:
    """The storefront's capture after the buyer approved at PayPal: captures the order's PayPal
    payment once (however many times it is called, and whatever the webhook does meanwhile);
    an order PayPal has not seen approved is a 409."""
    if order.payment_method != PaymentMethod.PAYPAL:
        raise ConflictError(
            f"Order {order.number} is not paid with PayPal.", code=error_codes.PAYMENT_NOT_PAYPAL
        )
    payment = order.payments.filter(provider=PaymentProvider.PAYPAL).order_by("-created_at").first()
    if payment is None:
        raise ConflictError(
            f"No PayPal payment was opened for order {order.number}: POST its payments first.",
            code=error_codes.PAYMENT_NOT_PAYPAL,
        )
    return order_payment_refresh(payment=payment, capture=True)


def paypal_webhook_handle(*, payload: bytes, headers) -> str:
    """A PayPal webhook delivery: verified and stored once by commerce.payments, the payment it
    names re-read (and captured if approved) and its order settled here."""
    return paypal_webhook_receive(
        payload=payload,
        headers=headers,
        on_payment=lambda payment: order_payment_refresh(payment=payment),
    )


@transaction.atomic
def order_payment_method_change(*, order: Order, user, payment_method: str) -> Order:
    """The buyer pays a pending order another way (PayPal unreachable, say): the open payments
    of the old method are stopped, the order is paid with the new one."""
    locked = Order.objects.select_for_update().get(pk=order.pk)
    if locked.status != OrderStatus.PENDING:
        raise ConflictError(
            f"Order {locked.number} is {locked.status}: nothing to pay.",
            code=error_codes.PAYMENT_NOT_NEEDED,
        )
    if locked.payment_method == payment_method:
        return locked
    if locked.payments.filter(status=PaymentStatus.PROCESSING).exists():
        # Money is on its way (a PayPal capture under review): a second method could charge
        # the buyer twice.
        raise ConflictError(
            f"A payment of order {locked.number} is being processed by its provider.",
            code=error_codes.PAYMENT_IN_PROGRESS,
        )
    payment_method_check(user, payment_method)
    payments_cancel_pending(order=locked)
    locked.payment_method = payment_method
    fields = ["payment_method"]
    if payment_method == PaymentMethod.BANK_TRANSFER:
        locked.payment_reference = locked.number
        locked.expires_at = timezone.now() + timedelta(days=settings.ORDER_BANK_TRANSFER_TTL_DAYS)
        fields += ["payment_reference", "expires_at"]
    locked.save(update_fields=fields)
    log.info("order_payment_method_changed", order=locked.number, method=payment_method)
    return locked


def order_payments_refresh(*, order: Order) -> None:
    """Re-read every provider payment of `order` that has not succeeded (before expiring it)."""
    for payment in payments_to_refresh(order=order):
        order_payment_refresh(payment=payment)


def order_payments_reconcile(*, older_than_minutes: int = 5) -> dict[str, int]:
    """Repair card and PayPal orders whose webhook never came: re-read every open Stripe or
    PayPal payment of a pending (or cancelled) order older than `older_than_minutes` (a PayPal
    order the buyer approved is captured)."""
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

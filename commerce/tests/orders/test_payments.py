"""Payments report, orders decide: the payment services keep the ledger and never move an order;
the orders' services (`commerce.orders.services.payments`) mark it paid or refund it."""

from decimal import Decimal

import pytest

from commerce.models import Order, OrderStatus, OrderStatusHistory, Payment, PaymentStatus
from commerce.orders.services import (
    order_bank_transfer_record,
    order_cancel,
    order_payment_apply,
    order_payment_refresh,
)
from commerce.payments.base import PaymentState
from commerce.payments.services import bank_transfer_record, payment_apply_state
from commerce.tests.factories import order_create
from commerce.tests.payments.helpers import card_order, confirm_at_stripe

pytestmark = pytest.mark.django_db


def _card_payment(order: Order) -> Payment:
    """A card payment row as `payment_start` opens it (no provider call needed to apply a
    state that is handed in)."""
    return Payment.objects.create(
        order=order,
        provider="stripe",
        status=PaymentStatus.PENDING,
        amount=order.total_amount,
        currency=order.currency,
        provider_reference=f"pi_test_{order.number}",
    )


def _succeeded(order: Order) -> PaymentState:
    return PaymentState(status=PaymentStatus.SUCCEEDED, amount_captured=order.total_amount)


def test_a_payment_service_reports_the_success_and_leaves_the_order_status_alone():
    order = order_create(payment_method="card")
    payment = _card_payment(order)

    applied = payment_apply_state(payment=payment, state=_succeeded(order))

    assert applied.succeeded_now and applied.amount_captured == order.total_amount
    assert applied.payment.status == PaymentStatus.SUCCEEDED
    order.refresh_from_db()
    assert order.amount_captured == order.total_amount  # the ledger is the payments' own
    assert order.status == OrderStatus.PENDING  # the status is the orders' business
    again = payment_apply_state(payment=payment, state=_succeeded(order))
    assert not again.succeeded_now  # succeeded is final: reported once
    order.refresh_from_db()
    assert order.amount_captured == order.total_amount


def test_the_orders_service_marks_the_order_paid_once_however_often_the_state_arrives():
    order = order_create(payment_method="card")
    payment = _card_payment(order)

    first = order_payment_apply(payment=payment, state=_succeeded(order))
    second = order_payment_apply(payment=payment, state=_succeeded(order))

    assert (first.succeeded_now, second.succeeded_now) == (True, False)
    order.refresh_from_db()
    assert order.status == OrderStatus.PROCESSING and order.paid_at is not None
    assert order.amount_captured == order.total_amount
    history = OrderStatusHistory.objects.filter(order=order, to_status=OrderStatus.PROCESSING)
    assert [h.note for h in history] == ["Paid by Stripe."]


def test_a_failed_payment_leaves_a_pending_order_pending():
    order = order_create(payment_method="card")
    payment = _card_payment(order)
    state = PaymentState(
        status=PaymentStatus.FAILED,
        amount_captured=Decimal("0.00"),
        failure_code="card_declined",
        failure_message="Declined.",
    )

    applied = order_payment_apply(payment=payment, state=state)

    assert not applied.succeeded_now and applied.payment.failure_count == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING and order.amount_captured == 0


def test_recording_a_bank_transfer_in_payments_alone_does_not_mark_the_order_paid(admin):
    order = order_create(payment_method="bank_transfer")

    bank_transfer_record(order=order, amount=order.total_amount, actor=admin)
    order.refresh_from_db()
    assert order.amount_due == 0 and order.status == OrderStatus.PENDING

    other = order_create(payment_method="bank_transfer")
    order_bank_transfer_record(order=other, amount=other.total_amount, actor=admin)
    other.refresh_from_db()
    assert other.status == OrderStatus.PROCESSING


@pytest.mark.usefixtures("stripe_settings")
def test_a_card_payment_that_succeeds_after_the_order_was_cancelled_is_refunded_at_once():
    order, payment, _ = card_order()
    order_cancel(order=order, actor=None, note="Expired: not paid in time.")
    confirm_at_stripe(payment)  # the buyer paid anyway, just too late

    applied = order_payment_refresh(payment=payment)

    assert applied.succeeded_now
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert order.amount_captured == order.total_amount == order.amount_refunded
    (refund,) = order.refunds.all()
    assert refund.reason == "Payment received after the order was cancelled."
    assert refund.provider_reference.startswith("re_")

"""Order e-mails: queued after commit through Celery, delivered to the real test SMTP server,
plain text and HTML."""

from decimal import Decimal

import pytest

from commerce.models import OrderStatus
from commerce.orders.services import order_cancel, order_refund, order_transition
from commerce.tests.factories import order_create, paid_order_create

pytestmark = pytest.mark.django_db


def parts(message) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_placing_an_order_records_the_confirmation_and_sends_it_after_commit(
    mailbox, django_capture_on_commit_callbacks
):
    from commerce import events
    from vwb_site.outbox.models import OutboxMessage

    order = order_create()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        # The reaction runs inside the transaction of the change: it writes an outbox row.
        events.order_status_changed(order_id=order.pk, from_status="", to_status="pending")
    assert mailbox.messages == []  # nothing before commit
    row = OutboxMessage.objects.get(task_name="commerce.send_order_email")
    assert row.args == [str(order.pk), "confirmation"] and row.status == "pending"
    for callback in callbacks:
        callback()
    (message,) = mailbox.wait_for(1)
    assert message["Subject"] == f"Order {order.number} received"
    assert message["To"] == order.customer_email
    text, html = parts(message)
    assert order.number in text and str(order.total_amount) in text
    assert "<strong>" in html and order.number in html


def test_bank_transfer_confirmation_carries_the_bank_details(
    mailbox, settings, django_capture_on_commit_callbacks
):
    from commerce.orders.tasks import send_order_email

    order = order_create(payment_method="bank_transfer")
    send_order_email.delay(str(order.pk), "confirmation")
    (message,) = mailbox.wait_for(1)
    text, _ = parts(message)
    assert settings.BANK_TRANSFER_IBAN in text and order.number in text


def test_payment_received_delivered_cancelled_and_refunded_emails(
    mailbox, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = paid_order_create()
    subjects = [m["Subject"] for m in mailbox.wait_for(1)]
    assert f"Payment received for order {order.number}" in subjects

    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order_refund(order=order, amount=Decimal("12.50"), actor=admin)
    (message,) = mailbox.wait_for(1)
    assert message["Subject"] == f"Refund for order {order.number}"
    assert "12.50" in parts(message)[0]

    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order=order, actor=admin)
    subjects = sorted(m["Subject"] for m in mailbox.wait_for(2))
    assert subjects == [f"Order {order.number} was cancelled", f"Refund for order {order.number}"]

    other = paid_order_create()
    order_transition(order=other, to=OrderStatus.SHIPPED, actor=admin)
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order_transition(order=other, to=OrderStatus.DELIVERED, actor=None, note="Carrier")
    (message,) = mailbox.wait_for(1)
    assert message["Subject"] == f"Order {other.number} was delivered"
    text, html = parts(message)
    assert other.number in text and other.number in html


def test_order_emails_say_what_each_event_was_even_when_sent_after_later_changes(
    mailbox, admin, settings, django_capture_on_commit_callbacks
):
    """The worker is late (no fast path): two refunds, then the shipment, all committed before
    any e-mail leaves. Each e-mail renders its own event's figures, not the order's latest."""
    from vwb_site.outbox.services import outbox_relay_batch

    with django_capture_on_commit_callbacks(execute=True):
        order = paid_order_create()
    mailbox.wait_for(1)
    mailbox.clear()
    settings.OUTBOX_FAST_PATH = False
    settings.OUTBOX_RELAY_GRACE_SECONDS = 0
    order_refund(order=order, amount=Decimal("10.00"), actor=admin)
    order_refund(order=order, amount=Decimal("20.00"), actor=admin)
    order.refresh_from_db()
    assert order.amount_refunded == Decimal("30.00")
    assert mailbox.messages == []
    assert outbox_relay_batch()["sent"] == 2
    first, second = sorted(mailbox.wait_for(2), key=lambda m: "20.00 " in parts(m)[0])
    assert "We have refunded 10.00" in parts(first)[0]
    assert "Total refunded on this order: 10.00" in parts(first)[0]
    assert "We have refunded 20.00" in parts(second)[0]
    assert "Total refunded on this order: 30.00" in parts(second)[0]

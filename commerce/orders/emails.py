"""Order e-mails (plain text + HTML), sent by Celery after the change they announce commits.

The e-mail task lives here, beside what it sends, so the services that queue it (refunds) and
the status reaction import this module and never `commerce.orders.tasks`, which imports the
services it wraps: no cycle. `commerce.orders.tasks` imports it for Celery's autodiscovery.
"""

from decimal import Decimal

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from commerce.models import Order, OrderStatus, PaymentMethod
from commerce.payments.bank_transfer import bank_details
from commerce.shipping.selectors import latest_tracking
from vwb_site.celery_app import app
from vwb_site.outbox.services import effect_once
from vwb_site.tasks import RETRYING, dispatch_on_commit

SUBJECTS = {
    "confirmation": "Order {number} received",
    "payment_received": "Payment received for order {number}",
    "shipped": "Order {number} has shipped",
    "delivered": "Order {number} was delivered",
    "cancelled": "Order {number} was cancelled",
    "refunded": "Refund for order {number}",
}

# Which e-mail a status change sends ("" -> pending is the order being placed).
EMAIL_FOR_STATUS = {
    OrderStatus.PENDING: "confirmation",
    OrderStatus.PROCESSING: "payment_received",
    OrderStatus.SHIPPED: "shipped",
    OrderStatus.DELIVERED: "delivered",
    OrderStatus.CANCELLED: "cancelled",
}


def order_email_snapshot(*, order: Order, status: str) -> dict:
    """What an order e-mail shows that can change after the event: the status reached, the
    amounts captured and refunded, the tracking. Taken in the transaction of the event and
    carried in the outbox row, so the e-mail says what happened, not what is true when the
    worker gets round to it."""
    tracking = latest_tracking(order) if status == OrderStatus.SHIPPED else None
    if tracking:
        tracking = {k: tracking[k] for k in ("carrier", "tracking_number", "tracking_url")}
    return {
        "status": str(status),
        "amount_captured": str(order.amount_captured),
        "amount_refunded": str(order.amount_refunded),
        "tracking": tracking,
    }


def _order_for_snapshot(order_id, status: str):
    orders = Order.objects.only("id", "status", "amount_captured", "amount_refunded")
    if status == OrderStatus.SHIPPED:
        orders = orders.prefetch_related("shipments__carrier")
    return orders.filter(pk=order_id).first()


def on_order_status_changed(*, order_id, from_status: str, to_status: str) -> None:
    """Reaction declared in commerce.events (in the transaction of the change): record the
    e-mail for the new status in the outbox, with what it must say."""
    kind = EMAIL_FOR_STATUS.get(to_status)
    if not kind:
        return
    if not from_status:  # just placed, in this transaction: nothing captured, refunded, shipped
        snapshot = {
            "status": str(to_status),
            "amount_captured": "0.00",
            "amount_refunded": "0.00",
            "tracking": None,
        }
        dispatch_on_commit(send_order_email, str(order_id), kind, snapshot=snapshot)
        return
    order = _order_for_snapshot(order_id, to_status)
    if order is None:
        return
    snapshot = order_email_snapshot(order=order, status=to_status)
    dispatch_on_commit(send_order_email, str(order_id), kind, snapshot=snapshot)


def order_email_queue_refund(*, order: Order, amount) -> None:
    """Record the refund e-mail in the outbox, in the transaction of the refund."""
    order = _order_for_snapshot(order.pk, "") or order
    snapshot = order_email_snapshot(order=order, status=order.status)
    dispatch_on_commit(
        send_order_email, str(order.pk), "refunded", amount=str(amount), snapshot=snapshot
    )


def order_email_send(
    *, order_id: str, kind: str, amount: str = "", snapshot: dict | None = None
) -> None:
    order = Order.objects.prefetch_related("lines", "shipments__carrier").get(pk=order_id)
    tracking = latest_tracking(order) if kind == "shipped" else None
    if snapshot is not None:
        # Render the order as it was at the event (unsaved: this instance is for the template).
        order.status = snapshot["status"]
        order.amount_captured = Decimal(snapshot["amount_captured"])
        order.amount_refunded = Decimal(snapshot["amount_refunded"])
        tracking = snapshot.get("tracking")
    context = {
        "order": order,
        "lines": list(order.lines.all()),
        "kind": kind,
        "amount": amount,
        "site_name": settings.SITE_NAME,
        "order_url": f"{settings.FRONTEND_BASE_URL}/account/orders/{order.pk}",
        "tracking": tracking,
        "bank": None,
    }
    if kind == "confirmation" and order.payment_method == PaymentMethod.BANK_TRANSFER:
        context["bank"] = bank_details(order)
    subject = SUBJECTS[kind].format(number=order.number)
    text = render_to_string(f"commerce/emails/{kind}.txt", context)
    html = render_to_string(f"commerce/emails/{kind}.html", context)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [order.customer_email]
    )
    message.attach_alternative(html, "text/html")
    message.send()


@app.task(**RETRYING, name="commerce.send_order_email")
def send_order_email(
    self, order_id: str, kind: str, amount: str = "", snapshot: dict | None = None
) -> bool:
    """Sends once per outbox row, however often the row is delivered."""
    sent = effect_once(
        self,
        lambda: (
            order_email_send(order_id=order_id, kind=kind, amount=amount, snapshot=snapshot) or True
        ),
    )
    return bool(sent)

"""Order e-mails (plain text + HTML), sent by Celery after the change they announce commits.

The e-mail task lives here, beside what it sends, so the services that queue it (refunds) and
the status reaction import this module and never `commerce.orders.tasks`, which imports the
services it wraps: no cycle. `commerce.orders.tasks` imports it for Celery's autodiscovery.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from commerce.models import Order, OrderStatus, PaymentMethod
from commerce.payments.bank_transfer import bank_details
from commerce.shipping.selectors import latest_tracking
from vwb_site.celery_app import app
from vwb_site.tasks import RETRYING

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


def on_order_status_changed(*, order_id, from_status: str, to_status: str) -> None:
    """Reaction declared in commerce.events: queue the e-mail for the new status."""
    kind = EMAIL_FOR_STATUS.get(to_status)
    if kind:
        send_order_email.delay(str(order_id), kind)


def order_email_send(*, order_id: str, kind: str, amount: str = "") -> None:
    order = Order.objects.prefetch_related("lines").get(pk=order_id)
    context = {
        "order": order,
        "lines": list(order.lines.all()),
        "kind": kind,
        "amount": amount,
        "site_name": settings.SITE_NAME,
        "order_url": f"{settings.FRONTEND_BASE_URL}/account/orders/{order.pk}",
        "tracking": latest_tracking(order) if kind == "shipped" else None,
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
def send_order_email(self, order_id: str, kind: str, amount: str = "") -> None:
    order_email_send(order_id=order_id, kind=kind, amount=amount)

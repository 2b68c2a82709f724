"""Order e-mails (plain text + HTML), sent by Celery after the change they announce commits."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from commerce.models import Order, OrderStatus

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
    from commerce.tasks import send_order_email

    kind = EMAIL_FOR_STATUS.get(to_status)
    if kind:
        send_order_email.delay(str(order_id), kind)


def shipments_of(order: Order) -> list[dict]:
    """The order's shipments (carrier, tracking number and URL, events) when commerce.shipping
    recorded any; uses the prefetched `shipments` of `commerce.orders.selectors.order_get`."""
    shipments = getattr(order, "shipments", None)
    if shipments is None:
        return []
    result = []
    for shipment in shipments.all():
        carrier = getattr(shipment, "carrier", None)
        events = getattr(shipment, "events", None)
        result.append(
            {
                "carrier": getattr(carrier, "name", ""),
                "carrier_code": getattr(carrier, "code", ""),
                "tracking_number": shipment.tracking_number,
                "tracking_url": getattr(shipment, "tracking_url", "") or "",
                "shipped_at": getattr(shipment, "shipped_at", None) or shipment.created_at,
                "events": [
                    {
                        "kind": e.kind,
                        "occurred_at": e.occurred_at,
                        "location": e.location,
                        "description": e.description,
                    }
                    for e in (events.all() if events is not None else [])
                ],
            }
        )
    return result


def latest_tracking(order: Order) -> dict | None:
    shipments = shipments_of(order)
    return shipments[-1] if shipments else None


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
    if kind == "confirmation" and order.payment_method == "bank_transfer":
        from commerce.payments.bank_transfer import bank_details

        context["bank"] = bank_details(order)
    subject = SUBJECTS[kind].format(number=order.number)
    text = render_to_string(f"commerce/emails/{kind}.txt", context)
    html = render_to_string(f"commerce/emails/{kind}.html", context)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [order.customer_email]
    )
    message.attach_alternative(html, "text/html")
    message.send()

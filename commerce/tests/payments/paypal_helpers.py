"""Helpers of the PayPal tests (the fake PayPal API is the `paypal` fixture)."""

from commerce.orders.selectors import order_get
from commerce.payments.services import payment_start
from commerce.tests.factories import order_create

WEBHOOK_URL = "/v1/payments/paypal/webhook"


def paypal_order(**kwargs):
    """A pending PayPal order with its PayPal order created at the fake."""
    order = order_create(payment_method="paypal", **kwargs)
    payment, instructions = payment_start(order=order)
    return order, payment, instructions


def capture_url(order) -> str:
    return f"/v1/orders/{order.pk}/payments/paypal/capture"


def post_event(api_client, body: bytes, headers: dict):
    meta = {"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()}
    return api_client.post(WEBHOOK_URL, data=body, content_type="application/json", **meta)


def fresh(order):
    return order_get(order_id=order.pk)

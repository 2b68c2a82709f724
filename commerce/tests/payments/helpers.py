from commerce.orders.selectors import order_get
from commerce.payments.services import payment_start
from commerce.payments.stripe_provider import stripe_client
from commerce.tests.factories import order_create

WEBHOOK_URL = "/v1/payments/stripe/webhook"


def card_order(*, payment_method_id: str = "pm_card_visa", **kwargs):
    """A pending card order with its PaymentIntent created at (local) Stripe."""
    order = order_create(payment_method="card", **kwargs)
    payment, instructions = payment_start(order=order, payment_method_id=payment_method_id)
    return order, payment, instructions


def confirm_at_stripe(payment):
    """What Stripe.js does in the buyer's browser (localstripe needs the secret key)."""
    return stripe_client().v1.payment_intents.confirm(payment.provider_reference)


def post_event(api_client, body: bytes, signature: str):
    return api_client.post(
        WEBHOOK_URL, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
    )


def fresh(order):
    return order_get(order_id=order.pk)

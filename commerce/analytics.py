"""The GA4 `purchase` event of a paid order (a reaction in commerce.events).

Commerce builds the Measurement Protocol payload from its order; accounts' sender posts it
only if GA4 is configured and the buyer consents to analytics at send time.
"""

from decimal import Decimal

from accounts.privacy.analytics import ga4_enabled, ga4_send_later
from commerce.models import Order, OrderStatus


def _money(value: Decimal) -> float:
    # The Measurement Protocol takes JSON numbers; amounts are already quantised to cents.
    return float(value)


def purchase_payload(order: Order) -> dict:
    return {
        # The client id ties the hit to a visitor; a stable pseudonym of the user, not the id.
        "client_id": f"{order.user_id}.{int(order.order_date.timestamp())}",
        "user_id": str(order.user_id),
        "non_personalized_ads": True,
        "events": [
            {
                "name": "purchase",
                "params": {
                    "transaction_id": order.number,
                    "currency": order.currency,
                    "value": _money(order.total_amount),
                    "tax": _money(order.tax_amount),
                    "shipping": _money(order.shipping_amount),
                    "items": [
                        {
                            "item_id": line.sku,
                            "item_name": line.name,
                            "quantity": line.quantity,
                            "price": _money(line.unit_price),
                        }
                        for line in order.lines.all()
                    ],
                },
            }
        ],
    }


def on_order_status_changed(*, order_id, from_status: str, to_status: str) -> None:
    """Reaction (commerce.events): a paid order queues its purchase event."""
    if to_status != OrderStatus.PROCESSING or not ga4_enabled():
        return
    order = Order.objects.prefetch_related("lines").filter(pk=order_id).first()
    if order is not None:
        ga4_send_later(user_id=order.user_id, payload=purchase_payload(order))

"""Order services: checkout (preview, place) and the lifecycle (transition, cancel, ship...)."""

from commerce.orders.services.checkout import (
    CheckoutInput,
    CheckoutLine,
    checkout_preview,
    order_place,
)
from commerce.orders.services.expiry import orders_expire_unpaid
from commerce.orders.services.transitions import (
    order_cancel,
    order_deliver,
    order_mark_paid,
    order_ship,
    order_transition,
)

__all__ = [
    "CheckoutInput",
    "CheckoutLine",
    "checkout_preview",
    "order_cancel",
    "order_deliver",
    "order_mark_paid",
    "order_place",
    "order_ship",
    "order_transition",
    "orders_expire_unpaid",
]

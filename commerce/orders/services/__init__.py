"""Order services: checkout (preview, place), the lifecycle (transition, cancel, ship...), the
payment side of an order (mark paid, refunds, bank transfers, webhooks) and agreed orders."""

from commerce.orders.services.actions import order_cancel, order_ship
from commerce.orders.services.agreed import (
    AgreedOrderInput,
    AgreedOrderLine,
    FreightSnapshot,
    TaxSnapshot,
    order_create_agreed,
)
from commerce.orders.services.checkout import (
    CheckoutInput,
    CheckoutLine,
    checkout_preview,
    order_place,
)
from commerce.orders.services.expiry import orders_expire_unpaid
from commerce.orders.services.payments import (
    order_bank_transfer_record,
    order_payment_apply,
    order_payment_method_change,
    order_payment_refresh,
    order_payments_reconcile,
    order_payments_refresh,
    order_paypal_capture,
    order_refund,
    paypal_webhook_handle,
    stripe_webhook_handle,
)
from commerce.orders.services.transitions import (
    order_deliver,
    order_mark_paid,
    order_shipment_delivered,
    order_transition,
)

__all__ = [
    "AgreedOrderInput",
    "AgreedOrderLine",
    "CheckoutInput",
    "CheckoutLine",
    "FreightSnapshot",
    "TaxSnapshot",
    "checkout_preview",
    "order_bank_transfer_record",
    "order_cancel",
    "order_create_agreed",
    "order_deliver",
    "order_mark_paid",
    "order_payment_apply",
    "order_payment_method_change",
    "order_payment_refresh",
    "order_payments_reconcile",
    "order_payments_refresh",
    "order_paypal_capture",
    "order_place",
    "order_refund",
    "order_ship",
    "order_shipment_delivered",
    "order_transition",
    "orders_expire_unpaid",
    "paypal_webhook_handle",
    "stripe_webhook_handle",
]

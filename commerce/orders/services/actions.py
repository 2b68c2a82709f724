"""Lifecycle operations with side effects in other areas, each in one transaction.

- cancel: refund what was captured (through the provider), release the reserved stock, stop
  the pending payment, then `order_transition` to cancelled;
- ship: the reserved barrels leave the warehouse (catalog), the shipment is recorded with its
  tracking number (commerce.shipping), then `order_transition` to shipped.
"""

from django.db import transaction

from catalog.services.inventory import StockReference, stock_release, stock_sell
from commerce import error_codes
from commerce.models import Order, OrderStatus
from commerce.orders.services.payments import order_refund
from commerce.orders.services.transitions import lock_order, order_transition
from commerce.payments.services import payments_cancel_pending
from commerce.shipping.tracking import shipment_create
from vwb_site.exceptions import ConflictError


@transaction.atomic
def order_cancel(*, order: Order, actor=None, note: str = "", refund: bool = True) -> Order:
    """Cancel a pending or processing order: refund what was captured (through the provider),
    release the reserved stock, stop the pending payment. ConflictError cannot_cancel otherwise.
    """
    locked = lock_order(order)
    if not locked.can_transition_to(OrderStatus.CANCELLED):
        raise ConflictError(
            f"Order {locked.number} is {locked.status} and can no longer be cancelled.",
            code=error_codes.CANNOT_CANCEL,
            extra={
                "status": locked.status,
                "allowed_transitions": list(locked.allowed_transitions),
            },
        )
    if refund and locked.refundable_amount > 0:
        order_refund(
            order=locked,
            amount=locked.refundable_amount,
            actor=actor,
            reason=note or "Order cancelled.",
        )
        locked.refresh_from_db()
    stock_release(
        reference=StockReference.order(locked.pk),
        actor=actor,
        note=f"Order {locked.number} cancelled",
    )
    payments_cancel_pending(order=locked)
    return order_transition(
        order=locked, to=OrderStatus.CANCELLED, actor=actor, note=note or "Cancelled."
    )


@transaction.atomic
def order_ship(
    *, order: Order, actor, carrier_code: str, tracking_number: str = "", note: str = ""
) -> Order:
    """Processing -> shipped: the reserved barrels leave the warehouse, the shipment is
    recorded with its tracking number (commerce.shipping), or booked through the carrier's API
    (label bought, tracking number returned) for a carrier that books labels."""
    locked = lock_order(order)
    if not locked.can_transition_to(OrderStatus.SHIPPED):
        order_transition(order=locked, to=OrderStatus.SHIPPED, actor=actor)  # raises
    stock_sell(
        reference=StockReference.order(locked.pk),
        actor=actor,
        note=f"Order {locked.number} shipped",
    )
    shipment = shipment_create(
        order=locked, carrier_code=carrier_code, tracking_number=tracking_number, actor=actor
    )
    return order_transition(
        order=locked,
        to=OrderStatus.SHIPPED,
        actor=actor,
        note=note or f"Shipped with {carrier_code}, tracking {shipment.tracking_number}.",
    )

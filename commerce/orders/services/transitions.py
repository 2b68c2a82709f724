"""The order lifecycle: one transition service and the operations built on it.

`order_transition` is the only code that changes `Order.status`: it locks the row, checks the
declared `TRANSITIONS` map, saves, writes a history row and, after commit, runs the reactions
declared in `commerce.events`. Operations with side effects (cancel: refund and release stock;
ship: stock leaves the warehouse and a shipment is recorded) wrap it in the same transaction.
"""

from django.db import transaction
from django.utils import timezone

from catalog.services.inventory import StockReference, stock_release, stock_sell
from commerce import error_codes, events
from commerce.models import Order, OrderStatus, OrderStatusHistory
from vwb_site.exceptions import ConflictError

_TIMESTAMP_FIELD = {
    OrderStatus.PROCESSING: "paid_at",
    OrderStatus.SHIPPED: "shipped_at",
    OrderStatus.DELIVERED: "delivered_at",
    OrderStatus.CANCELLED: "cancelled_at",
}


def _lock(order: Order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


@transaction.atomic
def order_transition(*, order: Order, to: str, actor=None, note: str = "") -> Order:
    """Move `order` to status `to` if the map allows it (ConflictError invalid_transition)."""
    locked = _lock(order)
    from_status = locked.status
    if not locked.can_transition_to(to):
        allowed = list(locked.allowed_transitions)
        raise ConflictError(
            f"Order {locked.number} is {from_status}; it cannot become {to} "
            f"(allowed: {', '.join(allowed) or 'none'}).",
            code=error_codes.INVALID_TRANSITION,
            extra={"status": from_status, "allowed_transitions": allowed},
        )
    now = timezone.now()
    locked.status = to
    locked.status_changed_at = now
    fields = ["status", "status_changed_at", "updated_at"]
    if to in _TIMESTAMP_FIELD:
        setattr(locked, _TIMESTAMP_FIELD[to], now)
        fields.append(_TIMESTAMP_FIELD[to])
    locked.save(update_fields=fields)
    OrderStatusHistory.objects.create(
        order=locked, from_status=from_status, to_status=to, actor=actor, note=note[:500]
    )
    order_id = locked.pk
    transaction.on_commit(
        lambda: events.order_status_changed(
            order_id=order_id, from_status=from_status, to_status=to
        )
    )
    # Keep the caller's instance current.
    for name in fields:
        setattr(order, name, getattr(locked, name))
    return locked


@transaction.atomic
def order_mark_paid(*, order: Order, note: str = "", actor=None) -> Order:
    """Pending -> processing once the captured amount covers the total (no-op otherwise)."""
    locked = _lock(order)
    if locked.status != OrderStatus.PENDING or not locked.is_paid:
        return locked
    return order_transition(
        order=locked, to=OrderStatus.PROCESSING, actor=actor, note=note or "Payment received."
    )


@transaction.atomic
def order_cancel(*, order: Order, actor=None, note: str = "", refund: bool = True) -> Order:
    """Cancel a pending or processing order: refund what was captured (through the provider),
    release the reserved stock, stop the pending payment. ConflictError cannot_cancel otherwise.
    """
    from commerce.payments.services import payments_cancel_pending, refund_create

    locked = _lock(order)
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
        refund_create(
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
    *, order: Order, actor, carrier_code: str, tracking_number: str, note: str = ""
) -> Order:
    """Processing -> shipped: the reserved barrels leave the warehouse, the shipment is
    recorded with its tracking number (commerce.shipping)."""
    from commerce.shipping.services import shipment_create

    locked = _lock(order)
    if not locked.can_transition_to(OrderStatus.SHIPPED):
        order_transition(order=locked, to=OrderStatus.SHIPPED, actor=actor)  # raises
    stock_sell(
        reference=StockReference.order(locked.pk),
        actor=actor,
        note=f"Order {locked.number} shipped",
    )
    shipment_create(
        order=locked, carrier_code=carrier_code, tracking_number=tracking_number, actor=actor
    )
    return order_transition(
        order=locked,
        to=OrderStatus.SHIPPED,
        actor=actor,
        note=note or f"Shipped with {carrier_code}, tracking {tracking_number}.",
    )


def order_deliver(*, order: Order, actor=None, note: str = "") -> Order:
    return order_transition(
        order=order, to=OrderStatus.DELIVERED, actor=actor, note=note or "Delivered."
    )

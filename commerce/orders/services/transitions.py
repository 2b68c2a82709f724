"""The order lifecycle: one transition service and the plain transitions built on it.

`order_transition` is the only code that changes `Order.status`: it locks the row, checks the
declared `TRANSITIONS` map, saves, writes a history row and, after commit, runs the reactions
declared in `commerce.events`. Operations with side effects in other areas (cancel, ship) are
in `actions.py`; the payment side (mark paid, refunds) in `payments.py`.
"""

from django.db import transaction
from django.utils import timezone

from commerce import error_codes, events
from commerce.models import Order, OrderStatus, OrderStatusHistory
from vwb_site.exceptions import ConflictError
from vwb_site.logging_config import get_logger

log = get_logger("commerce.orders.transitions")

_TIMESTAMP_FIELD: dict[str, str] = {
    OrderStatus.PROCESSING: "paid_at",
    OrderStatus.SHIPPED: "shipped_at",
    OrderStatus.DELIVERED: "delivered_at",
    OrderStatus.CANCELLED: "cancelled_at",
}


def lock_order(order: Order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


@transaction.atomic
def order_transition(*, order: Order, to: str, actor=None, note: str = "") -> Order:
    """Move `order` to status `to` if the map allows it (ConflictError invalid_transition)."""
    locked = lock_order(order)
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
    # Its reactions record their side effects in the outbox: in this transaction.
    events.order_status_changed(order_id=order_id, from_status=from_status, to_status=to)
    # Keep the caller's instance current.
    for name in fields:
        setattr(order, name, getattr(locked, name))
    return locked


@transaction.atomic
def order_mark_paid(*, order: Order, note: str = "", actor=None) -> Order:
    """Pending -> processing once the captured amount covers the total (no-op otherwise)."""
    locked = lock_order(order)
    if locked.status != OrderStatus.PENDING or not locked.is_paid:
        return locked
    return order_transition(
        order=locked, to=OrderStatus.PROCESSING, actor=actor, note=note or "Payment received."
    )


def order_deliver(*, order: Order, actor=None, note: str = "") -> Order:
    return order_transition(
        order=order, to=OrderStatus.DELIVERED, actor=actor, note=note or "Delivered."
    )


@transaction.atomic
def order_shipment_delivered(*, order_id, shipment_id, actor=None, note: str = "") -> Order:
    """Reaction to a `delivered` tracking event (commerce.events.SHIPMENT_DELIVERED_REACTIONS),
    inside the transaction that recorded it: a shipped order becomes delivered; an order already
    delivered stays so; any other status is left as it is, and logged."""
    order = Order.objects.select_for_update().get(pk=order_id)
    if order.status == OrderStatus.SHIPPED:
        return order_transition(order=order, to=OrderStatus.DELIVERED, actor=actor, note=note)
    if order.status != OrderStatus.DELIVERED:
        log.warning(
            "delivered_event_for_order_not_shipped",
            order=str(order.pk),
            status=order.status,
            shipment=shipment_id,
        )
    return order

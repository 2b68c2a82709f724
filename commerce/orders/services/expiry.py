"""Unpaid orders expire: cancelled after their deadline, releasing the stock they hold.

Card and PayPal orders are checked with their provider first (a payment whose webhook has not
arrived yet must not be cancelled under the buyer's feet; an approved PayPal order is captured).
"""

from django.utils import timezone

from commerce.models import Order, OrderStatus, PaymentMethod
from commerce.orders.services.actions import order_cancel
from commerce.orders.services.payments import order_payments_refresh
from vwb_site.exceptions import ConflictError
from vwb_site.logging_config import get_logger

log = get_logger("commerce.orders.expiry")


def orders_expire_unpaid(*, now=None, limit: int = 500) -> list[str]:
    """Cancel pending orders past `expires_at`; returns the numbers of those cancelled."""
    now = now or timezone.now()
    candidates = list(
        Order.objects.filter(status=OrderStatus.PENDING, expires_at__lte=now).order_by(
            "expires_at"
        )[:limit]
    )
    expired = []
    for order in candidates:
        if order.payment_method in (PaymentMethod.CARD, PaymentMethod.PAYPAL):
            try:
                order_payments_refresh(order=order)
            except Exception:  # noqa: BLE001 - provider down: try again at the next run
                log.warning("expiry_payment_check_failed", order=order.number)
                continue
            order.refresh_from_db()
            if order.status != OrderStatus.PENDING:
                continue
        try:
            order_cancel(order=order, actor=None, note="Expired: not paid in time.")
        except ConflictError:  # paid or cancelled meanwhile
            continue
        expired.append(order.number)
        log.info("order_expired", order=order.number)
    return expired

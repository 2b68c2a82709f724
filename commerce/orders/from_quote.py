"""An order created from an accepted B2B quote, at exactly the quoted prices and terms.

Checkout (`order_place`) prices a basket from the catalog; a quote's prices were negotiated, so
this entry point takes them from the quote version instead. Everything else is the orders app's
own: the order number (`order_number_next`), the history row, the tax regime and breakdown
(computed by `commerce.tax` when the version was priced and copied unchanged), the after-commit
events and metrics, and `order_transition` for net-terms orders. Stock is the caller's business
(the quotes app moves the quote's hold to the order, or reserves).
"""

import uuid
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from commerce import events
from commerce.models import Order, OrderLine, OrderStatus, OrderStatusHistory, PaymentMethod
from commerce.orders.numbering import order_number_next
from commerce.orders.services.transitions import order_transition
from vwb_site.api.metrics import ORDERS_PLACED

# Quote payment terms -> how the order is paid. Net 30 is paid by bank transfer after shipping.
PAYMENT_METHOD_FOR_TERMS = {
    "card": PaymentMethod.CARD,
    "bank_transfer": PaymentMethod.BANK_TRANSFER,
    "net_30": PaymentMethod.BANK_TRANSFER,
}


def _line_tax(version, sku: str, index: int) -> Decimal:
    breakdown = version.vat_breakdown or []
    if index < len(breakdown) and breakdown[index].get("label") == sku:
        return Decimal(breakdown[index]["amount"])
    return Decimal("0.00")


@transaction.atomic
def order_create_from_quote(
    *, quote, version, user, shipping_address: dict, billing_address: dict
) -> Order:
    """Create the order of an accepted quote version (status pending; processing for net 30)."""
    now = timezone.now()
    method = PAYMENT_METHOD_FOR_TERMS[version.payment_terms]
    net_terms = version.payment_terms == "net_30"
    if net_terms:
        expires_at = None  # shipped before payment: never auto-cancelled for non-payment
    elif method == PaymentMethod.BANK_TRANSFER:
        expires_at = now + timedelta(days=settings.ORDER_BANK_TRANSFER_TTL_DAYS)
    else:
        expires_at = now + timedelta(minutes=settings.ORDER_CARD_TTL_MINUTES)
    details = version.freight_details or {}
    number = order_number_next()
    order = Order.objects.create(
        id=uuid.uuid4(),
        number=number,
        user=user,
        status=OrderStatus.PENDING,
        customer_email=user.email,
        customer_type=user.customer_type,
        buyer_vat_number=quote.company.vat_number or "",
        currency=version.currency,
        subtotal=version.lines_subtotal,
        shipping_amount=version.freight_amount,
        tax_amount=version.vat_amount,
        total_amount=version.total,
        tax_regime=version.vat_treatment,
        tax_country=version.vat_country,
        tax_rate=version.vat_rate,
        tax_legal_text=version.vat_wording,
        tax_breakdown=version.vat_breakdown,
        shipping_address=shipping_address,
        billing_address=billing_address,
        shipping_method_code=version.freight_method_code or "quote",
        shipping_method_name=version.freight_name or "Freight (quoted)",
        shipping_pallets=details.get("pallets") or 0,
        shipping_weight_kg=Decimal(details.get("total_weight_kg") or 0),
        shipping_transit_days_min=details.get("transit_days_min"),
        shipping_transit_days_max=details.get("transit_days_max"),
        payment_method=method,
        payment_reference=number if method == PaymentMethod.BANK_TRANSFER else "",
        expires_at=expires_at,
    )
    lines = list(version.lines.all())
    OrderLine.objects.bulk_create(
        [
            OrderLine(
                order=order,
                barrel_id=line.barrel_id,
                sku=line.sku,
                name=line.description,
                quantity=line.quantity,
                unit_price=line.net_unit_price,
                line_total=line.line_total,
                tax_rate=version.vat_rate,
                tax_amount=_line_tax(version, line.sku, index),
            )
            for index, line in enumerate(lines)
        ]
    )
    OrderStatusHistory.objects.create(
        order=order,
        from_status="",
        to_status=OrderStatus.PENDING,
        actor=user,
        note=f"Created from quote {quote.number}, version {version.number}.",
    )
    customer_type = user.customer_type
    order_id = order.pk
    transaction.on_commit(lambda: ORDERS_PLACED.labels(customer_type).inc())
    transaction.on_commit(
        lambda: events.order_status_changed(
            order_id=order_id, from_status="", to_status=OrderStatus.PENDING
        )
    )
    if net_terms:
        order = order_transition(
            order=order,
            to=OrderStatus.PROCESSING,
            actor=user,
            note=f"Net 30 terms (quote {quote.number}): ships before payment.",
        )
    return order

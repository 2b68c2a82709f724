"""An order at prices and terms agreed elsewhere (a B2B quote accepted, for one).

Checkout (`order_place`) prices a basket from the catalog; an agreed order's prices were
negotiated, so this entry point takes them, the freight and the tax as given, in a typed input
(`AgreedOrderInput`) that the caller builds. Commerce does not know where they come from: it
reads no attribute of the caller's objects. Everything else is the orders' own: the order number
(`order_number_next`), the history row, the after-commit events and metrics, the payment method
and expiry that follow from the `PaymentTerms`, and `order_transition` for net-terms orders.
Stock is the caller's business (the quotes app moves its hold to the order, or reserves).
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from commerce import events
from commerce.models import (
    Order,
    OrderLine,
    OrderStatus,
    OrderStatusHistory,
    PaymentMethod,
    PaymentTerms,
)
from commerce.orders.numbering import order_number_next
from commerce.orders.services.transitions import order_transition
from vwb_site.api.metrics import ORDERS_PLACED


@dataclass(frozen=True)
class AgreedOrderLine:
    barrel_id: int
    sku: str
    name: str
    quantity: int
    unit_price: Decimal  # net, after any discount: what the order charges
    line_total: Decimal


@dataclass(frozen=True)
class FreightSnapshot:
    """The freight as agreed (an empty method code becomes "quote")."""

    amount: Decimal
    method_code: str = ""
    method_name: str = ""
    pallets: int = 0
    weight_kg: Decimal = Decimal("0")
    transit_days_min: int | None = None
    transit_days_max: int | None = None


@dataclass(frozen=True)
class TaxSnapshot:
    """The tax as `commerce.tax` computed it when the prices were agreed, copied unchanged.
    `breakdown` is `TaxComputation.breakdown()`: [{label, base, rate, amount}], one entry per
    line (labelled with its SKU) in line order, then the freight."""

    regime: str
    country: str
    rate: Decimal
    legal_text: str
    amount: Decimal
    breakdown: Sequence[dict]


@dataclass(frozen=True)
class AgreedOrderInput:
    source_reference: str  # who agreed it, for people: "quote Q-2026-000012"
    source_detail: str  # which version of it: "version 2"
    currency: str
    lines: Sequence[AgreedOrderLine]
    subtotal: Decimal
    freight: FreightSnapshot
    tax: TaxSnapshot
    total: Decimal
    payment_terms: PaymentTerms
    buyer_vat_number: str
    shipping_address: dict
    billing_address: dict


def _line_tax(breakdown: Sequence[dict], sku: str, index: int) -> Decimal:
    if index < len(breakdown) and breakdown[index].get("label") == sku:
        return Decimal(breakdown[index]["amount"])
    return Decimal("0.00")


@transaction.atomic
def order_create_agreed(*, user, data: AgreedOrderInput) -> Order:
    """Create the order of an agreement (status pending; processing for net-terms orders)."""
    now = timezone.now()
    terms = PaymentTerms(data.payment_terms)
    method = terms.payment_method
    if terms.ships_before_payment:
        expires_at = None  # shipped before payment: never auto-cancelled for non-payment
    elif method == PaymentMethod.BANK_TRANSFER:
        expires_at = now + timedelta(days=settings.ORDER_BANK_TRANSFER_TTL_DAYS)
    else:
        expires_at = now + timedelta(minutes=settings.ORDER_CARD_TTL_MINUTES)
    freight, tax = data.freight, data.tax
    number = order_number_next()
    order = Order.objects.create(
        id=uuid.uuid4(),
        number=number,
        user=user,
        status=OrderStatus.PENDING,
        customer_email=user.email,
        customer_type=user.customer_type,
        buyer_vat_number=data.buyer_vat_number or "",
        currency=data.currency,
        subtotal=data.subtotal,
        shipping_amount=freight.amount,
        tax_amount=tax.amount,
        total_amount=data.total,
        tax_regime=tax.regime,
        tax_country=tax.country,
        tax_rate=tax.rate,
        tax_legal_text=tax.legal_text,
        tax_breakdown=list(tax.breakdown),
        shipping_address=data.shipping_address,
        billing_address=data.billing_address,
        shipping_method_code=freight.method_code or "quote",
        shipping_method_name=freight.method_name or "Freight (quoted)",
        shipping_pallets=freight.pallets or 0,
        shipping_weight_kg=Decimal(freight.weight_kg or 0),
        shipping_transit_days_min=freight.transit_days_min,
        shipping_transit_days_max=freight.transit_days_max,
        payment_method=method,
        payment_reference=number if method == PaymentMethod.BANK_TRANSFER else "",
        expires_at=expires_at,
    )
    OrderLine.objects.bulk_create(
        [
            OrderLine(
                order=order,
                barrel_id=line.barrel_id,
                sku=line.sku,
                name=line.name,
                quantity=line.quantity,
                unit_price=line.unit_price,
                line_total=line.line_total,
                tax_rate=tax.rate,
                tax_amount=_line_tax(tax.breakdown, line.sku, index),
            )
            for index, line in enumerate(data.lines)
        ]
    )
    OrderStatusHistory.objects.create(
        order=order,
        from_status="",
        to_status=OrderStatus.PENDING,
        actor=user,
        note=f"Created from {data.source_reference}, {data.source_detail}.",
    )
    customer_type = user.customer_type
    order_id = order.pk
    transaction.on_commit(lambda: ORDERS_PLACED.labels(customer_type).inc())
    # Its reactions record their side effects in the outbox: in this transaction.
    events.order_status_changed(order_id=order_id, from_status="", to_status=OrderStatus.PENDING)
    if terms.ships_before_payment:
        order = order_transition(
            order=order,
            to=OrderStatus.PROCESSING,
            actor=user,
            note=f"Net 30 terms ({data.source_reference}): ships before payment.",
        )
    return order

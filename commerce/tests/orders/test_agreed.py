"""Orders at agreed prices (`order_create_agreed`): commerce takes a typed input and needs no
quote, or any other object of the caller, to create the order."""

from decimal import Decimal

import pytest

from catalog.tests.factories import BarrelFactory
from commerce.models import OrderStatus, PaymentMethod, PaymentTerms
from commerce.orders.services import (
    AgreedOrderInput,
    AgreedOrderLine,
    FreightSnapshot,
    TaxSnapshot,
    order_create_agreed,
)
from commerce.tests.factories import ADDRESS

pytestmark = pytest.mark.django_db


def agreed(barrel, *, terms: PaymentTerms) -> AgreedOrderInput:
    return AgreedOrderInput(
        source_reference="quote Q-2026-000042",
        source_detail="version 3",
        currency="EUR",
        lines=[
            AgreedOrderLine(
                barrel_id=barrel.pk,
                sku=barrel.sku,
                name="Ex-Bourbon barrel, negotiated",
                quantity=4,
                unit_price=Decimal("180.00"),
                line_total=Decimal("720.00"),
            )
        ],
        subtotal=Decimal("720.00"),
        freight=FreightSnapshot(amount=Decimal("150.00"), pallets=1, weight_kg=Decimal("212.5")),
        tax=TaxSnapshot(
            regime="domestic",
            country="FR",
            rate=Decimal("20.00"),
            legal_text="",
            amount=Decimal("174.00"),
            breakdown=[
                {"label": barrel.sku, "base": "720.00", "rate": "20.00", "amount": "144.00"},
                {"label": "shipping", "base": "150.00", "rate": "20.00", "amount": "30.00"},
            ],
        ),
        total=Decimal("1044.00"),
        payment_terms=terms,
        buyer_vat_number="FR40303265045",
        shipping_address=ADDRESS,
        billing_address=ADDRESS,
    )


def test_an_agreed_order_carries_exactly_the_given_prices_freight_and_tax(b2b_user):
    barrel = BarrelFactory(stock_quantity=10)

    order = order_create_agreed(user=b2b_user, data=agreed(barrel, terms=PaymentTerms.CARD))

    assert (order.status, order.payment_method) == (OrderStatus.PENDING, PaymentMethod.CARD)
    assert (order.subtotal, order.shipping_amount, order.tax_amount, order.total_amount) == (
        Decimal("720.00"),
        Decimal("150.00"),
        Decimal("174.00"),
        Decimal("1044.00"),
    )
    assert order.expires_at is not None and order.buyer_vat_number == "FR40303265045"
    assert (order.shipping_method_code, order.shipping_method_name) == ("quote", "Freight (quoted)")
    (line,) = order.lines.all()
    assert (line.quantity, line.unit_price, line.tax_amount) == (
        4,
        Decimal("180.00"),
        Decimal("144.00"),
    )
    assert order.history.get().note == "Created from quote Q-2026-000042, version 3."


def test_net_30_terms_give_a_bank_transfer_order_that_ships_before_payment(b2b_user):
    barrel = BarrelFactory(stock_quantity=10)

    order = order_create_agreed(user=b2b_user, data=agreed(barrel, terms=PaymentTerms.NET_30))

    assert order.status == OrderStatus.PROCESSING and order.amount_captured == 0
    assert order.payment_method == PaymentMethod.BANK_TRANSFER and order.expires_at is None
    assert order.payment_reference == order.number
    assert [h.note for h in order.history.all()][-1] == (
        "Net 30 terms (quote Q-2026-000042): ships before payment."
    )

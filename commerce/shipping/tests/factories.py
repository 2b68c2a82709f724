"""Orders as shipping sees them, built directly (the checkout is tested by the orders area)."""

from decimal import Decimal

from django.utils import timezone

from accounts.tests.factories import UserFactory
from catalog.tests.factories import BarrelFactory
from commerce.models import Order, OrderLine, OrderStatus

_counter = {"n": 0}

ADDRESSES = {
    "DE": {
        "recipient_name": "Anna Becker",
        "company_name": "Weingut Becker GmbH",
        "street": "Weinstrasse 1",
        "city": "Mainz",
        "zip_code": "55116",
        "country": "DE",
        "phone": "+49 6131 000000",
    },
    "US": {
        "recipient_name": "John Miller",
        "company_name": "Miller Distilling Co.",
        "street": "1 Bourbon Way",
        "city": "Louisville",
        "zip_code": "40202",
        "country": "US",
        "phone": "+1 502 000 0000",
    },
    "FR": {
        "recipient_name": "Camille Martin",
        "company_name": "",
        "street": "12 rue des Chais",
        "city": "Bordeaux",
        "zip_code": "33000",
        "country": "FR",
        "phone": "",
    },
}

REGIMES = {
    "DE": (
        "reverse_charge",
        "FR",
        Decimal("0.00"),
        "VAT exempt intra-Community supply (Art. 138 of Directive 2006/112/EC). Reverse "
        "charge: VAT to be accounted for by the customer (Art. 196). Customer VAT number: "
        "DE123456789.",
    ),
    "US": (
        "export",
        "FR",
        Decimal("0.00"),
        "VAT exempt export of goods outside the European Union (Art. 146 of Directive "
        "2006/112/EC).",
    ),
    "FR": ("domestic", "FR", Decimal("20.00"), ""),
}


def make_order(
    *,
    country: str = "DE",
    status: str = OrderStatus.PROCESSING,
    user=None,
    quantity: int = 6,
    barrel=None,
    shipping_amount: Decimal = Decimal("241.88"),
    method_code: str = "road-pallet",
) -> Order:
    _counter["n"] += 1
    user = user or UserFactory()
    barrel = barrel or BarrelFactory(
        volume_liters=225,
        empty_weight_kg=Decimal("45.00"),
        price=Decimal("290.00"),
        stock_quantity=quantity + 5,
    )
    regime, tax_country, rate, legal = REGIMES[country]
    subtotal = barrel.price * quantity
    goods_vat = (subtotal * rate / 100).quantize(Decimal("0.01"))
    ship_vat = (shipping_amount * rate / 100).quantize(Decimal("0.01"))
    order = Order.objects.create(
        number=f"VWB-2026-{900000 + _counter['n']:06d}",
        user=user,
        status=status,
        customer_email=user.email,
        customer_type="b2b" if country != "FR" else "b2c",
        buyer_vat_number="DE123456789" if country == "DE" else "",
        currency="EUR",
        subtotal=subtotal,
        shipping_amount=shipping_amount,
        tax_amount=goods_vat + ship_vat,
        total_amount=subtotal + shipping_amount + goods_vat + ship_vat,
        tax_regime=regime,
        tax_country=tax_country,
        tax_rate=rate,
        tax_legal_text=legal,
        tax_breakdown=[
            {
                "label": barrel.sku,  # as checkout writes it: one row per line, then shipping
                "base": str(subtotal),
                "rate": str(rate),
                "amount": str(goods_vat),
            },
            {
                "label": "shipping",
                "base": str(shipping_amount),
                "rate": str(rate),
                "amount": str(ship_vat),
            },
        ],
        shipping_address=ADDRESSES[country],
        billing_address=ADDRESSES[country],
        shipping_method_code=method_code,
        shipping_method_name="Road pallet freight",
        shipping_pallets=2,
        shipping_weight_kg=Decimal("320.00"),
        payment_method="card",
        paid_at=timezone.now() if status != OrderStatus.PENDING else None,
        amount_captured=Decimal("0"),
    )
    OrderLine.objects.create(
        order=order,
        barrel=barrel,
        sku=barrel.sku,
        name=barrel.name,
        quantity=quantity,
        unit_price=barrel.price,
        line_total=subtotal,
        tax_rate=rate,
        tax_amount=goods_vat,
    )
    return order

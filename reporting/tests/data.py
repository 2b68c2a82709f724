"""A small known sales data set: orders, lines and refunds with hand-computed figures.

March 2026 (1 March is a Sunday):
  O1 alice  B2C FR  2 Mar  paid       P1×1 @200                total 300 (ship 50, VAT 50)
  O2 bob    B2C DE  2 Mar  paid       P2×2 @100                total 200
  O3 carl   B2B DE 10 Mar  paid       P1×2 @180 + P2×1 @100    total 500 (ship 40)
  O4 alice  B2C FR 10 Mar  pending    P1×5                     total 999 (not a sale)
  O5 alice  B2C FR 20 Feb  paid       P2×1 @100                total 100 (before the period)
  Refunds: 30 on O5 (11 Mar), 50 on O3 (12 Mar), 10 on O1 failed (ignored).
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from accounts.tests.factories import B2BUserFactory, CompanyFactory, UserFactory
from catalog.tests.factories import BarrelFactory
from commerce.models import Order, OrderLine, Payment, Refund
from reporting.tests.helpers import at

D = Decimal


@dataclass
class SalesData:
    alice: object
    bob: object
    carl: object
    p1: object
    p2: object
    orders: dict


def make_order(
    number: str,
    user,
    when: datetime,
    country: str,
    lines,
    *,
    paid: bool = True,
    shipping: str = "0.00",
    tax: str = "0.00",
    status: str | None = None,
    currency: str = "EUR",
) -> Order:
    subtotal = sum((D(price) * qty for _b, qty, price in lines), D("0.00"))
    total = subtotal + D(shipping) + D(tax)
    address = {
        "recipient_name": str(user),
        "street": "1 rue",
        "city": "X",
        "zip_code": "1",
        "country": country,
        "company_name": "",
        "phone": "",
    }
    order = Order.objects.create(
        number=number,
        user=user,
        status=status or ("processing" if paid else "pending"),
        customer_email=user.email,
        customer_type=user.customer_type,
        currency=currency,
        subtotal=subtotal,
        shipping_amount=D(shipping),
        tax_amount=D(tax),
        total_amount=total,
        tax_regime="domestic",
        tax_country=country,
        tax_rate=D("0.00"),
        shipping_address=address,
        billing_address=address,
        shipping_method_code="pallet",
        shipping_method_name="Pallet",
        payment_method="card",
        amount_captured=total if paid else D(0),
        paid_at=when if paid else None,
    )
    Order.objects.filter(pk=order.pk).update(order_date=when)
    for barrel, qty, price in lines:
        OrderLine.objects.create(
            order=order,
            barrel=barrel,
            sku=barrel.sku,
            name=barrel.name,
            quantity=qty,
            unit_price=D(price),
            line_total=D(price) * qty,
            tax_rate=D(0),
            tax_amount=D(0),
        )
    order.refresh_from_db()
    return order


def make_refund(order: Order, amount: str, when: datetime, status: str = "succeeded") -> Refund:
    payment = Payment.objects.create(
        order=order,
        provider="stripe",
        amount=order.total_amount,
        currency=order.currency,
        status="succeeded",
        amount_captured=order.total_amount,
        provider_reference=f"pi_{order.number}",
    )
    refund = Refund.objects.create(
        order=order, payment=payment, amount=D(amount), currency=order.currency, status=status
    )
    Refund.objects.filter(pk=refund.pk).update(created_at=when)
    return refund


def sales_data() -> SalesData:
    alice = UserFactory(email="alice@example.com", first_name="Alice", last_name="Aubert")
    bob = UserFactory(email="bob@example.com", first_name="Bob", last_name="Braun")
    carl = B2BUserFactory(
        email="carl@example.com",
        first_name="Carl",
        last_name="Chai",
        company=CompanyFactory(
            legal_name="Brennerei Chai GmbH", vat_number="DE123456789", country="DE"
        ),
    )
    p1 = BarrelFactory(
        sku="P1",
        name="Bordeaux barrique",
        wood_type="french_oak",
        previous_content="bordeaux",
        price=D("200.00"),
    )
    p2 = BarrelFactory(
        sku="P2",
        name="Bourbon barrel",
        wood_type="american_oak",
        previous_content="bourbon",
        price=D("100.00"),
    )
    o1 = make_order(
        "VWB-2026-000001",
        alice,
        at(2026, 3, 2, 9),
        "FR",
        [(p1, 1, "200.00")],
        shipping="50.00",
        tax="50.00",
    )
    o2 = make_order("VWB-2026-000002", bob, at(2026, 3, 2, 15), "DE", [(p2, 2, "100.00")])
    o3 = make_order(
        "VWB-2026-000003",
        carl,
        at(2026, 3, 10),
        "DE",
        [(p1, 2, "180.00"), (p2, 1, "100.00")],
        shipping="40.00",
    )
    o4 = make_order(
        "VWB-2026-000004", alice, at(2026, 3, 10), "FR", [(p1, 5, "199.80")], paid=False
    )
    o5 = make_order("VWB-2026-000005", alice, at(2026, 2, 20), "FR", [(p2, 1, "100.00")])
    make_refund(o5, "30.00", at(2026, 3, 11))
    make_refund(o3, "50.00", at(2026, 3, 12))
    make_refund(o1, "10.00", at(2026, 3, 12), status="failed")
    return SalesData(alice, bob, carl, p1, p2, {"o1": o1, "o2": o2, "o3": o3, "o4": o4, "o5": o5})

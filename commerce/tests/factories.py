"""Test data of commerce. `order_create` makes a pending order for one barrel whose stock is
really reserved (through catalog's inventory service), without going through checkout, so
lifecycle and payment tests need no shipping rates."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from accounts.tests.factories import AdminUserFactory, UserFactory
from catalog.services.inventory import StockReference, stock_reserve
from catalog.tests.factories import BarrelFactory
from commerce.models import Order, OrderLine, OrderStatus, OrderStatusHistory, TaxRegime
from commerce.orders.numbering import order_number_next

ADDRESS = {
    "recipient_name": "Camille Martin",
    "company_name": "",
    "street": "12 rue des Chais",
    "city": "Bordeaux",
    "zip_code": "33000",
    "country": "FR",
    "phone": "",
}
CENT = Decimal("0.01")


def order_create(
    *,
    user=None,
    barrel=None,
    quantity: int = 1,
    payment_method: str = "card",
    shipping_amount: Decimal = Decimal("100.00"),
    **fields,
) -> Order:
    """A pending order (domestic French VAT 20 %) with its stock reserved."""
    user = user or UserFactory()
    barrel = barrel or BarrelFactory()
    subtotal = (barrel.price * quantity).quantize(CENT)
    line_tax = (subtotal * Decimal("0.20")).quantize(CENT, ROUND_HALF_UP)
    shipping_tax = (shipping_amount * Decimal("0.20")).quantize(CENT, ROUND_HALF_UP)
    values = {
        "number": order_number_next(),
        "user": user,
        "status": OrderStatus.PENDING,
        "customer_email": user.email,
        "customer_type": user.customer_type,
        "currency": "EUR",
        "subtotal": subtotal,
        "shipping_amount": shipping_amount,
        "tax_amount": line_tax + shipping_tax,
        "total_amount": subtotal + shipping_amount + line_tax + shipping_tax,
        "tax_regime": TaxRegime.DOMESTIC,
        "tax_country": "FR",
        "tax_rate": Decimal("20.00"),
        "tax_breakdown": [],
        "shipping_address": dict(ADDRESS),
        "billing_address": dict(ADDRESS),
        "shipping_method_code": "road_pallet",
        "shipping_method_name": "Road pallet freight",
        "shipping_pallets": 1,
        "shipping_weight_kg": Decimal("70.00"),
        "payment_method": payment_method,
        "expires_at": timezone.now() + timedelta(hours=1),
    }
    values.update(fields)
    order = Order.objects.create(**values)
    if payment_method == "bank_transfer" and not order.payment_reference:
        order.payment_reference = order.number
        order.save(update_fields=["payment_reference"])
    OrderLine.objects.create(
        order=order,
        barrel=barrel,
        sku=barrel.sku,
        name=barrel.name,
        quantity=quantity,
        unit_price=barrel.price,
        line_total=subtotal,
        tax_rate=Decimal("20.00"),
        tax_amount=line_tax,
    )
    stock_reserve(lines=[(barrel.id, quantity)], reference=StockReference.order(order.pk))
    OrderStatusHistory.objects.create(
        order=order, from_status="", to_status=order.status, actor=user, note="Order placed."
    )
    return order


def paid_order_create(**kwargs) -> Order:
    """A processing order whose total was received by bank transfer (no provider involved)."""
    from commerce.orders.services import order_bank_transfer_record

    order = order_create(payment_method="bank_transfer", **kwargs)
    order_bank_transfer_record(order=order, amount=order.total_amount, actor=AdminUserFactory())
    order.refresh_from_db()
    return order

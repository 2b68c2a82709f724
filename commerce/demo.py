"""Demo orders for `make run` (local mode only): the demo business buyer's order history, so
the order screens, the dashboard and the reports have something to show.

Idempotent: created only while that buyer has no order. Every order goes through the services
the API and the admin use (checkout prices, freight, VAT and the stock ledger; bank transfers
recorded; shipment with a tracking number), one order per stage of the lifecycle. Uses the
buyer and administrator of accounts/demo.py and the catalog's demo barrels (loaded before this
app).

The shipped order (one barrel) goes through the carrier API when one is configured
(EASYPOST_API_KEY, and EASYPOST_BASE_URL for another EasyPost-compatible server): a live parcel
rate chosen at checkout, the label bought and stored, the tracking number returned by the API.
Offline, without a key, nothing can be booked: that order ships with the manual carrier, and the
summary says so (see docs/commerce-shipping.md, "Demo").

With PayPal configured (sandbox credentials) and reachable, the buyer also has a PayPal order:
placed at checkout and opened at PayPal by the same services. It is paid when someone approves
it in the PayPal sandbox (the approval link: POST /v1/orders/{id}/payments), then captured by
the storefront's capture, the CHECKOUT.ORDER.APPROVED webhook or `reconcile_payments`. Nothing
fakes a PayPal capture: offline, or without credentials, the PayPal order is skipped and the
summary says why.
"""

from dataclasses import replace

from django.conf import settings

from accounts.demo import ADMIN_EMAIL, B2B_EMAIL
from accounts.models import User
from catalog.models import Barrel, BarrelStatus
from commerce.models import (
    Carrier,
    CarrierAdapterKind,
    Order,
    OrderStatus,
    PaymentMethod,
    PaymentProvider,
)
from commerce.orders.services import (
    CheckoutInput,
    CheckoutLine,
    checkout_preview,
    order_bank_transfer_record,
    order_deliver,
    order_place,
    order_ship,
)
from commerce.payments.base import PaymentProviderError
from commerce.payments.paypal_client import paypal_configured, paypal_reachable
from commerce.payments.services import payment_start
from commerce.shipping.parcels import DoesNotFit, parcel_for
from commerce.shipping.services import RateLine

# (units, the stage the order is taken to)
ORDERS = [
    (2, OrderStatus.DELIVERED),
    (1, OrderStatus.SHIPPED),
    (3, OrderStatus.PROCESSING),
    (1, OrderStatus.PENDING),
]


def load(*, stdout) -> list[str]:
    buyer = User.objects.filter(email__iexact=B2B_EMAIL).first()
    admin = User.objects.filter(email__iexact=ADMIN_EMAIL).first()
    address = buyer.addresses.filter(is_default_shipping=True).first() if buyer else None
    barrels = list(
        Barrel.objects.filter(status=BarrelStatus.ACTIVE, stock_quantity__gte=5).order_by("-id")[
            : len(ORDERS) + 1
        ]
    )
    carrier = (
        Carrier.objects.filter(adapter=CarrierAdapterKind.MANUAL, active=True)
        .order_by("code")
        .first()
    )
    if (
        buyer is None
        or admin is None
        or address is None
        or not buyer.is_verified_b2b
        or len(barrels) < len(ORDERS)
        or carrier is None
    ):
        return ["Orders: skipped (no demo B2B buyer with an address, admin, barrels or carrier)."]
    api_carrier = _api_carrier()
    if api_carrier is not None:  # the shipped order (one barrel) needs one that fits a parcel
        slot = [stage for _, stage in ORDERS].index(OrderStatus.SHIPPED)
        fits = _parcel_barrel(exclude=[b.pk for b in barrels])
        if fits is not None:
            barrels[slot] = fits
    if not Order.objects.filter(user=buyer).exclude(payment_method=PaymentMethod.PAYPAL).exists():
        for number, ((units, stage), barrel) in enumerate(zip(ORDERS, barrels, strict=False)):
            through_api = api_carrier is not None and stage == OrderStatus.SHIPPED
            _place_and_advance(
                buyer=buyer,
                admin=admin,
                address_id=address.pk,
                barrel=barrel,
                units=units,
                stage=stage,
                carrier=api_carrier.code if through_api and api_carrier else carrier.code,
                number=number,
                parcel=through_api,
            )
    paypal_line = _paypal_order(buyer=buyer, address_id=address.pk, barrel=barrels[-1])
    return [*_summary(buyer), paypal_line]


def _paypal_order(*, buyer, address_id, barrel) -> str:
    """The buyer's PayPal order, opened at PayPal (sandbox), or why there is none."""
    if not paypal_configured():
        return "PayPal order: skipped (PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET are not set)."
    order = Order.objects.filter(user=buyer, payment_method=PaymentMethod.PAYPAL).first()
    if order is None:
        if not paypal_reachable():
            return "PayPal order: skipped (PayPal cannot be reached; run the demo again online)."
        order = _checkout(
            buyer=buyer,
            address_id=address_id,
            barrel=barrel,
            units=1,
            method=PaymentMethod.PAYPAL,
            key="demo-order-paypal",
        )
        try:
            payment_start(order=order)
        except PaymentProviderError as exc:  # the order stays payable: the buyer retries
            return f"PayPal order: {order.number} placed, PayPal order not opened ({exc.message})."
    payment = order.payments.filter(provider=PaymentProvider.PAYPAL).order_by("created_at").last()
    reference = payment.provider_reference if payment else "not opened"
    return (
        f"PayPal order: {order.number} ({order.status}, PayPal order {reference}); approve it in "
        "the PayPal sandbox, then POST /v1/orders/{id}/payments/paypal/capture or run "
        "reconcile_payments."
    )


def _parcel_barrel(*, exclude: list[int]) -> Barrel | None:
    candidates = Barrel.objects.filter(status=BarrelStatus.ACTIVE, stock_quantity__gte=5)
    for barrel in candidates.exclude(pk__in=exclude).order_by("empty_weight_kg", "id")[:50]:
        try:
            parcel_for([RateLine(barrel=barrel, quantity=1)])
        except DoesNotFit:
            continue
        return barrel
    return None


def _api_carrier() -> Carrier | None:
    """The carrier behind the carrier API, if its key is configured."""
    if not settings.EASYPOST_API_KEY:
        return None
    return Carrier.objects.filter(adapter=CarrierAdapterKind.EASYPOST, active=True).first()


def _manual_code() -> str:
    manual = Carrier.objects.filter(adapter=CarrierAdapterKind.MANUAL, active=True)
    return manual.order_by("code").values_list("code", flat=True).first() or ""


def _checkout(*, buyer, address_id, barrel, units, method, key, parcel=False) -> Order:
    """Place the order with its cheapest pallet option, or (`parcel`) its cheapest live parcel
    rate with the quote shown at preview (none offered: pallets)."""
    data = CheckoutInput(
        lines=[CheckoutLine(barrel_id=barrel.pk, quantity=units)],
        payment_method=method,
        shipping_address_id=address_id,
    )
    options = checkout_preview(user=buyer, data=data).shipping_options
    parcels = [o for o in options if o.method_kind == "parcel"] if parcel else []
    chosen = parcels[0] if parcels else next(o for o in options if o.method_kind != "parcel")
    data = replace(data, shipping_method_code=chosen.method_code, shipping_quote_id=chosen.quote_id)
    order, _created = order_place(user=buyer, data=data, idempotency_key=key)
    return order


def _place_and_advance(
    *, buyer, admin, address_id, barrel, units, stage, carrier, number, parcel=False
):
    order = _checkout(
        buyer=buyer,
        address_id=address_id,
        barrel=barrel,
        units=units,
        method=PaymentMethod.BANK_TRANSFER,
        key=f"demo-order-{number}",
        parcel=parcel,
    )
    if stage == OrderStatus.PENDING:
        return
    order_bank_transfer_record(
        order=order, amount=order.total_amount, actor=admin, note="Demo: received in full."
    )
    if stage == OrderStatus.PROCESSING:
        return
    if order.shipping_quote:  # booked through the carrier API: it returns the tracking number
        shipped = order_ship(order=order, actor=admin, carrier_code=carrier)
    else:
        fallback = carrier if not parcel else _manual_code()
        shipped = order_ship(
            order=order, actor=admin, carrier_code=fallback, tracking_number=f"DEMO{number:06d}"
        )
    if stage == OrderStatus.DELIVERED:
        order_deliver(order=shipped, actor=admin)


def _summary(buyer) -> list[str]:
    orders = Order.objects.filter(user=buyer).exclude(payment_method=PaymentMethod.PAYPAL)
    orders = orders.order_by("number")
    listed = ", ".join(
        f"{number} ({status})" for number, status in orders.values_list("number", "status")
    )
    lines = [f"Orders: {listed} for {B2B_EMAIL} (GET /v1/orders, Wagtail admin > Orders)"]
    booked = orders.filter(shipments__carrier__adapter=CarrierAdapterKind.EASYPOST).first()
    if booked is not None:
        lines.append(f"Orders: {booked.number} shipped through the carrier API (label stored).")
    else:
        lines.append(
            "Orders: no carrier API configured (EASYPOST_API_KEY): every demo shipment uses a "
            "manual carrier."
        )
    return lines

"""Checkout: price a basket on the server (preview) and place it as an order (reserve stock).

Nothing the client sends is trusted but ids and quantities: unit prices (tier prices for verified
B2B buyers), shipping (commerce.shipping), VAT (commerce.tax) and totals are computed here.
`order_place` runs in one transaction: stock reserved, order, lines and history written, or
nothing at all.
"""

import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from accounts.selectors import address_get_for_user
from catalog.models import Barrel, BarrelStatus
from catalog.services.inventory import StockReference, stock_reserve
from commerce import error_codes, events
from commerce.models import (
    IdempotencyKey,
    Order,
    OrderLine,
    OrderStatus,
    OrderStatusHistory,
    PaymentMethod,
)
from commerce.orders.numbering import order_number_next
from commerce.orders.selectors import order_with_relations
from commerce.orders.services.checkout_shipping import choose_shipping
from commerce.payments.paypal_client import paypal_configured
from commerce.shipping.offers import LIVE_OFF
from commerce.shipping.services import (
    MAX_LINE_QUANTITY,
    RateLine,
    ShippingOption,
    destination_check,
)
from commerce.tax.services import TaxComputation, money, tax_compute, tax_decide
from vwb_site.api.metrics import ORDERS_PLACED
from vwb_site.exceptions import ConflictError, ForbiddenError, NotFoundError, UnprocessableError

ADDRESS_FIELDS = (
    "recipient_name",
    "company_name",
    "street",
    "city",
    "zip_code",
    "country",
    "phone",
)


@dataclass(frozen=True)
class CheckoutLine:
    barrel_id: int
    quantity: int


@dataclass(frozen=True)
class CheckoutInput:
    lines: Sequence[CheckoutLine]
    payment_method: str
    shipping_method_code: str = ""
    shipping_address_id: int | None = None
    shipping_address: dict | None = None
    billing_address_id: int | None = None
    billing_address: dict | None = None
    shipping_quote_id: str = ""  # a live parcel rate's quote, as shown at preview

    def fingerprint(self) -> str:
        """A hash of the request's meaning, for Idempotency-Key comparisons."""
        data = {
            "lines": sorted((line.barrel_id, line.quantity) for line in self.lines),
            "payment_method": self.payment_method,
            "shipping_method_code": self.shipping_method_code,
            "shipping_address_id": self.shipping_address_id,
            "shipping_address": self.shipping_address,
            "billing_address_id": self.billing_address_id,
            "billing_address": self.billing_address,
            "shipping_quote_id": self.shipping_quote_id,
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class PricedLine:
    barrel: Barrel
    quantity: int
    unit_price: Decimal
    line_total: Decimal
    tax_amount: Decimal = Decimal("0.00")


@dataclass
class CheckoutComputation:
    currency: str
    lines: list[PricedLine]
    shipping_address: dict
    billing_address: dict
    shipping_options: list = field(default_factory=list)
    shipping: ShippingOption | None = None
    tax: TaxComputation | None = None
    problems: list[dict] = field(default_factory=list)
    payment_methods: list[str] = field(default_factory=list)
    live_rates: str = LIVE_OFF  # commerce.shipping.offers: ok, unavailable, off, not_applicable
    live_rates_detail: str = ""

    @property
    def subtotal(self) -> Decimal:
        return money(sum((line.line_total for line in self.lines), Decimal(0)))

    @property
    def shipping_amount(self) -> Decimal:
        return money(self.shipping.price) if self.shipping is not None else Decimal("0.00")

    @property
    def tax_amount(self) -> Decimal:
        return self.tax.total if self.tax is not None else Decimal("0.00")

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.shipping_amount + self.tax_amount


# --- input checks -----------------------------------------------------------------------------


def _check_lines(lines: Sequence[CheckoutLine]) -> None:
    if not lines:
        raise ValidationError(
            {"lines": ValidationError("Add at least one barrel.", code=error_codes.EMPTY_ORDER)}
        )
    seen: set[int] = set()
    for index, line in enumerate(lines):
        if not isinstance(line.quantity, int) or not 0 < line.quantity <= MAX_LINE_QUANTITY:
            raise ValidationError(
                {
                    f"lines[{index}].quantity": ValidationError(
                        f"Quantities must be whole numbers from 1 to {MAX_LINE_QUANTITY}.",
                        code=error_codes.INVALID_QUANTITY,
                    )
                }
            )
        if line.barrel_id in seen:
            raise ValidationError(
                {
                    f"lines[{index}].barrel": ValidationError(
                        "Each barrel may appear on one line only; add up the quantities.",
                        code=error_codes.DUPLICATE_LINE,
                    )
                }
            )
        seen.add(line.barrel_id)


def allowed_payment_methods(user) -> list[str]:
    methods = []
    if settings.STRIPE_SECRET_KEY:
        methods.append(PaymentMethod.CARD.value)
    if paypal_configured():
        methods.append(PaymentMethod.PAYPAL.value)
    if user.is_verified_b2b:
        methods.append(PaymentMethod.BANK_TRANSFER.value)
    return methods


def _check_payment_method(user, method: str) -> None:
    if method == PaymentMethod.BANK_TRANSFER and not user.is_verified_b2b:
        raise ForbiddenError(
            "Bank transfer is available to verified business buyers only; pay by card.",
            code=error_codes.PAYMENT_METHOD_NOT_ALLOWED,
        )
    if method == PaymentMethod.CARD and not settings.STRIPE_SECRET_KEY:
        raise UnprocessableError(
            "Card payments are not available at the moment.",
            code=error_codes.PAYMENT_METHOD_UNAVAILABLE,
        )
    if method == PaymentMethod.PAYPAL and not paypal_configured():
        raise UnprocessableError(
            "PayPal is not available at the moment.",
            code=error_codes.PAYMENT_METHOD_UNAVAILABLE,
        )


def payment_method_check(user, method: str) -> None:
    """Refuse a payment method `user` may not use, or that is not configured (4xx)."""
    _check_payment_method(user, method)


def _address(user, *, address_id: int | None, inline: dict | None, field_name: str) -> dict:
    if address_id is not None:
        try:  # someone else's or unknown: the same answer
            address = address_get_for_user(user=user, address_id=address_id)
        except NotFoundError as exc:
            raise NotFoundError(
                f"No such address in your address book ({field_name}).",
                code=error_codes.ADDRESS_NOT_FOUND,
            ) from exc
        return address.as_snapshot()
    if inline is None:
        raise ValidationError(
            {field_name: ValidationError("An address is required.", code="required")}
        )
    return {name: str(inline.get(name) or "") for name in ADDRESS_FIELDS}


def resolve_addresses(*, user, data: CheckoutInput) -> tuple[dict, dict]:
    shipping = _address(
        user,
        address_id=data.shipping_address_id,
        inline=data.shipping_address,
        field_name="shipping_address",
    )
    if data.billing_address_id is None and data.billing_address is None:
        return shipping, dict(shipping)
    billing = _address(
        user,
        address_id=data.billing_address_id,
        inline=data.billing_address,
        field_name="billing_address",
    )
    return shipping, billing


# --- computation -----------------------------------------------------------------------------


def _price_lines(
    *, user, lines: Sequence[CheckoutLine], barrels: dict[int, Barrel]
) -> list[PricedLine]:
    b2b = user.is_verified_b2b
    priced = []
    for line in lines:
        barrel = barrels[line.barrel_id]
        unit = money(barrel.unit_price_for(quantity=line.quantity, b2b_verified=b2b))
        priced.append(
            PricedLine(
                barrel=barrel,
                quantity=line.quantity,
                unit_price=unit,
                line_total=money(unit * line.quantity),
            )
        )
    return priced


def _compute(
    *,
    user,
    data: CheckoutInput,
    barrels: dict[int, Barrel],
    shipping_address: dict,
    billing_address: dict,
    strict: bool,
) -> CheckoutComputation:
    lines = [line for line in data.lines if line.barrel_id in barrels]
    priced = _price_lines(user=user, lines=lines, barrels=barrels)
    currencies = {p.barrel.currency for p in priced}
    if len(currencies) > 1:
        raise UnprocessableError(
            "These barrels are priced in different currencies; order them separately.",
            code=error_codes.MIXED_CURRENCIES,
        )
    currency = currencies.pop() if currencies else "EUR"
    result = CheckoutComputation(
        currency=currency,
        lines=priced,
        shipping_address=shipping_address,
        billing_address=billing_address,
        payment_methods=allowed_payment_methods(user),
    )
    country = shipping_address["country"]
    postcode = shipping_address.get("zip_code", "")
    rate_lines = [RateLine(barrel=p.barrel, quantity=p.quantity) for p in priced]
    if rate_lines:
        choose_shipping(
            result, data=data, lines=rate_lines, country=country, postcode=postcode, strict=strict
        )
    if result.shipping is not None and result.shipping.currency != currency:
        raise UnprocessableError(
            "The shipping price is in another currency than the barrels.",
            code=error_codes.MIXED_CURRENCIES,
        )
    decision = tax_decide(destination_country=country, user=user)
    taxed = [(p.barrel.sku, p.line_total) for p in priced]
    if result.shipping is not None:
        taxed.append(("shipping", result.shipping_amount))
    result.tax = tax_compute(decision=decision, lines=taxed)
    for line, tax_line in zip(priced, result.tax.lines, strict=False):
        line.tax_amount = tax_line.amount
    return result


def checkout_preview(*, user, data: CheckoutInput) -> CheckoutComputation:
    """The figures an order would have, with availability problems listed instead of raised."""
    _check_lines(data.lines)
    shipping_address, billing_address = resolve_addresses(user=user, data=data)
    destination_check(
        country=shipping_address["country"], postcode=shipping_address.get("zip_code", "")
    )
    ids = [line.barrel_id for line in data.lines]
    barrels = {b.id: b for b in Barrel.objects.filter(id__in=ids).prefetch_related("tier_prices")}
    problems = []
    for line in data.lines:
        barrel = barrels.get(line.barrel_id)
        if barrel is None:
            problems.append(
                {
                    "barrel_id": line.barrel_id,
                    "code": error_codes.BARREL_NOT_FOUND,
                    "available": 0,
                    "message": "Unknown barrel.",
                }
            )
        elif barrel.status != BarrelStatus.ACTIVE:
            problems.append(
                {
                    "barrel_id": barrel.id,
                    "code": error_codes.BARREL_NOT_AVAILABLE,
                    "available": 0,
                    "message": f"{barrel.name} is not for sale.",
                }
            )
        elif barrel.available < line.quantity:
            problems.append(
                {
                    "barrel_id": barrel.id,
                    "code": error_codes.INSUFFICIENT_STOCK,
                    "available": max(barrel.available, 0),
                    "message": f"Requested {line.quantity}, available {max(barrel.available, 0)}.",
                }
            )
    result = _compute(
        user=user,
        data=data,
        barrels=barrels,
        shipping_address=shipping_address,
        billing_address=billing_address,
        strict=False,
    )
    result.problems = problems + result.problems
    if data.payment_method not in result.payment_methods:
        result.problems.append(
            {
                "barrel_id": None,
                "code": error_codes.PAYMENT_METHOD_NOT_ALLOWED,
                "available": None,
                "message": f"Payment method {data.payment_method!r} is not available to you.",
            }
        )
    return result


# --- placing ---------------------------------------------------------------------------------


def _replay(*, user, key: str, fingerprint: str) -> Order | None:
    existing = (
        IdempotencyKey.objects.filter(user=user, key=key)
        .values_list("request_hash", "order_id")
        .first()
    )
    if existing is None:  # the common case: answered without loading an order
        return None
    request_hash, order_id = existing
    if request_hash != fingerprint:
        raise UnprocessableError(
            "This Idempotency-Key was already used with a different request body.",
            code=error_codes.IDEMPOTENCY_KEY_REUSED,
        )
    return Order.objects.get(pk=order_id)


def _precheck_stock(lines: Sequence[CheckoutLine], barrels: dict[int, Barrel]) -> None:
    """Refuse at once, without waiting for the row locks, what cannot succeed (sold out,
    archived, unknown). `stock_reserve` repeats the checks under the lock: they decide."""
    missing = [line.barrel_id for line in lines if line.barrel_id not in barrels]
    if missing:
        raise NotFoundError(
            f"Unknown barrel id(s): {', '.join(map(str, missing))}.",
            code=error_codes.BARREL_NOT_FOUND,
        )
    closed = [
        barrels[line.barrel_id]
        for line in lines
        if barrels[line.barrel_id].status != BarrelStatus.ACTIVE
    ]
    if closed:
        raise ConflictError(
            "These barrels are not for sale: " + ", ".join(b.name for b in closed) + ".",
            code=error_codes.BARREL_NOT_AVAILABLE,
            errors=[
                {
                    "field": b.slug,
                    "code": error_codes.BARREL_NOT_AVAILABLE,
                    "message": f"{b.name} is {b.status}.",
                }
                for b in closed
            ],
        )
    short = [
        (barrels[line.barrel_id], line.quantity)
        for line in lines
        if barrels[line.barrel_id].available < line.quantity
    ]
    if short:
        raise ConflictError(
            "Not enough stock for: "
            + ", ".join(f"{b.name} ({max(b.available, 0)} left)" for b, _ in short)
            + ".",
            code=error_codes.INSUFFICIENT_STOCK,
            errors=[
                {
                    "field": b.slug,
                    "code": error_codes.INSUFFICIENT_STOCK,
                    "message": f"Requested {q}, available {max(b.available, 0)}.",
                }
                for b, q in short
            ],
            extra={"availability": {b.slug: max(b.available, 0) for b, _ in short}},
        )


def _place(*, user, data: CheckoutInput, idempotency_key: str, fingerprint: str) -> Order:
    # Checked and priced before the transaction opens: a refusal (sold out, bad address) costs
    # no transaction, and the barrels stay locked only while the order is written. The prices
    # are those read at the start of this request (what the buyer confirmed).
    _check_lines(data.lines)
    _check_payment_method(user, data.payment_method)
    shipping_address, billing_address = resolve_addresses(user=user, data=data)
    ids = [line.barrel_id for line in data.lines]
    barrels = {b.id: b for b in Barrel.objects.filter(id__in=ids)}
    _precheck_stock(data.lines, barrels)
    if user.is_verified_b2b:  # tier prices are theirs alone (and a refusal needs none)
        prefetch_related_objects(list(barrels.values()), "tier_prices")
    computation = _compute(
        user=user,
        data=data,
        barrels=barrels,
        shipping_address=shipping_address,
        billing_address=billing_address,
        strict=True,
    )
    return _write(
        user=user,
        data=data,
        computation=computation,
        idempotency_key=idempotency_key,
        fingerprint=fingerprint,
    )


@transaction.atomic
def _write(
    *,
    user,
    data: CheckoutInput,
    computation: CheckoutComputation,
    idempotency_key: str,
    fingerprint: str,
) -> Order:
    order_id = uuid.uuid4()
    # Locks the barrels (ascending id), checks status and availability, reserves: all or nothing.
    stock_reserve(
        lines=[(line.barrel_id, line.quantity) for line in data.lines],
        reference=StockReference.order(order_id),
        actor=user,
        note="Checkout",
    )
    now = timezone.now()
    if data.payment_method == PaymentMethod.BANK_TRANSFER:
        expires_at = now + timedelta(days=settings.ORDER_BANK_TRANSFER_TTL_DAYS)
    else:
        expires_at = now + timedelta(minutes=settings.ORDER_CARD_TTL_MINUTES)
    tax, shipping = computation.tax, computation.shipping
    if tax is None or shipping is None:  # a strict computation has both, or raised
        raise ValueError("An order is written only from a computation with tax and shipping.")
    decision = tax.decision
    number = order_number_next()
    order = Order.objects.create(
        id=order_id,
        number=number,
        user=user,
        status=OrderStatus.PENDING,
        customer_email=user.email,
        customer_type=user.customer_type,
        buyer_vat_number=(user.company.vat_number if user.is_verified_b2b else ""),
        currency=computation.currency,
        subtotal=computation.subtotal,
        shipping_amount=computation.shipping_amount,
        tax_amount=computation.tax_amount,
        total_amount=computation.total,
        tax_regime=decision.regime,
        tax_country=decision.country,
        tax_rate=decision.rate,
        tax_legal_text=decision.legal_text,
        tax_breakdown=tax.breakdown(),
        shipping_address=computation.shipping_address,
        billing_address=computation.billing_address,
        shipping_method_code=shipping.method_code,
        shipping_method_name=shipping.name,
        shipping_pallets=shipping.pallets,
        shipping_weight_kg=shipping.total_weight_kg,
        shipping_transit_days_min=shipping.transit_days_min,
        shipping_transit_days_max=shipping.transit_days_max,
        shipping_quote=shipping.quote or {},
        payment_method=data.payment_method,
        payment_reference=number if data.payment_method == PaymentMethod.BANK_TRANSFER else "",
        expires_at=expires_at,
    )
    lines = OrderLine.objects.bulk_create(
        [
            OrderLine(
                order=order,
                barrel=line.barrel,
                sku=line.barrel.sku,
                name=line.barrel.name,
                quantity=line.quantity,
                unit_price=line.unit_price,
                line_total=line.line_total,
                tax_rate=decision.rate,
                tax_amount=line.tax_amount,
            )
            for line in computation.lines
        ]
    )
    placed = OrderStatusHistory.objects.create(
        order=order, from_status="", to_status=OrderStatus.PENDING, actor=user, note="Order placed."
    )
    order_with_relations(order, lines=lines, history=[placed])
    if idempotency_key:
        IdempotencyKey.objects.create(
            user=user, key=idempotency_key, request_hash=fingerprint, order=order
        )
    customer_type = user.customer_type
    transaction.on_commit(lambda: ORDERS_PLACED.labels(customer_type).inc())
    # Its reactions record their side effects in the outbox: in this transaction.
    events.order_status_changed(order_id=order_id, from_status="", to_status=OrderStatus.PENDING)
    return order


def order_place(*, user, data: CheckoutInput, idempotency_key: str = "") -> tuple[Order, bool]:
    """Place an order; returns (order, created). With an Idempotency-Key, a retry of the same
    request returns the order placed first (created False); the same key with another body is
    a 422 idempotency_key_reused. A new order comes with its lines and history in hand
    (`order_with_relations`); a replayed one is read as stored."""
    fingerprint = data.fingerprint()
    if idempotency_key:
        existing = _replay(user=user, key=idempotency_key, fingerprint=fingerprint)
        if existing is not None:
            return existing, False
    try:
        return _place(
            user=user, data=data, idempotency_key=idempotency_key, fingerprint=fingerprint
        ), True
    except IntegrityError:
        # A concurrent request with the same key committed first: answer with its order.
        if idempotency_key:
            existing = _replay(user=user, key=idempotency_key, fingerprint=fingerprint)
            if existing is not None:
                return existing, False
        raise

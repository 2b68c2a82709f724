"""The buyer accepts an offer: one order at exactly the quoted prices and terms, once.

Two clicks (or two tabs) race on the quote's row lock: the first creates the order and moves
the quote to `accepted`; the second then sees `accepted` and gets a 409 naming the order.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import Address
from accounts.selectors import address_get_for_user
from catalog.services.inventory import StockReference, stock_reserve
from commerce.models import PaymentTerms
from commerce.orders.services import (
    AgreedOrderInput,
    AgreedOrderLine,
    FreightSnapshot,
    TaxSnapshot,
    order_create_agreed,
)
from quotes import error_codes
from quotes.models import Quote, QuoteStatus, QuoteVersion
from quotes.services.actions import ensure_buyer
from quotes.services.holds import quote_held, quote_hold_release, quote_hold_transfer
from quotes.services.transitions import check_transition, lock_quote, quote_transition
from vwb_site.api.metrics import QUOTES_ACCEPTED
from vwb_site.exceptions import ApplicationError, ConflictError


def resolve_addresses(
    *, quote: Quote, user, shipping_address_id: int | None, billing_address_id: int | None
) -> tuple[dict, dict]:
    """Shipping: the given or default address, in the quoted destination country (the freight
    and VAT were priced for it). Billing: the given address, else the company's address."""
    shipping: Address | None
    if shipping_address_id is not None:
        shipping = address_get_for_user(user=user, address_id=shipping_address_id)
    else:
        shipping = Address.objects.filter(user=user, is_default_shipping=True).first()
        if shipping is None:
            raise ApplicationError(
                f"Choose a shipping address (shipping_address) in {quote.destination_country}.",
                code=error_codes.SHIPPING_ADDRESS_REQUIRED,
                errors=[
                    {
                        "field": "shipping_address",
                        "code": "required",
                        "message": "Required: you have no default shipping address.",
                    }
                ],
            )
    if shipping.country != quote.destination_country or (
        quote.destination_postcode
        and shipping.zip_code.replace(" ", "").upper()
        != quote.destination_postcode.replace(" ", "").upper()
    ):
        raise ApplicationError(
            f"The offer was priced for delivery to {quote.destination_country} "
            f"{quote.destination_postcode}".rstrip()
            + "; choose an address there or ask for a "
            "new offer.",
            code=error_codes.SHIPPING_ADDRESS_MISMATCH,
            errors=[
                {
                    "field": "shipping_address",
                    "code": error_codes.SHIPPING_ADDRESS_MISMATCH,
                    "message": "Outside the quoted destination.",
                }
            ],
        )
    if billing_address_id is not None:
        billing = address_get_for_user(user=user, address_id=billing_address_id).as_snapshot()
    else:
        company = quote.company
        billing = {
            "recipient_name": user.get_full_name() or user.email,
            "company_name": company.legal_name,
            "street": company.street,
            "city": company.city,
            "zip_code": company.zip_code,
            "country": company.country,
            "phone": user.phone,
        }
    return shipping.as_snapshot(), billing


def agreed_order_input(
    *, quote: Quote, version: QuoteVersion, shipping_address: dict, billing_address: dict
) -> AgreedOrderInput:
    """What commerce needs to create the order of `version`: the typed input it publishes."""
    details = version.freight_details or {}
    return AgreedOrderInput(
        source_reference=f"quote {quote.number}",
        source_detail=f"version {version.number}",
        currency=version.currency,
        lines=[
            AgreedOrderLine(
                barrel_id=line.barrel_id,
                sku=line.sku,
                name=line.description,
                quantity=line.quantity,
                unit_price=line.net_unit_price,
                line_total=line.line_total,
            )
            for line in version.lines.all()
        ],
        subtotal=version.lines_subtotal,
        freight=FreightSnapshot(
            amount=version.freight_amount,
            method_code=version.freight_method_code,
            method_name=version.freight_name,
            pallets=details.get("pallets") or 0,
            weight_kg=Decimal(details.get("total_weight_kg") or 0),
            transit_days_min=details.get("transit_days_min"),
            transit_days_max=details.get("transit_days_max"),
        ),
        tax=TaxSnapshot(
            regime=version.vat_treatment,
            country=version.vat_country,
            rate=version.vat_rate,
            legal_text=version.vat_wording,
            amount=version.vat_amount,
            breakdown=version.vat_breakdown or [],
        ),
        total=version.total,
        payment_terms=PaymentTerms(version.payment_terms),
        buyer_vat_number=quote.company.vat_number or "",
        shipping_address=shipping_address,
        billing_address=billing_address,
    )


def _ensure_acceptable(quote: Quote) -> QuoteVersion:
    """The offer to accept (the current version), or a 409 saying why there is none."""
    if quote.status == QuoteStatus.ACCEPTED:
        raise ConflictError(
            f"Quote {quote.number} was already accepted: order {quote.order_number}.",
            code=error_codes.ALREADY_ACCEPTED,
            extra={"order_id": str(quote.order_id), "order_number": quote.order_number},
        )
    version = quote.current_version
    if quote.status == QuoteStatus.EXPIRED or (
        quote.status == QuoteStatus.APPROVED
        and version is not None
        and version.valid_until < timezone.localdate()
    ):
        expired_on = f" on {version.valid_until:%Y-%m-%d}" if version is not None else ""
        raise ConflictError(
            f"The offer for quote {quote.number} expired{expired_on}; ask for a new offer.",
            code=error_codes.EXPIRED,
        )
    check_transition(quote, QuoteStatus.ACCEPTED)
    if version is None:  # an approved quote always has an offer: keep that invariant explicit
        raise ConflictError(
            f"Quote {quote.number} has no offer to accept.",
            code=error_codes.TRANSITION_NOT_ALLOWED,
        )
    return version


@transaction.atomic
def quote_accept(
    *,
    quote: Quote,
    user,
    shipping_address_id: int | None = None,
    billing_address_id: int | None = None,
):
    """Accept the current offer: create its order, move the hold to the order, -> accepted."""
    quote = lock_quote(quote)
    ensure_buyer(quote, user)
    version = _ensure_acceptable(quote)
    shipping, billing = resolve_addresses(
        quote=quote,
        user=user,
        shipping_address_id=shipping_address_id,
        billing_address_id=billing_address_id,
    )
    order = order_create_agreed(
        user=user,
        data=agreed_order_input(
            quote=quote, version=version, shipping_address=shipping, billing_address=billing
        ),
    )
    order_reference = StockReference.order(order.pk)
    wanted = {line.barrel_id: line.quantity for line in version.lines.all()}
    if version.holds_stock and quote_held(quote=quote) == wanted:
        quote_hold_transfer(quote=quote, order_reference=order_reference, actor=user)
    else:  # no hold (or not the quoted one): reserve now, 409 if the stock is gone
        quote_hold_release(quote=quote, actor=user, note="accepted without a hold")
        stock_reserve(
            lines=sorted(wanted.items()),
            reference=order_reference,
            actor=user,
            note=f"Order {order.number} from quote {quote.number}",
        )
    quote.order_id = order.pk
    quote.order_number = order.number
    quote.save(update_fields=["order_id", "order_number", "updated_at"])
    quote_transition(
        quote=quote,
        to_status=QuoteStatus.ACCEPTED,
        actor=user,
        note=f"Accepted version {version.number}: order {order.number}.",
    )
    transaction.on_commit(QUOTES_ACCEPTED.inc)
    return order

"""Shipping services: destinations, freight options, shipments.

The contract other areas code against (orders at checkout, quotes):

    shipping_options(*, lines, country, postcode="") -> list[ShippingOption]
    shipping_option_get(*, lines, country, postcode="", method_code) -> ShippingOption
    destination_check(*, country, postcode="") -> None

Shipments and tracking are `commerce.shipping.tracking` (`shipment_create`,
`tracking_event_record`).

Prices are EUR, excluding VAT, computed by `commerce.shipping.rates` (see its docstring and
docs/commerce-shipping.md for the worked example).
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError

from commerce.models import RequiredDocument
from commerce.shipping import error_codes, selectors
from commerce.shipping.postcodes import EXAMPLES, has_known_format, is_valid_postcode
from commerce.shipping.rates import CannotCarry, RateResult, price_lines
from vwb_site.core import countries
from vwb_site.core.countries import COUNTRY_NAMES, is_eu
from vwb_site.exceptions import ApplicationError, UnprocessableError

__all__ = [
    "RateLine",
    "ShippingOption",
    "destination_check",
    "normalize_country",
    "required_documents_for",
    "shipping_option_get",
    "shipping_options",
]

MAX_LINE_QUANTITY = 1000


@dataclass(frozen=True)
class RateLine:
    barrel: object  # catalog.models.Barrel (volume_liters, empty_weight_kg are what count)
    quantity: int


@dataclass(frozen=True)
class ShippingOption:
    method_code: str
    name: str
    price: Decimal  # EUR, excluding VAT
    currency: str
    pallets: int
    total_weight_kg: Decimal  # gross: empty barrels + pallet tare
    transit_days_min: int
    transit_days_max: int
    required_documents: list[str]
    note: str
    # Beyond the contract (defaults keep it compatible): how the price was built.
    method_kind: str = ""
    zone: str = ""
    freight: Decimal = Decimal("0.00")
    fuel_surcharge: Decimal = Decimal("0.00")
    shipment_fee: Decimal = Decimal("0.00")
    pallet_prices: tuple[Decimal, ...] = field(default_factory=tuple)
    # A live parcel rate (commerce.shipping.offers): the carrier's service, the quote to send
    # back at checkout and until when it is honoured, the price before conversion.
    carrier: str = ""
    service: str = ""
    quote_id: str = ""
    quote_expires_at: datetime.datetime | None = None
    original_price: Decimal | None = None
    original_currency: str = ""
    fx_rate: Decimal | None = None
    quote: dict | None = None


def normalize_country(country: str) -> str:
    """The kernel's `normalize_country`, answered as a 400 problem naming the `country` field."""
    try:
        return countries.normalize_country(country)
    except ValidationError as exc:
        raise ApplicationError(
            exc.messages[0],
            code=error_codes.UNKNOWN_COUNTRY,
            errors=[
                {
                    "field": "country",
                    "code": error_codes.UNKNOWN_COUNTRY,
                    "message": "Unknown country code.",
                }
            ],
        ) from exc


def destination_check(*, country: str, postcode: str = "") -> None:
    """Refuse unknown countries (400), malformed postcodes (400) and blocked destinations (422).

    An empty postcode passes (rates may be asked for a country alone); checkout passes the
    address's postcode, which must then be well formed for countries whose format we know.
    """
    _checked_destination(country=country, postcode=postcode)


def _checked_destination(*, country: str, postcode: str):
    """destination_check's work; returns the country code and its rule (or None)."""
    code = normalize_country(country)
    if postcode and postcode.strip() and not is_valid_postcode(code, postcode):
        example = f" (for example {EXAMPLES[code]})" if code in EXAMPLES else ""
        what = "the format" if has_known_format(code) else "a postcode"
        raise ApplicationError(
            f"{postcode!r} is not {what} used in {COUNTRY_NAMES[code]}{example}.",
            code=error_codes.INVALID_POSTCODE,
            errors=[
                {
                    "field": "postcode",
                    "code": error_codes.INVALID_POSTCODE,
                    "message": f"Not a valid postcode for {code}.",
                }
            ],
        )
    rule = selectors.country_rule_get(country=code)
    if rule is not None and not rule.shipping_allowed:
        note = f" {rule.buyer_note}" if rule.buyer_note else ""
        raise UnprocessableError(
            f"We do not ship to {COUNTRY_NAMES[code]}.{note}",
            code=error_codes.DESTINATION_BLOCKED,
            extra={"country": code},
        )
    return code, rule


def required_documents_for(*, country: str, rule=None) -> list[str]:
    """Documents a shipment to `country` needs: the country rule's, plus a commercial invoice
    outside the EU. In the order RequiredDocument declares them."""
    wanted = set(rule.required_documents if rule is not None else [])
    if not is_eu(country):
        wanted.add(RequiredDocument.COMMERCIAL_INVOICE)
    return [doc.value for doc in RequiredDocument if doc.value in wanted]


def _validate_lines(lines: Sequence[RateLine]) -> list[RateLine]:
    if not lines:
        raise ValidationError({"lines": "At least one line is required."}, code="required")
    for index, line in enumerate(lines):
        quantity = line.quantity
        if (
            isinstance(quantity, bool)
            or not isinstance(quantity, int)
            or not (1 <= quantity <= MAX_LINE_QUANTITY)
        ):
            raise ValidationError(
                {f"lines[{index}].quantity": f"A whole number from 1 to {MAX_LINE_QUANTITY}."},
                code="invalid",
            )
    return list(lines)


def _option(*, table, result: RateResult, country: str, rule) -> ShippingOption:
    method = table.method
    notes = [n for n in (table.note, rule.buyer_note if rule else "") if n]
    documents = required_documents_for(country=country, rule=rule)
    return ShippingOption(
        method_code=method.code,
        name=method.name,
        price=result.price,
        currency=table.currency,
        pallets=len(result.pallets),
        total_weight_kg=result.total_weight_kg,
        transit_days_min=table.transit_days_min,
        transit_days_max=table.transit_days_max,
        required_documents=documents,
        note=" ".join(notes),
        method_kind=method.kind,
        zone=table.zone.name,
        freight=result.freight,
        fuel_surcharge=result.fuel_surcharge,
        shipment_fee=result.shipment_fee,
        pallet_prices=tuple(p.price for p in result.pallets),
    )


def shipping_options(
    *, lines: Sequence[RateLine], country: str, postcode: str = ""
) -> list[ShippingOption]:
    """Every method that can carry `lines` to the destination, cheapest first.

    Raises unknown_country / invalid_postcode (400), destination_blocked (422), and
    no_shipping_method (422) when no active method can carry the lines there.
    """
    code, rule = _checked_destination(country=country, postcode=postcode)
    lines = _validate_lines(lines)
    options = []
    reasons = []
    for table in selectors.rate_tables_for_country(country=code):
        try:
            result = price_lines(lines, rate_table=table, method=table.method)
        except CannotCarry as exc:
            reasons.append(f"{table.method.name}: {exc}")
            continue
        options.append(_option(table=table, result=result, country=code, rule=rule))
    if not options:
        raise UnprocessableError(
            f"No shipping method can carry these barrels to {COUNTRY_NAMES[code]}. "
            "Split the order or ask us for a quote.",
            code=error_codes.NO_SHIPPING_METHOD,
            extra={"reasons": reasons},
        )
    options.sort(key=lambda o: (o.price, o.transit_days_max, o.method_code))
    return options


def shipping_option_get(
    *, lines: Sequence[RateLine], country: str, postcode: str = "", method_code: str
) -> ShippingOption:
    """The option for `method_code`, priced now. Raises unknown_shipping_option (400)."""
    for option in shipping_options(lines=lines, country=country, postcode=postcode):
        if option.method_code == method_code:
            return option
    raise ApplicationError(
        f"Shipping method {method_code!r} is not available for these barrels to this destination.",
        code=error_codes.UNKNOWN_SHIPPING_OPTION,
        errors=[
            {
                "field": "shipping_method",
                "code": error_codes.UNKNOWN_SHIPPING_OPTION,
                "message": "Not one of the available shipping options.",
            }
        ],
    )

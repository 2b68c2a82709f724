"""Barrels as express parcels: one parcel per shipment, its weight and size, the carriers' limits,
the carrier API's units, customs lines and currency conversion. Pure functions, no queries.

A shipment travels as one parcel: the barrels' empty weights plus packaging, the longest barrel
standing up (height) and the barrels side by side (diameters). An order that is heavier than
`SHIPPING_PARCEL_MAX_WEIGHT_KG` (70 kg, the express carriers' limit), longer than
`SHIPPING_PARCEL_MAX_LENGTH_CM` or larger than `SHIPPING_PARCEL_MAX_GIRTH_CM` (length + girth)
gets no parcel option: it goes by pallet. A 225 L barrique (45 kg, 95 x 72 x 72 cm) fits; two do
not (90 kg).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

from vwb_site.core.countries import is_eu
from vwb_site.core.money import money

OUNCES_PER_KG = Decimal("35.27396195")
CM_PER_INCH = Decimal("2.54")


@dataclass(frozen=True)
class Parcel:
    weight_kg: Decimal
    length_cm: Decimal
    width_cm: Decimal
    height_cm: Decimal

    def as_api(self) -> dict:
        """The carrier API's parcel: ounces and inches, one decimal."""
        tenth = Decimal("0.1")
        return {
            "weight": float((self.weight_kg * OUNCES_PER_KG).quantize(tenth, ROUND_HALF_UP)),
            "length": float((self.length_cm / CM_PER_INCH).quantize(tenth, ROUND_HALF_UP)),
            "width": float((self.width_cm / CM_PER_INCH).quantize(tenth, ROUND_HALF_UP)),
            "height": float((self.height_cm / CM_PER_INCH).quantize(tenth, ROUND_HALF_UP)),
        }

    def cache_key(self) -> str:
        return f"{self.weight_kg}-{self.length_cm}x{self.width_cm}x{self.height_cm}"


class DoesNotFit(Exception):
    """These lines do not travel as one parcel (too heavy or too large)."""


def parcel_for(lines: Sequence) -> Parcel:
    """One parcel for `lines` (`.barrel`, `.quantity`), or DoesNotFit."""
    count = sum(line.quantity for line in lines)
    if count < 1:
        raise DoesNotFit("No barrel.")
    weight = sum(
        (Decimal(line.barrel.empty_weight_kg) * line.quantity for line in lines), Decimal(0)
    ) + Decimal(settings.SHIPPING_PARCEL_PACKAGING_KG)
    limit = Decimal(settings.SHIPPING_PARCEL_MAX_WEIGHT_KG)
    if weight > limit:
        raise DoesNotFit(f"{money(weight)} kg is above the parcel limit of {limit} kg.")
    length = max(Decimal(line.barrel.height_cm) for line in lines)
    widest = max(Decimal(line.barrel.diameter_cm) for line in lines)
    width = sum((Decimal(line.barrel.diameter_cm) * line.quantity for line in lines), Decimal(0))
    height = widest
    longest = max(length, width)
    girth = 2 * (min(length, width) + height) + longest
    if longest > Decimal(settings.SHIPPING_PARCEL_MAX_LENGTH_CM):
        raise DoesNotFit(f"{longest} cm is longer than a parcel may be.")
    if girth > Decimal(settings.SHIPPING_PARCEL_MAX_GIRTH_CM):
        raise DoesNotFit(
            f"Length and girth {girth} cm exceed {settings.SHIPPING_PARCEL_MAX_GIRTH_CM}."
        )
    return Parcel(
        weight_kg=money(weight), length_cm=longest, width_cm=min(length, width), height_cm=height
    )


def from_address() -> dict:
    street, city, postcode, country = (list(settings.SHIPPING_PARCEL_FROM_ADDRESS) + [""] * 4)[:4]
    return {
        "company": settings.SELLER_NAME,
        "street1": street,
        "city": city,
        "zip": postcode,
        "country": country,
        "phone": settings.SHIPPING_PARCEL_FROM_PHONE,
        "email": settings.SELLER_EMAIL,
    }


def to_address(*, country: str, postcode: str = "", address: dict | None = None) -> dict:
    """The destination in the API's shape: a full address (booking) or country and postcode
    (a rate request before the buyer typed the address)."""
    address = address or {}
    result = {
        "name": address.get("recipient_name", "") or address.get("company_name", "") or "Buyer",
        "company": address.get("company_name", ""),
        "street1": address.get("street", ""),
        "city": address.get("city", ""),
        "zip": address.get("zip_code", "") or postcode,
        "country": country,
        "phone": address.get("phone", ""),
    }
    return {k: v for k, v in result.items() if v}


def needs_customs(*, origin: str, destination: str) -> bool:
    """Outside the EU customs union (from an EU warehouse): a customs declaration travels."""
    return origin != destination and not (is_eu(origin) and is_eu(destination))


def customs_info(*, lines: Sequence, signer: str) -> dict:
    """Customs for international parcels: HS 4416 (casks, barrels), value and origin per line.
    `lines` are (description, quantity, unit value, currency, weight_kg, hs code, origin)."""
    items = []
    for description, quantity, value, currency, weight_kg, hs_code, origin in lines:
        items.append(
            {
                "description": description[:45],
                "quantity": quantity,
                "value": float(money(Decimal(value) * quantity)),
                "currency": currency,
                "weight": float(
                    (Decimal(weight_kg) * quantity * OUNCES_PER_KG).quantize(Decimal("0.1"))
                ),
                "hs_tariff_number": (hs_code or "4416")[:10],
                "origin_country": origin,
            }
        )
    return {
        "contents_type": "merchandise",
        "contents_explanation": "Used wooden wine barrels",
        "customs_certify": True,
        "customs_signer": signer,
        "non_delivery_option": "return",
        "restriction_type": "none",
        "eel_pfc": "NOEEI 30.37(a)",
        "customs_items": items,
    }


class NoExchangeRate(Exception):
    pass


def convert(amount: Decimal, *, from_currency: str, to_currency: str) -> tuple[Decimal, Decimal]:
    """(amount in `to_currency`, rate used) from the SHIPPING_FX_RATES_TO_EUR table (EUR per
    unit; cross rates through EUR). Same currency: rate 1."""
    if from_currency == to_currency:
        return money(amount), Decimal(1)
    table = {k.upper(): Decimal(str(v)) for k, v in settings.SHIPPING_FX_RATES_TO_EUR.items()}
    table["EUR"] = Decimal(1)
    if from_currency not in table or to_currency not in table:
        raise NoExchangeRate(f"No exchange rate {from_currency} -> {to_currency}.")
    rate = (table[from_currency] / table[to_currency]).quantize(Decimal("0.000001"), ROUND_HALF_UP)
    return money(amount * rate), rate

"""The quotes app's use of the shipping-rate service (commerce.shipping)."""

from dataclasses import dataclass
from decimal import Decimal

from commerce.shipping.services import (
    RateLine,
    destination_check,
    normalize_country,
    shipping_options,
)
from quotes import error_codes
from vwb_site.exceptions import ApplicationError, UnprocessableError


@dataclass(frozen=True)
class Freight:
    method_code: str
    name: str
    rate_price: Decimal | None  # what the rate service quoted, None when staff typed it in
    amount: Decimal
    overridden: bool
    details: dict  # pallets, weight, transit days, documents: what the order copies


def _details(option) -> dict:
    if option is None:
        return {}
    return {
        "pallets": option.pallets,
        "total_weight_kg": str(option.total_weight_kg),
        "transit_days_min": option.transit_days_min,
        "transit_days_max": option.transit_days_max,
        "required_documents": list(option.required_documents or []),
        "note": option.note or "",
    }


def check_destination(*, country: str, postcode: str = "") -> tuple[str, str]:
    """Normalise and check a destination; raises the shipping service's 4xx errors."""
    country = normalize_country(country)
    postcode = (postcode or "").strip()
    destination_check(country=country, postcode=postcode)
    return country, postcode


def freight_for(
    *,
    lines: list[tuple],
    country: str,
    postcode: str,
    method_code: str = "",
    amount: Decimal | None = None,
) -> Freight:
    """Freight for the quoted lines: the rate service's price, optionally overridden by staff.

    `lines` are (barrel, quantity). Without `method_code` the cheapest door-delivered option is
    used. An explicit `amount` overrides the rate (and is used alone when no rate is available).
    """
    try:
        options = shipping_options(
            lines=[RateLine(barrel=b, quantity=q) for b, q in lines],
            country=country,
            postcode=postcode,
        )
    except ApplicationError:
        if amount is None:
            raise
        options = []  # staff price the freight themselves where no rate applies
    if method_code:
        option = next((o for o in options if o.method_code == method_code), None)
        if option is None and amount is None:
            raise UnprocessableError(
                f"Shipping method {method_code!r} is not available to {country} for these barrels.",
                code=error_codes.SHIPPING_UNAVAILABLE,
            )
    else:
        # Default: the cheapest option delivered to the door (collection only if nothing else).
        delivered = [o for o in options if getattr(o, "method_kind", "") != "collection"]
        candidates = delivered or options
        option = min(candidates, key=lambda o: o.price) if candidates else None
    rate = option.price if option is not None else None
    final = amount if amount is not None else rate
    if final is None:
        raise UnprocessableError(
            "No shipping rate is available for this destination; enter the freight amount.",
            code=error_codes.FREIGHT_REQUIRED,
        )
    return Freight(
        method_code=option.method_code if option is not None else "",
        name=option.name if option is not None else "Freight (quoted by the seller)",
        rate_price=rate,
        amount=final,
        overridden=amount is not None and amount != rate,
        details=_details(option),
    )

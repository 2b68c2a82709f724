"""Checkout's shipping: the options (rate tables and live parcel rates) and the one chosen.

Placing an order asks the carrier API only for a parcel option whose quote expired
(commerce.shipping.offers has the rule); a pallet option never waits for it.
"""

from commerce.shipping.offers import (
    is_parcel_code,
    parcel_option_confirm,
    parcel_option_preview,
    shipping_rates,
)
from commerce.shipping.services import shipping_option_get


def choose_shipping(result, *, data, lines, country: str, postcode: str, strict: bool):
    """Options (tables and live parcel rates) and the chosen one. Placing an order asks the
    carrier API only for a parcel option whose quote expired (commerce.shipping.offers)."""
    method, currency = data.shipping_method_code, result.currency
    if strict and is_parcel_code(method):
        result.shipping = parcel_option_confirm(
            lines=lines,
            country=country,
            postcode=postcode,
            currency=currency,
            method_code=method,
            quote_id=data.shipping_quote_id,
        )
        return
    answer = shipping_rates(
        lines=lines, country=country, postcode=postcode, currency=currency, live=not strict
    )
    result.shipping_options = answer.options
    result.live_rates, result.live_rates_detail = answer.live, answer.live_detail
    if not method:
        return
    if is_parcel_code(method):  # preview
        result.shipping, problems = parcel_option_preview(
            options=answer.options,
            lines=lines,
            country=country,
            method_code=method,
            quote_id=data.shipping_quote_id,
        )
        result.problems += problems
    else:
        result.shipping = next((o for o in answer.options if o.method_code == method), None)
    if result.shipping is None and strict:  # raises unknown_shipping_option
        result.shipping = shipping_option_get(
            lines=lines, country=country, postcode=postcode, method_code=method
        )
    if result.shipping is None:
        result.problems.append(
            {
                "barrel_id": None,
                "code": "unknown_shipping_option",
                "available": None,
                "message": f"No shipping option {method!r} for these barrels and this destination.",
            }
        )

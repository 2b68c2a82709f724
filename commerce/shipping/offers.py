"""Every shipping option for a basket: pallet freight from our tables beside live parcel rates
from the carrier APIs, and the checkout rule for a quoted parcel price.

    shipping_rates(*, lines, country, postcode="", currency="EUR", live=True) -> RatesAnswer
    parcel_option_confirm(*, lines, country, postcode, currency, method_code, quote_id)
    parcel_option_preview(...) -> (option | None, problems)

`RatesAnswer.live` says what became of the live rates: "ok", "unavailable" (the API was down,
slow or refusing: the table rates alone, within the budget), "off" (no carrier API configured)
or "not_applicable" (the barrels do not travel as one parcel).

A quote shown at preview (`quote_id`) is honoured at checkout while valid, whatever the API says
then (or whether it answers). Once expired, checkout prices again: the same price is accepted; a
different one is a 409 `shipping_price_changed` carrying the new price and a new `quote_id`,
which the buyer confirms by placing the order again with that id.
"""

from dataclasses import dataclass, field

from commerce.shipping import error_codes
from commerce.shipping.adapters import ADAPTERS, adapter_for
from commerce.shipping.carriers import LiveRatesUnavailable
from commerce.shipping.easypost_carrier import option_from_quote
from commerce.shipping.parcels import DoesNotFit, parcel_for
from commerce.shipping.quotes import quote_get, quote_is_valid
from commerce.shipping.selectors import live_rate_carriers
from commerce.shipping.services import (
    ShippingOption,
    normalize_country,
    required_documents_for,
    shipping_options,
)
from vwb_site.exceptions import ApplicationError, ConflictError, UnprocessableError

PARCEL_PREFIX = "parcel-"

LIVE_OK = "ok"
LIVE_UNAVAILABLE = "unavailable"
LIVE_OFF = "off"
LIVE_NOT_APPLICABLE = "not_applicable"


@dataclass
class RatesAnswer:
    options: list[ShippingOption]
    live: str
    live_detail: str = ""
    reasons: list[str] = field(default_factory=list)


def is_parcel_code(method_code: str) -> bool:
    return method_code.startswith(PARCEL_PREFIX)


def _live_adapters():
    kinds = [kind for kind, cls in ADAPTERS.items() if cls.live_rates]
    adapters = [adapter_for(c) for c in live_rate_carriers(adapters=kinds)]
    return [a for a in adapters if a.is_configured()]


def live_options(*, lines, country: str, postcode: str, currency: str) -> tuple[list, str, str]:
    adapters = _live_adapters()
    if not adapters:
        return [], LIVE_OFF, "No carrier API is configured."
    options: list[ShippingOption] = []
    failures = []
    for adapter in adapters:
        try:
            options += adapter.rates(
                lines=lines, country=country, postcode=postcode, currency=currency
            )  # type: ignore[call-arg]
        except LiveRatesUnavailable as exc:
            failures.append(f"{adapter.carrier.name}: {exc}")
    if failures and not options:
        return (
            [],
            LIVE_UNAVAILABLE,
            "Live parcel rates are unavailable right now. " + " ".join(failures),
        )
    if not options:
        return [], LIVE_NOT_APPLICABLE, "These barrels do not travel as one parcel."
    return options, LIVE_OK, ""


def shipping_rates(
    *, lines, country: str, postcode: str = "", currency: str = "EUR", live: bool = True
) -> RatesAnswer:
    """Table options and (with `live`) parcel options, cheapest first. Raises as
    `shipping_options` does, no_shipping_method only when neither kind can carry the lines."""
    try:
        table = shipping_options(lines=lines, country=country, postcode=postcode)
        table_error = None
    except UnprocessableError as exc:
        if exc.code != error_codes.NO_SHIPPING_METHOD:
            raise
        table, table_error = [], exc
    if not live:
        if table_error is not None:
            raise table_error
        return RatesAnswer(options=table, live=LIVE_OFF, live_detail="Not asked.")
    code = normalize_country(country)
    parcels, status, detail = live_options(
        lines=lines, country=code, postcode=postcode, currency=currency
    )
    if table_error is not None and not parcels:
        raise table_error
    options = sorted(table + parcels, key=lambda o: (o.price, o.transit_days_max, o.method_code))
    return RatesAnswer(options=options, live=status, live_detail=detail)


def _quote_matches(quote: dict | None, *, method_code: str, country: str, lines) -> bool:
    if not quote or quote.get("method_code") != method_code or quote.get("country") != country:
        return False
    try:
        return parcel_for(lines).cache_key() == quote.get("parcel")
    except DoesNotFit:
        return False


def _changed(*, quote, current: ShippingOption, code: str, message: str) -> ConflictError:
    return ConflictError(
        message,
        code=code,
        extra={
            "shipping_method_code": current.method_code,
            "quoted_price": quote.get("price") if quote else None,
            "new_price": str(current.price),
            "currency": current.currency,
            "shipping_quote_id": current.quote_id,
            "quote_expires_at": current.quote_expires_at.isoformat()
            if current.quote_expires_at
            else None,
        },
    )


def parcel_option_confirm(
    *, lines, country: str, postcode: str, currency: str, method_code: str, quote_id: str
) -> ShippingOption:
    """The parcel option to write on the order (checkout). See the module docstring."""
    code = normalize_country(country)
    quote = quote_get(quote_id)
    if _quote_matches(quote, method_code=method_code, country=code, lines=lines):
        assert quote is not None
        if quote_is_valid(quote) and quote.get("currency") == currency:
            return option_from_quote(quote, documents=required_documents_for(country=code))
    else:
        quote = None
    parcels, status, detail = live_options(
        lines=lines, country=code, postcode=postcode, currency=currency
    )
    if status == LIVE_UNAVAILABLE:
        raise ConflictError(
            detail + " Choose a pallet option, or try again in a moment.",
            code=error_codes.LIVE_RATES_UNAVAILABLE,
            extra={"live_rates": status},
        )
    current = next((o for o in parcels if o.method_code == method_code), None)
    if current is None:
        raise ApplicationError(
            f"Shipping method {method_code!r} is not available for these barrels to this "
            "destination.",
            code=error_codes.UNKNOWN_SHIPPING_OPTION,
            errors=[
                {
                    "field": "shipping_method",
                    "code": error_codes.UNKNOWN_SHIPPING_OPTION,
                    "message": "Not one of the available shipping options.",
                }
            ],
        )
    if quote is None:
        raise _changed(
            quote=None,
            current=current,
            code=error_codes.SHIPPING_QUOTE_REQUIRED,
            message=f"{current.name} is a live rate: confirm its price of {current.price} "
            f"{current.currency} by sending shipping_quote_id {current.quote_id}.",
        )
    if quote.get("price") == str(current.price) and quote.get("currency") == current.currency:
        return current
    raise _changed(
        quote=quote,
        current=current,
        code=error_codes.SHIPPING_PRICE_CHANGED,
        message=f"The price of {current.name} changed from {quote.get('price')} to "
        f"{current.price} {current.currency}. Place the order again with shipping_quote_id "
        f"{current.quote_id} to accept it.",
    )


def parcel_option_preview(
    *, options: list[ShippingOption], lines, country: str, method_code: str, quote_id: str
) -> tuple[ShippingOption | None, list[dict]]:
    """Preview's view of a chosen parcel option: the quoted one while valid, else the current
    one with a `shipping_price_changed` problem when its price moved."""
    code = normalize_country(country)
    current = next((o for o in options if o.method_code == method_code), None)
    quote = quote_get(quote_id)
    if _quote_matches(quote, method_code=method_code, country=code, lines=lines):
        assert quote is not None
        if quote_is_valid(quote):
            return option_from_quote(quote, documents=required_documents_for(country=code)), []
        if current is not None and str(current.price) != quote.get("price"):
            return current, [
                {
                    "barrel_id": None,
                    "code": error_codes.SHIPPING_PRICE_CHANGED,
                    "available": None,
                    "message": f"The price of {current.name} changed from {quote.get('price')} "
                    f"to {current.price} {current.currency}; its new quote is "
                    f"{current.quote_id}.",
                }
            ]
    return current, []

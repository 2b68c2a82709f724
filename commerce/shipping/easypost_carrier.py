"""EasyPost: live parcel rates (UPS, DHL Express, FedEx, ...), bought labels, signed tracking
webhooks, through the official SDK (`easypost`). Off unless EASYPOST_API_KEY is set.

Rates: one EasyPost shipment (from the warehouse, to the destination, one parcel in ounces and
inches, customs outside the EU) answers with its rates. The whole call has a budget of
EASYPOST_RATE_TIMEOUT_SECONDS (2 s): it runs in a worker thread and is abandoned at the deadline,
the SDK's own timeout ending the socket soon after. The answer is cached per route and parcel
for EASYPOST_RATE_CACHE_SECONDS. Anything but rates in time raises `LiveRatesUnavailable`: the
caller offers the rate tables alone and says so.

Booking buys the rate chosen at checkout (the order's `shipping_quote`); when EasyPost refuses
it (expired), a new shipment is rated and its cheapest offered rate is bought. The label is
fetched as PDF bytes; the tracking number and public tracking URL come with the purchase.
"""

import concurrent.futures
import datetime
import hashlib
from decimal import Decimal, InvalidOperation

import easypost
import requests
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify

from commerce.shipping import error_codes
from commerce.shipping.carriers import (
    CarrierAdapter,
    LiveRatesUnavailable,
    ShipmentBooking,
    TrackingUpdate,
)
from commerce.shipping.parcels import (
    DoesNotFit,
    NoExchangeRate,
    Parcel,
    convert,
    customs_info,
    from_address,
    needs_customs,
    parcel_for,
    to_address,
)
from commerce.shipping.quotes import quote_id_for, quote_store
from commerce.shipping.services import ShippingOption, required_documents_for
from vwb_site.exceptions import ApplicationError, UnprocessableError
from vwb_site.logging_config import get_logger

log = get_logger("commerce.shipping.easypost")

# Rate calls run here so that a slow API is abandoned at the budget (a few at a time).
_POOL = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="carrier-rates")

# EasyPost tracker statuses -> our tracking event kinds (others are acknowledged and ignored).
STATUS_KINDS = {
    "in_transit": "in_transit",
    "out_for_delivery": "out_for_delivery",
    "delivered": "delivered",
    "available_for_pickup": "out_for_delivery",
    "return_to_sender": "exception",
    "failure": "exception",
    "error": "exception",
}


class CarrierUnavailable(ApplicationError):
    status_code = 502
    default_code = error_codes.CARRIER_UNAVAILABLE


def client(*, timeout: float) -> easypost.EasyPostClient:
    kwargs = {"api_base": settings.EASYPOST_BASE_URL} if settings.EASYPOST_BASE_URL else {}
    # The SDK's annotation says int; requests takes a float.
    return easypost.EasyPostClient(settings.EASYPOST_API_KEY, timeout=timeout, **kwargs)  # type: ignore[arg-type]


def _offered(rate: dict) -> bool:
    carriers = {c.lower() for c in settings.EASYPOST_CARRIERS}
    services = {s.lower() for s in settings.EASYPOST_SERVICES}
    carrier = str(rate.get("carrier", "")).lower()
    pair = f"{carrier}:{str(rate.get('service', '')).lower()}"
    return (not carriers or carrier in carriers) and (not services or pair in services)


def _rate_amount(rate: dict) -> Decimal | None:
    try:
        return Decimal(str(rate.get("rate")))
    except (InvalidOperation, TypeError):
        return None


def method_code_for(carrier: str, service: str) -> str:
    return slugify(f"parcel-{carrier}-{service}")[:40]


def _shipment_params(*, to: dict, parcel: Parcel, customs: dict | None, reference: str = ""):
    params = {
        "from_address": from_address(),
        "to_address": to,
        "parcel": parcel.as_api(),
        "options": {"label_format": "PDF", "currency": "EUR"},
    }
    if customs is not None:
        params["customs_info"] = customs
    if reference:
        params["reference"] = reference
    return params


def _customs_for_lines(lines, *, currency: str) -> dict:
    return customs_info(
        lines=[
            (
                f"Used wine barrel {line.barrel.volume_liters} L",
                line.quantity,
                getattr(line, "unit_price", None) or line.barrel.price,
                currency,
                line.barrel.empty_weight_kg,
                getattr(line.barrel, "hs_code", "4416"),
                str(line.barrel.origin_country),
            )
            for line in lines
        ],
        signer=settings.SELLER_NAME,
    )


def _fetch_rates(params: dict) -> list[dict]:
    """One call: create the shipment, keep its rates (runs in a worker thread, no database)."""
    shipment = client(timeout=settings.EASYPOST_RATE_TIMEOUT_SECONDS).shipment.create(**params)
    data = shipment.to_dict()
    return [
        {
            "rate_id": r.get("id", ""),
            "shipment_id": data.get("id", ""),
            "carrier": r.get("carrier", ""),
            "service": r.get("service", ""),
            "rate": str(r.get("rate", "")),
            "currency": r.get("currency", ""),
            "delivery_days": r.get("delivery_days"),
        }
        for r in data.get("rates", []) or []
    ]


class EasyPostCarrier(CarrierAdapter):
    label = "EasyPost API (live parcel rates, labels, signed tracking webhooks)"
    live_rates = True
    books_labels = True

    def is_configured(self) -> bool:
        return bool(settings.EASYPOST_API_KEY)

    # --- rates -----------------------------------------------------------------------------

    def raw_rates(self, *, lines, country: str, postcode: str = "") -> tuple[Parcel, list[dict]]:
        """The API's rates for `lines` as one parcel (cached per route and parcel). Raises
        DoesNotFit (no parcel option) or LiveRatesUnavailable."""
        parcel = parcel_for(lines)
        origin = from_address()["country"]
        customs = None
        if needs_customs(origin=origin, destination=country):
            currency = next((line.barrel.currency for line in lines), "EUR")
            customs = _customs_for_lines(lines, currency=currency)
        route = f"{origin}>{country}:{(postcode or '').replace(' ', '').upper()}"
        digest = hashlib.sha256(f"{route}|{parcel.cache_key()}|{customs}".encode()).hexdigest()
        key = f"carrier-rates:{self.carrier.code}:{digest[:32]}"
        cached = cache.get(key)
        if cached is not None:
            return parcel, cached
        params = _shipment_params(
            to=to_address(country=country, postcode=postcode), parcel=parcel, customs=customs
        )
        budget = settings.EASYPOST_RATE_TIMEOUT_SECONDS
        future = _POOL.submit(_fetch_rates, params)
        try:
            rates = future.result(timeout=budget)
        except concurrent.futures.TimeoutError as exc:
            future.cancel()
            log.warning("live_rates_timeout", carrier=self.carrier.code, budget_s=budget)
            raise LiveRatesUnavailable(f"No answer within {budget} s.") from exc
        except easypost.errors.EasyPostError as exc:
            log.warning("live_rates_refused", carrier=self.carrier.code, error=str(exc)[:200])
            raise LiveRatesUnavailable(str(exc)[:200] or type(exc).__name__) from exc
        if settings.EASYPOST_RATE_CACHE_SECONDS > 0:
            cache.set(key, rates, timeout=settings.EASYPOST_RATE_CACHE_SECONDS)
        return parcel, rates

    def rates(self, *, lines, country: str, postcode: str = "", currency: str = "EUR") -> list:
        """Parcel options in `currency`, each with a stored quote; [] when the lines do not fit
        a parcel. Raises LiveRatesUnavailable."""
        try:
            parcel, raw = self.raw_rates(lines=lines, country=country, postcode=postcode)
        except DoesNotFit:
            return []
        documents = required_documents_for(country=country)
        options = []
        for rate in raw:
            amount = _rate_amount(rate)
            if amount is None or not _offered(rate):
                continue
            try:
                price, fx_rate = convert(
                    amount, from_currency=rate["currency"], to_currency=currency
                )
            except NoExchangeRate:
                log.warning("live_rate_without_exchange_rate", currency=rate["currency"])
                continue
            code = method_code_for(rate["carrier"], rate["service"])
            quote = quote_store(
                {
                    "quote_id": quote_id_for(
                        rate_id=rate["rate_id"], price=str(price), currency=currency
                    ),
                    "carrier_code": self.carrier.code,
                    "method_code": code,
                    "carrier": rate["carrier"],
                    "service": rate["service"],
                    "rate_id": rate["rate_id"],
                    "shipment_id": rate["shipment_id"],
                    "price": str(price),
                    "currency": currency,
                    "original_price": str(amount),
                    "original_currency": rate["currency"],
                    "fx_rate": str(fx_rate),
                    "delivery_days": rate.get("delivery_days"),
                    "country": country,
                    "parcel": parcel.cache_key(),
                    "weight_kg": str(parcel.weight_kg),
                }
            )
            options.append(option_from_quote(quote, documents=documents))
        options.sort(key=lambda o: (o.price, o.transit_days_max, o.method_code))
        return options

    # --- booking ---------------------------------------------------------------------------

    def create_shipment(self, *, order, tracking_number: str = "") -> ShipmentBooking:
        if not self.is_configured():
            raise UnprocessableError(
                f"{self.carrier.name} is not configured (EASYPOST_API_KEY).",
                code=error_codes.CARRIER_NOT_CONFIGURED,
            )
        api = client(timeout=settings.EASYPOST_BOOKING_TIMEOUT_SECONDS)
        quote = order.shipping_quote or {}
        try:
            bought = None
            if quote.get("shipment_id") and quote.get("rate_id"):
                try:
                    bought = api.shipment.buy(quote["shipment_id"], rate={"id": quote["rate_id"]})
                except easypost.errors.ApiError as exc:
                    if not (exc.http_status and 400 <= exc.http_status < 500):
                        raise
                    log.info("quoted_rate_refused", order=str(order.pk), error=str(exc)[:200])
            if bought is None:
                bought = self._buy_cheapest(api, order=order)
            data = bought.to_dict()
            label_url = (data.get("postage_label") or {}).get("label_url", "")
            label = requests.get(label_url, timeout=settings.EASYPOST_BOOKING_TIMEOUT_SECONDS)
        except (easypost.errors.EasyPostError, requests.RequestException) as exc:
            raise CarrierUnavailable(f"The carrier API did not book the shipment: {exc}") from exc
        if label.status_code != 200 or not label.content.startswith(b"%PDF"):
            raise CarrierUnavailable("The carrier's label is not a PDF.")
        rate = data.get("selected_rate") or {}
        tracker = data.get("tracker") or {}
        return ShipmentBooking(
            tracking_number=data.get("tracking_code", ""),
            tracking_url=tracker.get("public_url", "")
            or self.carrier.tracking_url(data.get("tracking_code", "")),
            provider_shipment_id=data.get("id", ""),
            service=f"{rate.get('carrier', '')} {rate.get('service', '')}".strip(),
            cost=_rate_amount(rate),
            cost_currency=rate.get("currency", ""),
            label_pdf=label.content,
        )

    def _buy_cheapest(self, api, *, order):
        lines = list(order.lines.select_related("barrel"))
        try:
            parcel = parcel_for(lines)
        except DoesNotFit as exc:
            raise UnprocessableError(
                f"Order {order.number} does not travel as a parcel: {exc}",
                code=error_codes.PARCEL_DOES_NOT_FIT,
            ) from exc
        address = order.shipping_address or {}
        country = address.get("country", "")
        customs = None
        if needs_customs(origin=from_address()["country"], destination=country):
            customs = _customs_for_lines(lines, currency=order.currency)
        params = _shipment_params(
            to=to_address(country=country, address=address),
            parcel=parcel,
            customs=customs,
            reference=order.number,
        )
        shipment = api.shipment.create(**params).to_dict()
        offered = [r for r in shipment.get("rates") or [] if _offered(r) and _rate_amount(r)]
        if not offered:
            raise CarrierUnavailable("The carrier API offered no rate for this parcel.")

        def in_eur(r):
            try:
                return convert(_rate_amount(r), from_currency=r["currency"], to_currency="EUR")[0]
            except NoExchangeRate:
                return Decimal("Infinity")

        cheapest = min(offered, key=in_eur)
        log.info("bought_cheapest_rate", order=str(order.pk), rate=cheapest.get("id"))
        return api.shipment.buy(shipment["id"], rate={"id": cheapest["id"]})

    def tracking(self, *, shipment) -> list[TrackingUpdate]:
        return []  # EasyPost pushes tracking through the webhook

    # --- webhooks --------------------------------------------------------------------------

    def verify_webhook(self, *, body: bytes, headers) -> dict:
        """The event, if its X-Hmac-Signature matches EASYPOST_WEBHOOK_SECRET (the SDK's
        `validate_webhook`: "hmac-sha256-hex=" + HMAC-SHA256 of the raw body). Raises
        easypost.errors.SignatureVerificationError."""
        return easypost.util.validate_webhook(
            event_body=body,
            headers={"X-Hmac-Signature": headers.get("X-Hmac-Signature", "")},
            webhook_secret=settings.EASYPOST_WEBHOOK_SECRET,
        )

    def parse_webhook(self, *, payload: dict) -> TrackingUpdate:
        """A `tracker.updated` event -> one update (kind "" when the status is not one of ours)."""
        tracker = payload.get("result") or {}
        details = tracker.get("tracking_details") or []
        status = tracker.get("status", "")
        last = next((d for d in reversed(details) if d.get("status") == status), None)
        last = last or (details[-1] if details else {})
        where = last.get("tracking_location") or {}
        location = ", ".join(str(where[k]) for k in ("city", "country") if where.get(k))
        occurred = parse_datetime(str(last.get("datetime") or payload.get("updated_at") or ""))
        if occurred is not None and timezone.is_naive(occurred):
            occurred = timezone.make_aware(occurred, datetime.UTC)
        return TrackingUpdate(
            tracking_number=str(tracker.get("tracking_code", "")),
            kind=STATUS_KINDS.get(status, ""),
            occurred_at=occurred or timezone.now(),
            location=location,
            description=str(last.get("message", "") or tracker.get("status_detail", "")),
            external_id=str(payload.get("id", "")),
        )


def option_from_quote(quote: dict, *, documents: list[str]) -> ShippingOption:
    days = quote.get("delivery_days") or 0
    return ShippingOption(
        method_code=quote["method_code"],
        name=f"{quote['carrier']} {quote['service']} (parcel)",
        price=Decimal(quote["price"]),
        currency=quote["currency"],
        pallets=0,
        total_weight_kg=Decimal(quote.get("weight_kg", "0")),
        transit_days_min=days,
        transit_days_max=days,
        required_documents=documents,
        note="Live rate from the carrier.",
        method_kind="parcel",
        zone="",
        freight=Decimal(quote["price"]),
        carrier=quote["carrier"],
        service=quote["service"],
        quote_id=quote["quote_id"],
        quote_expires_at=parse_datetime(quote["expires_at"]),
        original_price=Decimal(quote["original_price"]),
        original_currency=quote["original_currency"],
        fx_rate=Decimal(quote["fx_rate"]),
        quote=quote,
    )

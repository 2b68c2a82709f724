"""Carrier adapters: one interface for rates, shipments and tracking, one class per integration.

`Carrier.adapter` names the adapter (`commerce.shipping.adapters` maps names to classes).
`ManualCarrier`: staff enter the carrier and tracking number when shipping, the tracking URL
comes from the carrier's template, and tracking events arrive from the admin or from the
carrier's webhook in our generic format. `EasyPostCarrier` (commerce.shipping.easypost_carrier)
quotes live parcel rates, buys labels and receives signed tracking webhooks.
"""

import datetime
from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import Decimal

from django.utils.dateparse import parse_datetime

from commerce.models import Carrier
from commerce.shipping.services import shipping_options
from vwb_site.exceptions import ApplicationError


@dataclass(frozen=True)
class ShipmentBooking:
    tracking_number: str
    tracking_url: str
    # Booked through a carrier API: the provider's shipment, the service bought, its cost and
    # the label (PDF bytes), stored as the order's shipping-label document.
    provider_shipment_id: str = ""
    service: str = ""
    cost: Decimal | None = None
    cost_currency: str = ""
    label_pdf: bytes = b""


class LiveRatesUnavailable(Exception):
    """The carrier API did not answer with rates within the budget (down, slow, refusing)."""


@dataclass(frozen=True)
class TrackingUpdate:
    tracking_number: str
    kind: str
    occurred_at: datetime.datetime
    location: str = ""
    description: str = ""
    external_id: str = ""


class CarrierAdapter(ABC):
    label = "Manual"
    live_rates = False  # quotes its own prices beside the rate tables
    books_labels = False  # buys the shipment and its label itself (no typed tracking number)

    def __init__(self, carrier: Carrier) -> None:
        self.carrier = carrier

    def is_configured(self) -> bool:
        return True

    @abstractmethod
    def rates(self, *, lines, country: str, postcode: str = "") -> list:
        """Shipping options this carrier offers (commerce.shipping.services.ShippingOption)."""

    @abstractmethod
    def create_shipment(self, *, order, tracking_number: str = "") -> ShipmentBooking:
        """Book the shipment (or record a booking made elsewhere) and return its tracking."""

    @abstractmethod
    def tracking(self, *, shipment) -> list[TrackingUpdate]:
        """Poll the carrier for new tracking events (none for a manual carrier)."""

    @abstractmethod
    def parse_webhook(self, *, payload: dict) -> TrackingUpdate:
        """Turn a webhook body (already authenticated) into one tracking update."""


class ManualCarrier(CarrierAdapter):
    """Rates from our own rate tables; tracking numbers typed by staff; generic webhooks."""

    label = "Manual (rate tables, typed tracking numbers)"

    def rates(self, *, lines, country: str, postcode: str = "") -> list:
        return shipping_options(lines=lines, country=country, postcode=postcode)

    def create_shipment(self, *, order, tracking_number: str = "") -> ShipmentBooking:
        if not tracking_number:
            raise ApplicationError(
                "A tracking number is required for this carrier.",
                code="tracking_required",
                errors=[
                    {
                        "field": "tracking_number",
                        "code": "required",
                        "message": "This field is required.",
                    }
                ],
            )
        return ShipmentBooking(tracking_number, self.carrier.tracking_url(tracking_number))

    def tracking(self, *, shipment) -> list[TrackingUpdate]:
        return []

    def parse_webhook(self, *, payload: dict) -> TrackingUpdate:
        """Our generic body: {tracking_number, kind, occurred_at, location?, description?,
        event_id?} (validated by the API serializer before it gets here)."""
        occurred_at = payload["occurred_at"]
        if isinstance(occurred_at, str):
            occurred_at = parse_datetime(occurred_at)
        return TrackingUpdate(
            tracking_number=payload["tracking_number"],
            kind=payload["kind"],
            occurred_at=occurred_at,
            location=payload.get("location", ""),
            description=payload.get("description", ""),
            external_id=payload.get("event_id", ""),
        )

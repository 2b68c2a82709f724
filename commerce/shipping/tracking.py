"""Shipments and tracking events: recorded by staff or carrier webhooks.

A `delivered` event is reported through the reaction declared in
`commerce.events.SHIPMENT_DELIVERED_REACTIONS`, in the same transaction: the orders' service
moves a `shipped` order to `delivered`. Shipping never changes an order's status itself. Repeats
of an event (same carrier event id, or same kind and time) are recorded once.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from commerce import events
from commerce.models import (
    Carrier,
    Order,
    Shipment,
    TrackingEvent,
    TrackingEventKind,
    TrackingSource,
)
from commerce.shipping import error_codes
from commerce.shipping.carriers import adapter_for
from vwb_site.exceptions import ApplicationError, ConflictError, NotFoundError
from vwb_site.logging_config import get_logger

log = get_logger("commerce.shipping.tracking")

_TRACKING_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,63}$")
FUTURE_TOLERANCE = datetime.timedelta(hours=24)


def carrier_get(*, code: str) -> Carrier:
    carrier = Carrier.objects.filter(code=code, active=True).first()
    if carrier is None:
        raise NotFoundError(f"No active carrier {code!r}.", code=error_codes.UNKNOWN_CARRIER)
    return carrier


@transaction.atomic
def shipment_create(*, order: Order, carrier_code: str, tracking_number: str, actor) -> Shipment:
    """Record that `order` left with `carrier_code` under `tracking_number`.

    Does not change the order's status (`order_ship` does, around this call). Recording the
    same carrier and tracking number for the same order again returns the first shipment.
    """
    tracking_number = (tracking_number or "").strip()
    if not _TRACKING_NUMBER.match(tracking_number):
        raise ValidationError(
            {"tracking_number": "Letters, digits, spaces and . _ / - (at most 64)."},
            code="invalid",
        )
    try:
        carrier = carrier_get(code=carrier_code)
    except NotFoundError as exc:
        raise ApplicationError(
            exc.message,
            code=error_codes.UNKNOWN_CARRIER,
            errors=[
                {
                    "field": "carrier_code",
                    "code": error_codes.UNKNOWN_CARRIER,
                    "message": "Unknown carrier.",
                }
            ],
        ) from exc
    existing = Shipment.objects.filter(carrier=carrier, tracking_number=tracking_number).first()
    if existing is not None:
        if existing.order_id == order.pk:
            return existing
        raise ConflictError(
            f"Tracking number {tracking_number} of {carrier.name} belongs to another order.",
            code="tracking_number_taken",
        )
    booking = adapter_for(carrier).create_shipment(order=order, tracking_number=tracking_number)
    shipment = Shipment.objects.create(
        order=order,
        carrier=carrier,
        tracking_number=booking.tracking_number,
        tracking_url=booking.tracking_url,
        created_by=actor,
    )
    log.info(
        "shipment_created",
        order=str(order.pk),
        carrier=carrier.code,
        tracking_number=shipment.tracking_number,
    )
    return shipment


def shipment_find(*, carrier: Carrier, tracking_number: str) -> Shipment:
    shipment = (
        Shipment.objects.select_related("carrier")
        .filter(carrier=carrier, tracking_number=(tracking_number or "").strip())
        .first()
    )
    if shipment is None:
        raise NotFoundError(
            f"No shipment with {carrier.name} under tracking number {tracking_number!r}.",
            code=error_codes.SHIPMENT_NOT_FOUND,
        )
    return shipment


def _mark_delivered(*, shipment: Shipment, event: TrackingEvent, actor) -> None:
    if shipment.delivered_at is None:
        shipment.delivered_at = event.occurred_at
        shipment.save(update_fields=["delivered_at"])
    where = f" ({event.location})" if event.location else ""
    events.shipment_delivered(
        order_id=shipment.order_id,
        shipment_id=shipment.pk,
        actor=actor,
        note=f"Delivered{where}: {shipment.carrier.name} {shipment.tracking_number}.",
    )


@transaction.atomic
def tracking_event_record(
    *,
    shipment: Shipment,
    kind: str,
    occurred_at: datetime.datetime,
    source: str,
    location: str = "",
    description: str = "",
    external_id: str = "",
    raw_payload: dict | None = None,
    actor=None,
) -> tuple[TrackingEvent, bool]:
    """Record one tracking event; returns (event, created). A repeat returns the first one."""
    if kind not in TrackingEventKind.values:
        raise ValidationError(
            {"kind": f"One of {', '.join(TrackingEventKind.values)}."}, code="invalid_choice"
        )
    if source not in TrackingSource.values:
        raise ValidationError({"source": "Unknown source."}, code="invalid_choice")
    if occurred_at is None or timezone.is_naive(occurred_at):
        raise ValidationError({"occurred_at": "A date and time with a time zone."}, code="invalid")
    if occurred_at > timezone.now() + FUTURE_TOLERANCE:
        raise ValidationError({"occurred_at": "This is in the future."}, code="invalid")
    shipment = Shipment.objects.select_for_update().select_related("carrier").get(pk=shipment.pk)
    repeat = TrackingEvent.objects.filter(shipment=shipment)
    repeat = (
        repeat.filter(external_id=external_id)
        if external_id
        else repeat.filter(kind=kind, occurred_at=occurred_at)
    )
    first = repeat.first()
    if first is not None:
        return first, False
    try:
        with transaction.atomic():
            event = TrackingEvent.objects.create(
                shipment=shipment,
                kind=kind,
                occurred_at=occurred_at,
                location=location[:200],
                description=description[:300],
                source=source,
                external_id=external_id[:100],
                raw_payload=raw_payload or {},
                recorded_by=actor,
            )
    except IntegrityError:  # the same carrier event id, recorded in between
        return repeat.get(), False
    log.info("tracking_event_recorded", shipment=shipment.pk, kind=kind, source=source)
    if kind == TrackingEventKind.DELIVERED:
        _mark_delivered(shipment=shipment, event=event, actor=actor)
    return event, True

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
    DocumentKind,
    Order,
    Shipment,
    TrackingEvent,
    TrackingEventKind,
    TrackingSource,
)
from commerce.shipping import error_codes, selectors
from commerce.shipping.adapters import adapter_for
from commerce.shipping.documents.services import document_store
from vwb_site.exceptions import ApplicationError, ConflictError, NotFoundError
from vwb_site.logging_config import get_logger

log = get_logger("commerce.shipping.tracking")

_TRACKING_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,63}$")
FUTURE_TOLERANCE = datetime.timedelta(hours=24)


def carrier_get(*, code: str) -> Carrier:
    carrier = Carrier.objects.filter(code=code, active=True).first()
    if carrier is None:
        codes = selectors.active_carrier_codes()
        raise NotFoundError(
            f"No active carrier {code!r}. Active carriers: {', '.join(codes) or 'none'} "
            "(GET /v1/admin/carriers lists them).",
            code=error_codes.UNKNOWN_CARRIER,
            extra={"valid_codes": codes},
        )
    return carrier


def _check_tracking_number(tracking_number: str) -> str:
    tracking_number = (tracking_number or "").strip()
    if not _TRACKING_NUMBER.match(tracking_number):
        raise ValidationError(
            {"tracking_number": "Letters, digits, spaces and . _ / - (at most 64)."},
            code="invalid",
        )
    return tracking_number


@transaction.atomic
def shipment_create(*, order: Order, carrier_code: str, tracking_number: str, actor) -> Shipment:
    """Record that `order` left with `carrier_code` under `tracking_number`.

    A carrier whose adapter books labels (a carrier API) takes no tracking number: the shipment
    is bought there (the rate chosen at checkout, or the cheapest valid one), its label stored
    as the order's shipping-label document, and its tracking number and URL recorded. The
    caller holds the order's row lock, so one order is booked once; a booked order asked again
    returns its shipment.

    Does not change the order's status (`order_ship` does, around this call). Recording the
    same carrier and tracking number for the same order again returns the first shipment.
    """
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
            extra=exc.extra,
        ) from exc
    adapter = adapter_for(carrier)
    if adapter.books_labels:
        booked = Shipment.objects.filter(order=order, carrier=carrier).first()
        if booked is not None:
            return booked
    else:
        tracking_number = _check_tracking_number(tracking_number)
        existing = Shipment.objects.filter(carrier=carrier, tracking_number=tracking_number).first()
        if existing is not None:
            if existing.order_id == order.pk:
                return existing
            raise ConflictError(
                f"Tracking number {tracking_number} of {carrier.name} belongs to another order.",
                code="tracking_number_taken",
            )
    booking = adapter.create_shipment(order=order, tracking_number=tracking_number)
    shipment = Shipment.objects.create(
        order=order,
        carrier=carrier,
        tracking_number=booking.tracking_number,
        tracking_url=booking.tracking_url,
        provider_shipment_id=booking.provider_shipment_id,
        service=booking.service,
        label_cost=booking.cost,
        label_currency=booking.cost_currency,
        created_by=actor,
    )
    if booking.label_pdf:
        document_store(order=order, kind=DocumentKind.SHIPPING_LABEL, pdf=booking.label_pdf)
    log.info(
        "shipment_created",
        order=str(order.pk),
        carrier=carrier.code,
        tracking_number=shipment.tracking_number,
        booked=adapter.books_labels,
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


def carrier_webhook_receive(
    *, carriers: list[Carrier], update, raw_payload: dict
) -> tuple[str, str, TrackingEvent | None]:
    """A carrier API's tracking update (already authenticated) -> (outcome, reason, event).

    outcome "recorded" or "duplicate" (same event id: recorded once); "ignored" with a reason
    for a status we do not track or a tracking number that is none of our shipments (the API
    account may track parcels we did not book: answered 2xx so the provider does not retry,
    and logged)."""
    if not update.kind:
        log.info("carrier_webhook_ignored", reason="untracked_status", event_id=update.external_id)
        return "ignored", "untracked_status", None
    shipment = (
        Shipment.objects.select_related("carrier")
        .filter(carrier__in=carriers, tracking_number=(update.tracking_number or "").strip())
        .first()
    )
    if shipment is None:
        log.warning(
            "carrier_webhook_unknown_tracking_number",
            tracking_number=update.tracking_number,
            event_id=update.external_id,
        )
        return "ignored", "unknown_tracking_number", None
    event, created = tracking_event_record(
        shipment=shipment,
        kind=update.kind,
        occurred_at=update.occurred_at,
        location=update.location,
        description=update.description,
        external_id=update.external_id,
        source=TrackingSource.WEBHOOK,
        raw_payload=raw_payload,
        actor=None,
    )
    return ("recorded" if created else "duplicate"), "", event

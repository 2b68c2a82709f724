"""Shipments, tracking events from the webhook and the admin, delivered -> order delivered."""

import datetime

import pytest
from django.utils import timezone

from commerce.models import OrderStatus, Shipment, TrackingEvent
from commerce.shipping.tests.factories import make_order
from commerce.shipping.tracking import shipment_create
from vwb_site.exceptions import ApplicationError, ConflictError

pytestmark = pytest.mark.django_db
SECRET = "s3cret-for-dhl-freight-webhooks"


@pytest.fixture
def shipped(admin):
    order = make_order(status=OrderStatus.SHIPPED)
    shipment = shipment_create(
        order=order, carrier_code="dhl-freight", tracking_number="JD014600006281", actor=admin
    )
    return order, shipment


@pytest.fixture
def webhook(api_client, settings):
    settings.SHIPPING_CARRIER_WEBHOOK_SECRETS = {"dhl-freight": SECRET}

    def post(body, *, secret=SECRET, code="dhl-freight"):
        headers = {"HTTP_X_WEBHOOK_SECRET": secret} if secret is not None else {}
        return api_client.post(
            f"/v1/shipping/carriers/{code}/webhook", body, format="json", **headers
        )

    return post


def event_body(**overrides):
    body = {
        "tracking_number": "JD014600006281",
        "kind": "in_transit",
        "occurred_at": "2026-11-26T08:30:00Z",
        "location": "Lyon hub",
        "description": "Departed facility",
        "event_id": "evt-1",
    }
    body.update(overrides)
    return body


def test_shipment_records_tracking_url_from_the_carrier_template(shipped):
    order, shipment = shipped
    assert shipment.tracking_url == (
        "https://www.dhl.com/global-en/home/tracking.html?tracking-id=JD014600006281"
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED  # shipment_create does not change the status


def test_shipment_create_is_idempotent_for_the_same_order(shipped, admin):
    order, shipment = shipped
    again = shipment_create(
        order=order, carrier_code="dhl-freight", tracking_number="JD014600006281", actor=admin
    )
    assert again.pk == shipment.pk


def test_a_tracking_number_of_another_order_is_refused(shipped, admin):
    other = make_order(status=OrderStatus.PROCESSING)
    with pytest.raises(ConflictError):
        shipment_create(
            order=other, carrier_code="dhl-freight", tracking_number="JD014600006281", actor=admin
        )


def test_unknown_carrier_is_refused(admin):
    order = make_order()
    with pytest.raises(ApplicationError) as caught:
        shipment_create(order=order, carrier_code="pigeon", tracking_number="X1", actor=admin)
    assert caught.value.code == "unknown_carrier"
    assert not Shipment.objects.exists()


def test_webhook_records_an_event_once(shipped, webhook):
    first = webhook(event_body())
    assert first.status_code == 201, first.json()
    assert first.json()["created"] is True
    repeat = webhook(event_body())
    assert repeat.status_code == 200
    assert repeat.json()["created"] is False
    event = TrackingEvent.objects.get()
    assert event.source == "webhook"
    assert event.raw_payload["event_id"] == "evt-1"


def test_delivered_webhook_moves_the_order_to_delivered(
    shipped, webhook, django_capture_on_commit_callbacks
):
    order, _ = shipped
    webhook(event_body(kind="picked_up", event_id="e1", occurred_at="2026-11-25T08:00:00Z"))
    with django_capture_on_commit_callbacks(execute=True):
        response = webhook(
            event_body(
                kind="delivered",
                event_id="e2",
                occurred_at="2026-11-26T15:00:00Z",
                location="Mainz",
            )
        )
    assert response.status_code == 201
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    history = order.history.order_by("-created_at", "-id").first()
    assert history.to_status == "delivered"
    assert history.actor is None
    assert "Mainz" in history.note


@pytest.mark.parametrize(
    ("secret", "status", "code"),
    [
        (None, 401, "webhook_secret_missing"),
        ("wrong", 403, "webhook_secret_invalid"),
        ("", 401, "webhook_secret_missing"),
    ],
)
def test_webhook_with_a_bad_secret_changes_nothing(shipped, webhook, secret, status, code):
    response = webhook(event_body(kind="delivered"), secret=secret)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == code
    assert not TrackingEvent.objects.exists()
    shipped[0].refresh_from_db()
    assert shipped[0].status == OrderStatus.SHIPPED


def test_webhook_for_an_unknown_shipment_is_404(shipped, webhook):
    response = webhook(event_body(tracking_number="NOPE123"))
    assert response.status_code == 404
    assert response.json()["code"] == "shipment_not_found"
    assert not TrackingEvent.objects.exists()


def test_webhook_for_an_unknown_carrier_is_404(webhook):
    response = webhook(event_body(), code="pigeon-post")
    assert response.status_code == 404
    assert response.json()["code"] == "unknown_carrier"


def test_webhook_without_a_configured_secret_is_refused(shipped, webhook):
    response = webhook(event_body(), code="db-schenker")
    assert response.status_code == 403
    assert response.json()["code"] == "webhook_disabled"


@pytest.mark.parametrize(
    "override",
    [
        {"kind": "teleported"},
        {"occurred_at": "yesterday"},
        {"tracking_number": ""},
    ],
)
def test_webhook_with_a_malformed_body_is_400(shipped, webhook, override):
    response = webhook(event_body(**override))
    assert response.status_code == 400
    assert not TrackingEvent.objects.exists()


def test_webhook_event_in_the_future_is_refused(shipped, webhook):
    future = (timezone.now() + datetime.timedelta(days=3)).isoformat()
    response = webhook(event_body(occurred_at=future))
    assert response.status_code == 400
    assert not TrackingEvent.objects.exists()

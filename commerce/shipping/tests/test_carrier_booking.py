"""Shipping through the carrier API: the quoted rate bought (or the cheapest valid one when it
expired), the label stored as an order document, customs abroad; then the carrier's signed
tracking webhooks: in transit, out for delivery, delivered once; replays, bad signatures and
unknown tracking numbers handled cleanly."""

from decimal import Decimal

import pytest

from catalog.tests.factories import BarrelFactory
from commerce.models import (
    DocumentKind,
    Order,
    OrderStatus,
    OrderStatusHistory,
    Shipment,
    TrackingEvent,
)
from commerce.shipping.tests.factories import make_order
from commerce.tests.fakes.easypost_server import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def barrique():
    return BarrelFactory(
        volume_liters=225,
        empty_weight_kg=Decimal("45.00"),
        height_cm=Decimal("95.0"),
        diameter_cm=Decimal("72.0"),
        price=Decimal("290.00"),
        stock_quantity=10,
    )


def checkout(client, barrel, *, method="parcel-ups-express"):
    data = {
        "lines": [{"barrel": barrel.pk, "quantity": 1}],
        "shipping_address": {
            "recipient_name": "Anna Becker",
            "street": "Weinstrasse 1",
            "city": "Mainz",
            "zip_code": "55116",
            "country": "DE",
            "phone": "+49 6131 000000",
        },
        "shipping_method_code": method,
        "payment_method": "bank_transfer",
    }
    options = client.post("/v1/orders/preview", data, format="json").json()["shipping_options"]
    data["shipping_quote_id"] = next(o for o in options if o["method_code"] == method)["quote_id"]
    response = client.post("/v1/orders", data, format="json")
    assert response.status_code == 201, response.json()
    return Order.objects.get(pk=response.json()["order"]["id"])


@pytest.fixture
def paid_parcel_order(client_for, b2b_user, admin, easypost, barrique):
    order = checkout(client_for(b2b_user), barrique)
    paid = client_for(admin).post(
        f"/v1/admin/orders/{order.pk}/bank-transfers",
        {"amount": str(order.total_amount), "reference": order.number},
        format="json",
    )
    assert paid.status_code in (200, 201), paid.json()
    order.refresh_from_db()
    assert order.status == OrderStatus.PROCESSING
    return order


def ship(client_for, admin, order, **extra):
    return client_for(admin).post(
        f"/v1/admin/orders/{order.pk}/ship", {"carrier_code": "easypost", **extra}, format="json"
    )


def buys(fake):
    return [(path, body) for method, path, body in fake.requests if path.endswith("/buy")]


def test_staff_ship_through_the_carrier_and_a_label_document_appears(
    client_for, admin, b2b_user, easypost, paid_parcel_order
):
    order = paid_parcel_order
    response = ship(client_for, admin, order)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "shipped"
    shipment = Shipment.objects.get(order=order)
    assert shipment.tracking_number.startswith("1Z")
    assert shipment.tracking_url == f"https://track.easypost.com/{shipment.tracking_number}"
    assert shipment.provider_shipment_id == order.shipping_quote["shipment_id"]
    assert shipment.service == "UPS Express"
    assert shipment.label_cost == Decimal(order.shipping_quote["original_price"])
    # The rate chosen at checkout is the one bought.
    assert buys(easypost) == [
        (
            f"/v2/shipments/{order.shipping_quote['shipment_id']}/buy",
            {"rate": {"id": order.shipping_quote["rate_id"]}},
        )
    ]
    documents = client_for(b2b_user).get(f"/v1/orders/{order.pk}/documents").json()
    label = next(d for d in documents if d["kind"] == DocumentKind.SHIPPING_LABEL)
    assert label["number"].startswith("LBL-")
    download = client_for(b2b_user).get(label["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    detail = client_for(admin).get(f"/v1/admin/orders/{order.pk}").json()
    assert shipment.tracking_number in str(detail)
    # Asked again, the order is not booked twice.
    again = ship(client_for, admin, order)
    assert again.status_code == 409
    assert len(buys(easypost)) == 1


def test_an_expired_rate_is_replaced_by_the_cheapest_valid_one(
    client_for, admin, easypost, paid_parcel_order
):
    easypost.expire_rates()
    response = ship(client_for, admin, paid_parcel_order)
    assert response.status_code == 200, response.json()
    refused, bought = buys(easypost)
    assert refused[1]["rate"]["id"] == paid_parcel_order.shipping_quote["rate_id"]
    new_shipment = easypost.shipments[bought[0].split("/")[3]]
    cheapest = new_shipment["selected_rate"]
    assert cheapest["carrier"] == "FedEx"  # 200.79 USD = 184.73 EUR, below UPS and DHL
    shipment = Shipment.objects.get(order=paid_parcel_order)
    assert shipment.service == "FedEx InternationalEconomy"
    assert shipment.label_currency == "USD"


def test_an_international_parcel_carries_its_customs_declaration(client_for, admin, easypost):
    barrel = BarrelFactory(
        empty_weight_kg=Decimal("45.00"), origin_country="FR", price=Decimal("290.00")
    )
    order = make_order(country="US", quantity=1, barrel=barrel)
    response = ship(client_for, admin, order)
    assert response.status_code == 200, response.json()
    created = [b for m, p, b in easypost.requests if p == "/v2/shipments"]
    customs = created[-1]["shipment"]["customs_info"]
    (item,) = customs["customs_items"]
    assert (item["hs_tariff_number"], item["origin_country"], item["value"]) == (
        "4416",
        "FR",
        290.0,
    )
    assert created[-1]["shipment"]["to_address"]["street1"] == "1 Bourbon Way"
    assert created[-1]["shipment"]["options"]["label_format"] == "PDF"


def test_an_order_too_heavy_for_a_parcel_is_refused_by_the_carrier_api(client_for, admin, easypost):
    order = make_order(quantity=6)
    response = ship(client_for, admin, order)
    assert response.status_code == 422, response.json()
    assert response.json()["code"] == "parcel_does_not_fit"
    order.refresh_from_db()
    assert order.status == OrderStatus.PROCESSING and not Shipment.objects.filter(order=order)


def test_shipping_through_an_unconfigured_carrier_api_is_a_clear_problem(
    client_for, admin, easypost, settings
):
    settings.EASYPOST_API_KEY = ""
    response = ship(client_for, admin, make_order(quantity=1))
    assert response.status_code == 422
    assert response.json()["code"] == "carrier_not_configured"


def test_the_carrier_api_down_at_booking_is_a_502_problem_and_nothing_changes(
    client_for, admin, easypost, paid_parcel_order
):
    easypost.mode = "unavailable"
    response = ship(client_for, admin, paid_parcel_order)
    assert response.status_code == 502, response.json()
    assert response.json()["code"] == "carrier_unavailable"
    paid_parcel_order.refresh_from_db()
    assert paid_parcel_order.status == OrderStatus.PROCESSING


# --- tracking webhooks ------------------------------------------------------------------------


@pytest.fixture
def shipped(client_for, admin, easypost, paid_parcel_order):
    assert ship(client_for, admin, paid_parcel_order).status_code == 200
    return paid_parcel_order, Shipment.objects.get(order=paid_parcel_order)


def post_event(api_client, body: bytes, signature: str | None):
    headers = {"HTTP_X_HMAC_SIGNATURE": signature} if signature is not None else {}
    return api_client.post(
        "/v1/shipping/webhooks/easypost", body, content_type="application/json", **headers
    )


def test_webhooks_in_transit_out_for_delivery_then_delivered_deliver_the_order_once(
    api_client, easypost, shipped
):
    order, shipment = shipped
    for status in ("in_transit", "out_for_delivery", "delivered"):
        body, signature = easypost.tracker_event(shipment.tracking_number, status)
        response = post_event(api_client, body, signature)
        assert response.status_code == 201, response.json()
        assert response.json()["outcome"] == "recorded"
        assert response.json()["event"]["kind"] == status
    # A second "delivered" (a new event id) is recorded, the order is delivered once.
    body, signature = easypost.tracker_event(shipment.tracking_number, "delivered")
    assert post_event(api_client, body, signature).status_code == 201
    kinds = list(TrackingEvent.objects.filter(shipment=shipment).values_list("kind", flat=True))
    assert kinds == ["in_transit", "out_for_delivery", "delivered", "delivered"]
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    delivered = OrderStatusHistory.objects.filter(order=order, to_status=OrderStatus.DELIVERED)
    assert delivered.count() == 1
    event = TrackingEvent.objects.filter(shipment=shipment).first()
    assert event.location == "Mainz, DE" and event.source == "webhook"
    assert event.external_id.startswith("evt_")


def test_a_replayed_webhook_is_recorded_once(api_client, easypost, shipped):
    _, shipment = shipped
    body, signature = easypost.tracker_event(shipment.tracking_number, "in_transit")
    assert post_event(api_client, body, signature).status_code == 201
    replay = post_event(api_client, body, signature)
    assert replay.status_code == 200
    assert replay.json()["outcome"] == "duplicate"
    assert TrackingEvent.objects.filter(shipment=shipment).count() == 1


def test_a_webhook_with_a_bad_or_missing_signature_is_refused(api_client, easypost, shipped):
    _, shipment = shipped
    body, _ = easypost.tracker_event(shipment.tracking_number, "delivered")
    forged = post_event(api_client, body, easypost.sign(body, secret="not-the-secret"))
    assert forged.status_code == 403
    assert forged.json()["code"] == "webhook_signature_invalid"
    tampered = post_event(
        api_client, body.replace(b"delivered", b"in_transit"), easypost.sign(body)
    )
    assert tampered.status_code == 403
    missing = post_event(api_client, body, None)
    assert missing.status_code == 401
    assert missing.json()["code"] == "webhook_signature_missing"
    assert not TrackingEvent.objects.filter(shipment=shipment).exists()


def test_an_event_for_an_unknown_tracking_number_is_acknowledged_and_ignored(
    api_client, easypost, shipped
):
    body, signature = easypost.tracker_event("1ZNOTOURS0000001", "delivered")
    response = post_event(api_client, body, signature)
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "outcome": "ignored",
        "reason": "unknown_tracking_number",
        "event": None,
    }
    assert not TrackingEvent.objects.exists()


def test_a_status_we_do_not_track_is_ignored(api_client, easypost, shipped):
    _, shipment = shipped
    body, signature = easypost.tracker_event(shipment.tracking_number, "pre_transit")
    response = post_event(api_client, body, signature)
    assert response.status_code == 200
    assert response.json()["reason"] == "untracked_status"


def test_the_webhook_is_off_without_its_secret(api_client, easypost, shipped, settings):
    _, shipment = shipped
    body, signature = easypost.tracker_event(shipment.tracking_number, "delivered")
    settings.EASYPOST_WEBHOOK_SECRET = ""
    response = post_event(api_client, body, signature)
    assert response.status_code == 403
    assert response.json()["code"] == "webhook_disabled"


def test_the_generic_webhook_refuses_a_carrier_that_signs_its_own(
    api_client, easypost, shipped, settings
):
    _, shipment = shipped
    settings.SHIPPING_CARRIER_WEBHOOK_SECRETS = {"easypost": "shared"}
    response = api_client.post(
        "/v1/shipping/carriers/easypost/webhook",
        {
            "tracking_number": shipment.tracking_number,
            "kind": "delivered",
            "occurred_at": "2026-11-26T08:30:00Z",
        },
        format="json",
        HTTP_X_WEBHOOK_SECRET="shared",
    )
    assert response.status_code == 403
    assert "/v1/shipping/webhooks/easypost" in response.json()["detail"]
    assert not TrackingEvent.objects.filter(shipment=shipment).exists()

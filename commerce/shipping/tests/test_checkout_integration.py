"""Shipping as the orders area uses it: country rules at checkout, shipping an order."""

from decimal import Decimal

import pytest

from catalog.tests.factories import BarrelFactory
from commerce.models import Order, OrderDocument, OrderStatus, Shipment
from commerce.orders.services import order_ship
from commerce.shipping.tests.factories import make_order

pytestmark = pytest.mark.django_db


def checkout_body(barrel, *, country="DE", zip_code="55116", method="road-pallet"):
    return {
        "lines": [{"barrel": barrel.pk, "quantity": 6}],
        "shipping_address": {
            "recipient_name": "Anna Becker",
            "street": "Weinstrasse 1",
            "city": "Mainz",
            "zip_code": zip_code,
            "country": country,
        },
        "shipping_method_code": method,
        "payment_method": "card",
    }


@pytest.fixture
def barrique():
    return BarrelFactory(volume_liters=225, empty_weight_kg=Decimal("45.00"), stock_quantity=10)


def test_checkout_preview_prices_shipping_with_the_rate_tables(client_for, b2c_user, barrique):
    response = client_for(b2c_user).post(
        "/v1/orders/preview", checkout_body(barrique), format="json"
    )
    assert response.status_code == 200, response.json()
    assert "241.88" in str(response.json())


@pytest.mark.parametrize(
    ("country", "zip_code", "status", "code"),
    [
        ("RU", "101000", 422, "destination_blocked"),
        ("DE", "ABC", 400, "invalid_postcode"),
    ],
)
def test_checkout_refuses_blocked_destinations_and_bad_postcodes(
    client_for,
    b2b_user,
    barrique,
    country,
    zip_code,
    status,
    code,
):
    client = client_for(b2b_user)
    body = checkout_body(barrique, country=country, zip_code=zip_code)
    body["payment_method"] = "bank_transfer"
    for url in ("/v1/orders/preview", "/v1/orders"):
        response = client.post(url, body, format="json")
        assert response.status_code == status, (url, response.json())
        assert response.json()["code"] == code
    assert not Order.objects.exists()
    barrique.refresh_from_db()
    assert barrique.reserved_quantity == 0


def test_shipping_an_order_records_the_shipment_and_its_documents(
    admin,
    django_capture_on_commit_callbacks,
):
    order = make_order(country="US", status=OrderStatus.PROCESSING, method_code="sea-freight")
    with django_capture_on_commit_callbacks(execute=True):
        order_ship(
            order=order, actor=admin, carrier_code="db-schenker", tracking_number="SCH-778899"
        )
    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED
    shipment = Shipment.objects.get(order=order)
    assert shipment.tracking_url.endswith("refNumber=SCH-778899")
    assert sorted(OrderDocument.objects.filter(order=order).values_list("kind", flat=True)) == [
        "commercial_invoice",
        "packing_list",
    ]


def test_order_detail_shows_the_latest_tracking(client_for, admin):
    order = make_order(status=OrderStatus.PROCESSING)
    order_ship(order=order, actor=admin, carrier_code="dhl-freight", tracking_number="JD77")
    body = client_for(order.user).get(f"/v1/orders/{order.pk}").json()
    assert body["tracking"]["tracking_number"] == "JD77"
    assert body["tracking"]["carrier"] == "DHL Freight"

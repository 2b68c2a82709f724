"""Shipping an order: stock leaves the warehouse, the shipment (commerce.shipping) is recorded,
the buyer gets the tracking link; a delivered tracking event's transition works too."""

import pytest
from django.test import Client

from catalog.tests.factories import BarrelFactory
from commerce.models import OrderStatus
from commerce.orders.services import order_ship, order_transition
from commerce.tests.factories import order_create, paid_order_create
from vwb_site.exceptions import ConflictError

pytestmark = pytest.mark.django_db


def test_shipping_sells_the_reserved_stock_and_records_the_tracking(admin, client_for):
    barrel = BarrelFactory(stock_quantity=5)
    order = paid_order_create(barrel=barrel, quantity=2)
    response = client_for(admin).post(
        f"/v1/admin/orders/{order.pk}/ship",
        {"carrier_code": "dhl-freight", "tracking_number": "JD014600003"},
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "shipped"
    assert data["allowed_transitions"] == ["delivered"]
    assert data["tracking"]["tracking_number"] == "JD014600003"
    assert data["tracking"]["tracking_url"].endswith("JD014600003")
    barrel.refresh_from_db()
    assert (barrel.stock_quantity, barrel.reserved_quantity) == (3, 0)
    buyer_view = client_for(order.user).get(f"/v1/orders/{order.pk}").json()
    assert buyer_view["tracking"]["carrier"] == "DHL Freight"
    assert buyer_view["allowed_transitions"] == []


def test_an_unpaid_order_cannot_ship_and_nothing_changes(admin):
    barrel = BarrelFactory(stock_quantity=5)
    order = order_create(barrel=barrel, quantity=1)
    with pytest.raises(ConflictError):
        order_ship(order=order, actor=admin, carrier_code="dhl-freight", tracking_number="X1")
    barrel.refresh_from_db()
    order.refresh_from_db()
    assert order.status == "pending" and not order.shipments.exists()
    assert (barrel.stock_quantity, barrel.reserved_quantity) == (5, 1)


def test_shipping_with_an_unknown_carrier_changes_nothing(admin, client_for):
    barrel = BarrelFactory(stock_quantity=5)
    order = paid_order_create(barrel=barrel)
    response = client_for(admin).post(
        f"/v1/admin/orders/{order.pk}/ship", {"carrier_code": "pigeon", "tracking_number": "X1"}
    )
    assert response.status_code == 400
    order.refresh_from_db()
    barrel.refresh_from_db()
    assert order.status == "processing"
    assert (barrel.stock_quantity, barrel.reserved_quantity) == (5, 1)


def test_the_shipped_email_carries_the_tracking_link(
    admin, mailbox, django_capture_on_commit_callbacks
):
    order = paid_order_create()
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order_ship(order=order, actor=admin, carrier_code="dhl-freight", tracking_number="JD77")
    (message,) = [m for m in mailbox.wait_for(1) if "shipped" in m["Subject"]]
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "JD77" in text and "tracking-id=JD77" in text
    assert 'href="https://www.dhl.com' in html


def test_staff_ship_from_the_wagtail_admin(admin):
    client = Client()
    client.force_login(admin)
    order = paid_order_create()
    page = client.get(f"/admin/commerce/orders/{order.pk}/").content.decode()
    assert "dhl-freight" in page
    client.post(
        f"/admin/commerce/orders/{order.pk}/ship/",
        {"ship-carrier_code": "dhl-freight", "ship-tracking_number": "ADM1"},
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED
    client.post(f"/admin/commerce/orders/{order.pk}/deliver/", {"deliver-note": "Signed by J."})
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED


def test_delivery_by_the_carrier_uses_the_same_transition(admin):
    order = paid_order_create()
    order_ship(order=order, actor=admin, carrier_code="dhl-freight", tracking_number="C1")
    order_transition(order=order, to=OrderStatus.DELIVERED, actor=None, note="Carrier: delivered")
    order.refresh_from_db()
    assert order.status == "delivered" and order.delivered_at is not None
    assert order.history.last().actor is None

"""Carriers visible to those who ship: GET /v1/admin/carriers, the unknown-carrier problem that
lists the valid codes, the Wagtail admin's carrier list and its ship form through the API."""

from decimal import Decimal

import pytest
from django.urls import reverse

from catalog.tests.factories import BarrelFactory
from commerce.models import DocumentKind, OrderDocument, OrderStatus, Shipment
from commerce.shipping.tests.factories import make_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, admin):
    client.force_login(admin)
    return client


def test_admin_carriers_lists_codes_adapters_and_whether_active(client_for, admin, easypost):
    response = client_for(admin).get("/v1/admin/carriers")
    assert response.status_code == 200, response.json()
    rows = {row["code"]: row for row in response.json()}
    assert rows["easypost"] == {
        "code": "easypost",
        "name": "Express parcel (UPS, DHL Express, FedEx via EasyPost)",
        "adapter": "easypost",
        "adapter_label": "EasyPost API (live parcel rates, labels, signed tracking webhooks)",
        "active": True,
        "configured": True,
        "live_rates": True,
        "books_labels": True,
        "tracking_url_template": "",
    }
    assert rows["dhl-freight"]["adapter"] == "manual"
    assert rows["dhl-freight"]["books_labels"] is False


def test_admin_carriers_says_when_the_api_is_not_configured(client_for, admin, easypost, settings):
    settings.EASYPOST_API_KEY = ""
    rows = {r["code"]: r for r in client_for(admin).get("/v1/admin/carriers").json()}
    assert rows["easypost"]["configured"] is False


def test_buyers_cannot_list_carriers(client_for, b2c_user):
    assert client_for(b2c_user).get("/v1/admin/carriers").status_code == 403


def test_an_unknown_carrier_code_answers_with_the_valid_codes(client_for, admin, easypost):
    order = make_order()
    response = client_for(admin).post(
        f"/v1/admin/orders/{order.pk}/ship",
        {"carrier_code": "ups", "tracking_number": "1Z999"},
        format="json",
    )
    assert response.status_code == 400
    problem = response.json()
    assert problem["code"] == "unknown_carrier"
    assert "easypost" in problem["valid_codes"] and "dhl-freight" in problem["valid_codes"]
    assert "dhl-freight" in problem["detail"] and "/v1/admin/carriers" in problem["detail"]


def test_a_manual_carrier_still_needs_its_tracking_number(client_for, admin, easypost):
    order = make_order()
    response = client_for(admin).post(
        f"/v1/admin/orders/{order.pk}/ship", {"carrier_code": "dhl-freight"}, format="json"
    )
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["tracking_number"]


def test_the_wagtail_carrier_list_shows_each_adapter(staff_client, easypost):
    response = staff_client.get(reverse("wagtailsnippets_commerce_carrier:list"))
    assert response.status_code == 200
    assert b"EasyPost API (live parcel rates, labels, tracking webhooks)" in response.content
    assert b"Manual (staff type tracking numbers; our rate tables)" in response.content


def test_staff_ship_through_the_carrier_from_the_wagtail_admin(staff_client, easypost):
    barrel = BarrelFactory(empty_weight_kg=Decimal("45.00"), price=Decimal("290.00"))
    order = make_order(quantity=1, barrel=barrel)
    detail = staff_client.get(f"/admin/commerce/orders/{order.pk}/")
    assert b"Express parcel (UPS, DHL Express, FedEx via EasyPost) (EasyPost API" in (
        detail.content
    )
    response = staff_client.post(
        f"/admin/commerce/orders/{order.pk}/ship/",
        {"ship-carrier_code": "easypost", "ship-tracking_number": ""},
        follow=True,
    )
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED
    shipment = Shipment.objects.get(order=order)
    label = OrderDocument.objects.get(order=order, kind=DocumentKind.SHIPPING_LABEL)
    assert label.is_ready
    page = staff_client.get(f"/admin/commerce/orders/{order.pk}/").content.decode()
    assert shipment.tracking_number in page and "EasyPost API" in page


def test_the_demo_ships_one_order_through_the_carrier_api_when_configured(easypost):
    import io

    from accounts import demo as accounts_demo
    from catalog import demo as catalog_demo
    from commerce import demo
    from commerce.models import Order

    accounts_demo.load(stdout=io.StringIO())
    catalog_demo.load(stdout=io.StringIO())
    lines = demo.load(stdout=io.StringIO())
    booked = Order.objects.filter(shipments__carrier__adapter="easypost").distinct()
    assert booked.count() == 1, lines
    order = booked.get()
    assert order.status == OrderStatus.SHIPPED
    assert order.shipping_method_code.startswith("parcel-") and order.shipping_quote["rate_id"]
    assert OrderDocument.objects.filter(order=order, kind=DocumentKind.SHIPPING_LABEL).exists()
    assert f"{order.number} shipped through the carrier API" in " ".join(lines)
    others = Order.objects.exclude(pk=order.pk).filter(shipments__isnull=False)
    assert others.exists() and not others.filter(shipments__carrier__adapter="easypost")

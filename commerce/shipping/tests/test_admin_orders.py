"""Staff regenerate and download documents and record tracking from the order's admin page."""

import pytest
from django.urls import reverse

from commerce.models import OrderDocument, OrderStatus, TrackingEvent
from commerce.shipping.tests.factories import make_order
from commerce.shipping.tracking import shipment_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, admin):
    client.force_login(admin)
    return client


def test_order_shipping_pages_render(staff_client):
    order = make_order()
    assert staff_client.get(reverse("commerce_shipping_orders")).status_code == 200
    response = staff_client.get(reverse("commerce_shipping_order", args=[order.pk]))
    assert response.status_code == 200
    assert order.number.encode() in response.content


def test_staff_generate_regenerate_and_download_the_invoice(staff_client):
    order = make_order()
    url = reverse("commerce_shipping_document_generate", args=[order.pk, "invoice"])
    assert staff_client.post(url).status_code == 302
    assert staff_client.post(url).status_code == 302
    doc = OrderDocument.objects.get(order=order)
    assert (doc.number, doc.generation_count) == ("INV-2026-000001", 2)
    download = staff_client.get(
        reverse("commerce_shipping_document_download", args=[order.pk, "invoice"])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_staff_cannot_generate_an_inapplicable_document(staff_client):
    order = make_order(country="DE")
    response = staff_client.post(
        reverse("commerce_shipping_document_generate", args=[order.pk, "commercial_invoice"]),
        follow=True,
    )
    assert response.status_code == 200
    assert not OrderDocument.objects.exists()


def test_staff_record_a_delivered_event_and_the_order_is_delivered(
    staff_client,
    admin,
    django_capture_on_commit_callbacks,
):
    order = make_order(status=OrderStatus.SHIPPED)
    shipment = shipment_create(
        order=order, carrier_code="own-fleet", tracking_number="VAN-7", actor=admin
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("commerce_shipping_tracking_event_add", args=[shipment.pk]),
            {
                "kind": "delivered",
                "occurred_at": "2026-11-26T10:00",
                "location": "Mainz",
                "description": "Signed by A. Becker",
            },
        )
    assert response.status_code == 302
    event = TrackingEvent.objects.get()
    assert (event.source, event.recorded_by) == ("admin", admin)
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED


def test_non_staff_cannot_open_the_order_shipping_admin(client, b2c_user):
    order = make_order()
    client.force_login(b2c_user)
    response = client.get(reverse("commerce_shipping_order", args=[order.pk]))
    assert response.status_code in (302, 403)

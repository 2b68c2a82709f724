"""Staff see an order's documents and tracking on the order's admin page (the one admin screen
of Order), and regenerate and download documents and record tracking from it."""

import pytest
from django.urls import NoReverseMatch, reverse

from commerce.models import OrderDocument, OrderStatus, TrackingEvent
from commerce.shipping.documents.services import document_generate
from commerce.shipping.tests.factories import make_order
from commerce.shipping.tracking import shipment_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, admin):
    client.force_login(admin)
    return client


def order_page(order) -> str:
    return reverse("commerce_admin_order_detail", args=[order.pk])


def test_the_order_page_lists_the_orders_documents_and_shipments(staff_client, admin):
    order = make_order(status=OrderStatus.SHIPPED)
    document_generate(order=order, kind="invoice")
    shipment_create(order=order, carrier_code="own-fleet", tracking_number="VAN-9", actor=admin)
    response = staff_client.get(order_page(order))
    assert response.status_code == 200
    html = response.content.decode()
    assert order.number in html
    assert "INV-2026-000001" in html
    assert reverse("commerce_admin_order_document_download", args=[order.pk, "invoice"]) in html
    assert "VAN-9" in html and "Add tracking event" in html


def test_order_has_one_admin_screen_and_no_separate_order_documents_menu(staff_client):
    with pytest.raises(NoReverseMatch):
        reverse("commerce_shipping_orders")
    home = staff_client.get("/admin/").content.decode()
    assert reverse("commerce_admin_orders") in home
    assert "Order documents" not in home


def test_staff_generate_regenerate_and_download_the_invoice(staff_client):
    order = make_order()
    url = reverse("commerce_admin_order_document_generate", args=[order.pk, "invoice"])
    response = staff_client.post(url)
    assert (response.status_code, response.url) == (302, order_page(order))
    assert staff_client.post(url).status_code == 302
    doc = OrderDocument.objects.get(order=order)
    assert (doc.number, doc.generation_count) == ("INV-2026-000001", 2)
    download = staff_client.get(
        reverse("commerce_admin_order_document_download", args=[order.pk, "invoice"])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_downloading_a_document_not_generated_yet_is_a_404(staff_client):
    order = make_order()
    url = reverse("commerce_admin_order_document_download", args=[order.pk, "invoice"])
    assert staff_client.get(url).status_code == 404


def test_staff_cannot_generate_an_inapplicable_document(staff_client):
    order = make_order(country="DE")
    response = staff_client.post(
        reverse("commerce_admin_order_document_generate", args=[order.pk, "commercial_invoice"]),
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
            reverse("commerce_admin_shipment_event_add", args=[shipment.pk]),
            {
                "kind": "delivered",
                "occurred_at": "2026-11-26T10:00",
                "location": "Mainz",
                "description": "Signed by A. Becker",
            },
        )
    assert (response.status_code, response.url) == (302, order_page(order))
    event = TrackingEvent.objects.get()
    assert (event.source, event.recorded_by) == ("admin", admin)
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED


def test_non_staff_cannot_open_the_order_page_or_its_documents(client, b2c_user):
    order = make_order()
    client.force_login(b2c_user)
    assert client.get(order_page(order)).status_code in (302, 403)
    download = reverse("commerce_admin_order_document_download", args=[order.pk, "invoice"])
    assert client.get(download).status_code in (302, 403)

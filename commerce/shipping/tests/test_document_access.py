"""Documents follow the order's status (Celery reactions) and only its owner and staff see them."""

import pytest

from commerce.models import OrderDocument, OrderStatus
from commerce.orders.services import order_transition
from commerce.shipping.documents.services import document_generate
from commerce.shipping.tests.factories import make_order

pytestmark = pytest.mark.django_db


def test_paid_order_gets_its_invoice(django_capture_on_commit_callbacks):
    order = make_order(status=OrderStatus.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        order_transition(order=order, to=OrderStatus.PROCESSING, note="paid")
    doc = OrderDocument.objects.get(order=order)
    assert doc.kind == "invoice"
    assert doc.is_ready


def test_shipped_export_gets_packing_list_and_commercial_invoice(
    django_capture_on_commit_callbacks,
):
    order = make_order(country="US", status=OrderStatus.PROCESSING)
    with django_capture_on_commit_callbacks(execute=True):
        order_transition(order=order, to=OrderStatus.SHIPPED)
    assert sorted(OrderDocument.objects.filter(order=order).values_list("kind", flat=True)) == [
        "commercial_invoice",
        "packing_list",
    ]


def test_shipped_eu_order_gets_only_a_packing_list(django_capture_on_commit_callbacks):
    order = make_order(country="DE", status=OrderStatus.PROCESSING)
    with django_capture_on_commit_callbacks(execute=True):
        order_transition(order=order, to=OrderStatus.SHIPPED)
    assert list(OrderDocument.objects.filter(order=order).values_list("kind", flat=True)) == [
        "packing_list"
    ]


def test_owner_lists_and_downloads_documents(client_for, django_assert_max_num_queries):
    order = make_order()
    document_generate(order=order, kind="invoice")
    client = client_for(order.user)
    with django_assert_max_num_queries(4):
        listing = client.get(f"/v1/orders/{order.pk}/documents")
    assert listing.status_code == 200
    assert listing.json() == [
        {
            "kind": "invoice",
            "number": "INV-2026-000001",
            "issued_at": listing.json()[0]["issued_at"],
            "generated_at": listing.json()[0]["generated_at"],
            "download_url": f"/v1/orders/{order.pk}/documents/invoice",
        }
    ]
    pdf = client.get(f"/v1/orders/{order.pk}/documents/invoice", HTTP_ACCEPT="application/pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert "INV-2026-000001.pdf" in pdf["Content-Disposition"]
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_admin_downloads_any_order_document(client_for, admin):
    order = make_order()
    document_generate(order=order, kind="invoice")
    response = client_for(admin).get(f"/v1/orders/{order.pk}/documents/invoice")
    assert response.status_code == 200


def test_someone_elses_order_documents_are_404(client_for, b2c_user):
    order = make_order()
    document_generate(order=order, kind="invoice")
    client = client_for(b2c_user)
    for url in (f"/v1/orders/{order.pk}/documents", f"/v1/orders/{order.pk}/documents/invoice"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/problem+json"


def test_missing_unknown_or_anonymous_document_requests(client_for, api_client):
    order = make_order()
    client = client_for(order.user)
    assert client.get(f"/v1/orders/{order.pk}/documents/invoice").json()["code"] == (
        "document_not_found"
    )
    assert client.get(f"/v1/orders/{order.pk}/documents/passport").status_code == 404
    assert client.get("/v1/orders/not-a-uuid/documents").status_code == 404
    assert api_client.get(f"/v1/orders/{order.pk}/documents").status_code == 401


def test_admin_api_regenerates_with_the_same_number(client_for, admin, b2c_user):
    order = make_order()
    url = f"/v1/admin/orders/{order.pk}/documents/invoice/regenerate"
    refused = client_for(b2c_user).post(url)
    assert refused.status_code == 403 and refused.json()["code"] == "admin_required"
    first = client_for(admin).post(url)
    again = client_for(admin).post(url)
    assert first.status_code == again.status_code == 200
    assert first.json()["number"] == again.json()["number"] == "INV-2026-000001"
    inapplicable = client_for(admin).post(
        f"/v1/admin/orders/{order.pk}/documents/commercial_invoice/regenerate"
    )
    assert inapplicable.status_code == 409
    assert inapplicable.json()["code"] == "document_not_applicable"

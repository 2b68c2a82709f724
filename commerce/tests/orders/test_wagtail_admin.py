"""Orders in the Wagtail admin: list, detail, lifecycle actions through the same services."""

from decimal import Decimal

import pytest
from django.test import Client

from commerce.tests.factories import order_create, paid_order_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(admin):
    client = Client()
    client.force_login(admin)
    return client


def test_the_order_list_and_detail_render_for_staff(staff_client):
    order = paid_order_create()
    listing = staff_client.get("/admin/commerce/orders/")
    assert listing.status_code == 200
    assert order.number in listing.content.decode()
    detail = staff_client.get(f"/admin/commerce/orders/{order.pk}/")
    assert detail.status_code == 200
    html = detail.content.decode()
    assert order.number in html and "Ship" in html and "Refund" in html
    assert staff_client.get("/admin/commerce/orders/?status=processing").status_code == 200


def test_buyers_cannot_open_the_order_admin(client_for, b2c_user):
    client = Client()
    client.force_login(b2c_user)
    assert client.get("/admin/commerce/orders/").status_code in (302, 403)


def test_staff_record_a_bank_transfer_refund_and_cancel_from_the_admin(staff_client):
    order = order_create(payment_method="bank_transfer")
    url = f"/admin/commerce/orders/{order.pk}/"
    staff_client.post(
        url + "bank-transfer/", {"bank-amount": str(order.total_amount), "bank-note": "SEPA 42"}
    )
    order.refresh_from_db()
    assert order.status == "processing"
    staff_client.post(url + "refund/", {"refund-amount": "10.00", "refund-note": "Goodwill"})
    order.refresh_from_db()
    assert order.amount_refunded == Decimal("10.00")
    response = staff_client.post(url + "refund/", {"refund-amount": "999999.00"}, follow=True)
    assert "can still be refunded" in response.content.decode()
    staff_client.post(url + "cancel/", {"cancel-note": "Customer request"})
    order.refresh_from_db()
    assert order.status == "cancelled" and order.amount_refunded == order.amount_captured


def test_delivering_an_unshipped_order_from_the_admin_shows_the_error(staff_client):
    order = paid_order_create()
    response = staff_client.post(f"/admin/commerce/orders/{order.pk}/deliver/", follow=True)
    assert "cannot become delivered" in response.content.decode()
    order.refresh_from_db()
    assert order.status == "processing"


def test_vat_rates_are_editable_in_the_admin(staff_client):
    assert staff_client.get("/admin/snippets/commerce/vatrate/").status_code == 200

"""GET /v1/orders, GET /v1/orders/{id}, POST /v1/orders/{id}/cancel, and the admin API."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from catalog.tests.factories import BarrelFactory
from commerce.models import Order, OrderStatus
from commerce.orders.services import order_transition
from commerce.tests.factories import order_create, paid_order_create

pytestmark = pytest.mark.django_db


def test_my_orders_are_listed_newest_first_and_only_mine(client_for, b2c_user):
    older = order_create(user=b2c_user)
    Order.objects.filter(pk=older.pk).update(order_date=timezone.now() - timedelta(days=3))
    newer = order_create(user=b2c_user)
    order_create()  # someone else's
    response = client_for(b2c_user).get("/v1/orders")
    assert response.status_code == 200
    assert [o["id"] for o in response.json()["results"]] == [str(newer.pk), str(older.pk)]
    assert response.json()["results"][0]["line_count"] == 1


def test_orders_filter_by_status_and_date(client_for, b2c_user):
    old = order_create(user=b2c_user)
    Order.objects.filter(pk=old.pk).update(order_date=timezone.now() - timedelta(days=10))
    paid = paid_order_create(user=b2c_user)
    api = client_for(b2c_user)
    by_status = api.get("/v1/orders", {"status": "processing"}).json()["results"]
    assert [o["id"] for o in by_status] == [str(paid.pk)]
    since = (timezone.now() - timedelta(days=2)).date().isoformat()
    by_date = api.get("/v1/orders", {"date_from": since}).json()["results"]
    assert [o["id"] for o in by_date] == [str(paid.pk)]
    until = (timezone.now() - timedelta(days=5)).date().isoformat()
    assert [o["id"] for o in api.get("/v1/orders", {"date_to": until}).json()["results"]] == [
        str(old.pk)
    ]
    assert api.get("/v1/orders", {"status": "lost"}).status_code == 400


def test_the_order_list_runs_a_fixed_number_of_queries(
    client_for, b2c_user, django_assert_max_num_queries
):
    for _ in range(2):
        order_create(user=b2c_user)
    api = client_for(b2c_user)
    with django_assert_max_num_queries(3):
        api.get("/v1/orders")
    for _ in range(6):
        order_create(user=b2c_user)
    with django_assert_max_num_queries(3):
        assert len(api.get("/v1/orders").json()["results"]) == 8


def test_the_order_detail_shows_everything_in_a_fixed_number_of_queries(
    client_for, b2c_user, admin, django_assert_max_num_queries
):
    from commerce.payments.services import refund_create

    order = paid_order_create(user=b2c_user, barrel=BarrelFactory(), quantity=2)
    refund_create(order=order, amount=Decimal("10.00"), actor=admin)
    api = client_for(b2c_user)
    with django_assert_max_num_queries(10):
        data = api.get(f"/v1/orders/{order.pk}").json()
    assert data["number"] == order.number
    assert data["lines"][0]["quantity"] == 2
    assert [(t["from_status"], t["to_status"]) for t in data["timeline"]] == [
        ("", "pending"),
        ("pending", "processing"),
    ]
    assert data["timeline"][0]["by"] == "customer"
    assert data["timeline"][1]["by"] == "staff"
    assert data["payments"][0]["status"] == "succeeded"
    assert data["refunds"][0]["amount"] == "10.00"
    assert data["amount_refunded"] == "10.00"
    assert data["tax"]["regime"] == "domestic"
    assert data["allowed_transitions"] == ["cancelled"]
    assert data["tracking"] is None


def test_someone_elses_order_is_a_404(client_for, b2c_user):
    order = order_create()
    api = client_for(b2c_user)
    assert api.get(f"/v1/orders/{order.pk}").status_code == 404
    assert api.post(f"/v1/orders/{order.pk}/cancel").status_code == 404
    assert api.post(f"/v1/orders/{order.pk}/payments").status_code == 404
    order.refresh_from_db()
    assert order.status == "pending"


def test_a_buyer_cancels_a_pending_order(client_for, b2c_user):
    barrel = BarrelFactory(stock_quantity=2)
    order = order_create(user=b2c_user, barrel=barrel, quantity=2)
    response = client_for(b2c_user).post(
        f"/v1/orders/{order.pk}/cancel", {"reason": "Ordered twice"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"
    assert response.json()["allowed_transitions"] == []
    assert response.json()["timeline"][-1]["note"] == "Ordered twice"
    barrel.refresh_from_db()
    assert barrel.reserved_quantity == 0


def test_cancelling_a_shipped_order_is_a_409_and_changes_nothing(client_for, b2c_user, admin):
    order = paid_order_create(user=b2c_user)
    order_transition(order=order, to=OrderStatus.SHIPPED, actor=admin)
    response = client_for(b2c_user).post(f"/v1/orders/{order.pk}/cancel")
    assert response.status_code == 409
    assert response.json()["code"] == "cannot_cancel"
    order.refresh_from_db()
    assert order.status == "shipped" and order.amount_refunded == 0


def test_administrators_see_all_orders_and_the_full_transition_map(
    client_for, admin, django_assert_max_num_queries
):
    orders = [order_create(user=UserFactory()) for _ in range(3)]
    paid = paid_order_create()
    api = client_for(admin)
    with django_assert_max_num_queries(3):
        listed = api.get("/v1/admin/orders").json()
    assert {o["id"] for o in listed["results"]} == {str(o.pk) for o in [*orders, paid]}
    detail = api.get(f"/v1/admin/orders/{paid.pk}").json()
    assert detail["allowed_transitions"] == ["shipped", "cancelled"]


def test_buyers_cannot_use_the_admin_api(client_for, b2c_user):
    order = order_create(user=b2c_user)
    api = client_for(b2c_user)
    for response in (api.get("/v1/admin/orders"), api.post(f"/v1/admin/orders/{order.pk}/cancel")):
        assert response.status_code == 403
        assert response.json()["code"] == "admin_required"  # accounts.permissions.IsAdmin


def test_an_administrator_cancels_a_paid_order_and_it_is_refunded(client_for, admin):
    order = paid_order_create()
    response = client_for(admin).post(
        f"/v1/admin/orders/{order.pk}/cancel", {"note": "Out of stock after inspection"}
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "cancelled"
    assert data["amount_refunded"] == data["total_amount"]


def test_delivering_an_order_that_was_not_shipped_is_a_409(client_for, admin):
    order = paid_order_create()
    response = client_for(admin).post(f"/v1/admin/orders/{order.pk}/deliver")
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    assert response.json()["allowed_transitions"] == ["shipped", "cancelled"]

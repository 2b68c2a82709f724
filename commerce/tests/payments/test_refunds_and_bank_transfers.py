"""Refunds (full, partial, capped, concurrent) and bank transfers recorded by administrators."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from commerce.models import Order, Refund
from commerce.tests.factories import order_create, paid_order_create
from commerce.tests.payments.helpers import card_order, confirm_at_stripe, fresh

pytestmark = pytest.mark.django_db


def refunds_url(order):
    return f"/v1/admin/orders/{order.pk}/refunds"


def transfers_url(order):
    return f"/v1/admin/orders/{order.pk}/bank-transfers"


@pytest.mark.usefixtures("stripe_settings")
def test_a_partial_then_the_rest_refunded_through_stripe(client_for, admin):
    from commerce.orders.services import order_payment_refresh
    from commerce.payments.stripe_provider import stripe_client

    order, payment, _ = card_order()
    confirm_at_stripe(payment)
    order_payment_refresh(payment=payment)
    api = client_for(admin)
    response = api.post(refunds_url(order), {"amount": "100.00", "reason": "Scratched stave"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["refunds"][0]["amount"] == "100.00"
    assert body["refunds"][0]["reference"].startswith("re_")
    assert body["order"]["amount_refunded"] == "100.00"
    refund = stripe_client().v1.refunds.retrieve(body["refunds"][0]["reference"])
    assert refund.amount == 10000
    rest = fresh(order).refundable_amount
    assert api.post(refunds_url(order), {"amount": str(rest)}).status_code == 201
    order = fresh(order)
    assert order.amount_refunded == order.amount_captured
    assert order.status == "processing"  # refunds do not move the order by themselves


@pytest.mark.usefixtures("stripe_settings")
def test_refunding_more_than_captured_is_a_409_and_nothing_changes(client_for, admin):
    order = paid_order_create()
    response = client_for(admin).post(
        refunds_url(order), {"amount": str(order.total_amount + Decimal("0.01"))}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "refund_exceeds_captured"
    assert response.json()["refundable_amount"] == str(order.total_amount)
    assert not Refund.objects.exists()
    assert fresh(order).amount_refunded == 0


def test_refunding_an_unpaid_order_is_a_409(client_for, admin):
    order = order_create()
    response = client_for(admin).post(refunds_url(order), {"amount": "10.00"})
    assert response.status_code == 409
    assert response.json()["code"] == "nothing_to_refund"


def test_zero_or_negative_refunds_are_refused(client_for, admin):
    order = paid_order_create()
    for amount in ("0", "-5.00"):
        response = client_for(admin).post(refunds_url(order), {"amount": amount})
        assert response.status_code == 400
    assert not Refund.objects.exists()


def test_only_administrators_refund(client_for):
    order = paid_order_create()
    response = client_for(order.user).post(refunds_url(order), {"amount": "1.00"})
    assert response.status_code == 403
    assert response.json()["code"] == "admin_required"


@pytest.mark.django_db(transaction=True)
def test_concurrent_refunds_never_exceed_what_was_captured():
    from accounts.tests.factories import AdminUserFactory
    from commerce.payments.services import refund_create
    from vwb_site.exceptions import ConflictError

    order = paid_order_create()
    admin = AdminUserFactory()
    part = (order.total_amount / 3).quantize(Decimal("0.01")) + Decimal("0.01")  # 3 > total
    barrier = threading.Barrier(6)
    outcomes = []

    def refund():
        try:
            barrier.wait()
            refund_create(order=Order.objects.get(pk=order.pk), amount=part, actor=admin)
            outcomes.append("ok")
        except ConflictError:
            outcomes.append("409")
        finally:
            connection.close()

    threads = [threading.Thread(target=refund) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    order.refresh_from_db()
    assert outcomes.count("ok") == 2 and outcomes.count("409") == 4
    total_refunded = sum(r.amount for r in Refund.objects.filter(order=order))
    assert total_refunded == order.amount_refunded == part * 2 <= order.amount_captured


def test_bank_transfers_received_in_two_parts_make_the_order_processing(
    client_for, admin, b2b_user
):
    order = order_create(user=b2b_user, payment_method="bank_transfer")
    api = client_for(admin)
    first = api.post(transfers_url(order), {"amount": "100.00", "reference": "SEPA-1"})
    assert first.status_code == 201, first.content
    assert first.json()["order"]["status"] == "pending"
    assert first.json()["order"]["amount_due"] == str(order.total_amount - Decimal("100.00"))
    rest = str(order.total_amount - Decimal("100.00"))
    second = api.post(transfers_url(order), {"amount": rest})
    assert second.status_code == 201
    assert second.json()["order"]["status"] == "processing"
    assert [p["amount_captured"] for p in second.json()["order"]["payments"]] == ["100.00", rest]


def test_recording_more_than_is_due_is_a_409(client_for, admin):
    order = order_create(payment_method="bank_transfer")
    response = client_for(admin).post(transfers_url(order), {"amount": str(order.total_amount + 1)})
    assert response.status_code == 409
    assert response.json()["code"] == "amount_exceeds_outstanding"
    assert not order.payments.exists()


def test_a_bank_transfer_cannot_be_recorded_on_a_card_order(client_for, admin):
    order = order_create(payment_method="card")
    response = client_for(admin).post(transfers_url(order), {"amount": "10.00"})
    assert response.status_code == 409
    assert response.json()["code"] == "payment_not_bank_transfer"


def test_a_bank_transfer_refund_is_recorded_as_pending_payout(admin):
    from commerce.payments.services import refund_create

    order = paid_order_create()
    (refund,) = refund_create(order=order, amount=Decimal("50.00"), actor=admin)
    assert refund.status == "pending"
    assert fresh(order).amount_refunded == Decimal("50.00")


def test_a_net_terms_order_records_its_bank_transfer_after_shipping(client_for, admin):
    from commerce.orders.services import order_transition

    order = order_create(payment_method="bank_transfer")
    order_transition(order=order, to="processing", actor=admin, note="Net 30 terms")
    order_transition(order=order, to="shipped", actor=admin)
    response = client_for(admin).post(transfers_url(order), {"amount": str(order.total_amount)})
    assert response.status_code == 201, response.content
    assert response.json()["order"]["status"] == "shipped"
    assert response.json()["order"]["amount_due"] == "0.00"
    again = client_for(admin).post(transfers_url(order), {"amount": "1.00"})
    assert again.status_code == 409 and again.json()["code"] == "payment_not_needed"


def test_a_cancelled_order_takes_no_bank_transfer(client_for, admin):
    from commerce.orders.services import order_cancel

    order = order_create(payment_method="bank_transfer")
    order_cancel(order=order, actor=admin)
    response = client_for(admin).post(transfers_url(order), {"amount": "10.00"})
    assert response.status_code == 409
    assert not order.payments.exists()

"""PayPal through the real SDK against the fake PayPal API: opening the PayPal order, the
storefront's capture (once), declined and pending captures, refunds, reconciliation, PayPal
unreachable, and what the buyer, the admin and the storefront's site-config see."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from commerce.models import OrderStatusHistory, Payment, Refund
from commerce.payments.services import payment_start
from commerce.tests.factories import order_create
from commerce.tests.payments.paypal_helpers import capture_url, fresh, paypal_order, post_event

pytestmark = pytest.mark.django_db


def refunds_url(order):
    return f"/v1/admin/orders/{order.pk}/refunds"


def test_checkout_opens_a_paypal_order_for_the_amount_with_the_invoice_and_request_ids(paypal):
    order, payment, instructions = paypal_order()
    paypal_order_json = paypal.fake.get_order(payment.provider_reference)[1]
    unit = paypal_order_json["purchase_units"][0]
    assert paypal_order_json["intent"] == "CAPTURE"
    assert unit["amount"] == {"currency_code": "EUR", "value": str(order.total_amount)}
    assert unit["invoice_id"] == order.number and unit["custom_id"] == str(order.pk)
    assert instructions == {
        "paypal_order_id": payment.provider_reference,
        "approve_url": f"https://www.sandbox.paypal.com/checkoutnow?token={payment.provider_reference}",
    }
    assert (payment.provider, payment.status, payment.amount) == (
        "paypal",
        "pending",
        order.total_amount,
    )
    request_ids = [key for key in paypal.fake.idempotent if key[0] == "create"]
    assert request_ids == [("create", f"vwb-order-{order.pk}-paypal-0")]
    again, instructions_again = payment_start(order=order)  # reopened, not a second order
    assert again.pk == payment.pk and instructions_again == instructions
    assert len(paypal.fake.orders) == 1


def test_the_storefront_captures_an_approved_order_once_and_it_moves_to_processing(
    paypal, client_for
):
    order, payment, _ = paypal_order()
    paypal.approve(payment.provider_reference)
    api = client_for(order.user)
    response = api.post(capture_url(order))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "processing" and body["paid_with"] == "Paid with PayPal"
    (shown,) = body["payments"]
    capture_id = paypal.captures_of(payment.provider_reference)[0]
    assert shown["provider"] == "paypal" and shown["reference"] == payment.provider_reference
    assert shown["capture_id"] == capture_id and shown["provider_status"] == "COMPLETED"
    assert shown["status"] == "succeeded" and shown["amount_captured"] == str(order.total_amount)
    again = api.post(capture_url(order))  # a double click, a retry
    assert again.status_code == 200 and again.json()["status"] == "processing"
    assert paypal.capture_calls(payment.provider_reference) == 1
    assert OrderStatusHistory.objects.filter(order=order, to_status="processing").count() == 1
    assert fresh(order).amount_captured == order.total_amount


def test_capturing_before_the_buyer_approved_is_a_409_and_changes_nothing(paypal, client_for):
    order, payment, _ = paypal_order()
    response = client_for(order.user).post(capture_url(order))
    assert response.status_code == 409
    assert response.json()["code"] == "paypal_order_not_approved"
    assert fresh(order).status == "pending"
    assert Payment.objects.get(pk=payment.pk).status == "pending"


def test_someone_elses_order_is_a_404_and_a_card_order_a_409(paypal, client_for, b2c_user):
    order, payment, _ = paypal_order()
    paypal.approve(payment.provider_reference)
    assert client_for(b2c_user).post(capture_url(order)).status_code == 404
    card = order_create(user=b2c_user, payment_method="card")
    response = client_for(b2c_user).post(capture_url(card))
    assert response.status_code == 409 and response.json()["code"] == "payment_not_paypal"
    assert paypal.capture_calls(payment.provider_reference) == 0


def test_a_denied_capture_fails_the_payment_and_a_new_attempt_opens_a_new_paypal_order(
    paypal, client_for
):
    order, payment, _ = paypal_order()
    paypal.capture_outcome(payment.provider_reference, "DECLINED")
    paypal.approve(payment.provider_reference)
    body = client_for(order.user).post(capture_url(order)).json()
    assert body["status"] == "pending"  # still payable, like a declined card
    (shown,) = body["payments"]
    assert shown["status"] == "failed" and shown["failure_code"] == "paypal_declined"
    assert fresh(order).amount_captured == 0
    retry = client_for(order.user).post(f"/v1/orders/{order.pk}/payments", {}, format="json")
    assert retry.status_code == 201, retry.content
    assert retry.json()["paypal_order_id"] != payment.provider_reference
    assert Payment.objects.filter(order=order).count() == 2


def test_a_pending_capture_waits_for_payment_capture_completed(paypal, client_for, api_client):
    order, payment, _ = paypal_order()
    paypal.capture_outcome(payment.provider_reference, "PENDING")
    paypal.approve(payment.provider_reference)
    body = client_for(order.user).post(capture_url(order)).json()
    assert body["status"] == "pending"
    assert body["payments"][0]["status"] == "processing"
    assert body["payments"][0]["provider_status"] == "PENDING"
    capture_id = body["payments"][0]["capture_id"]
    paypal.settle(capture_id, "COMPLETED")
    response = post_event(
        api_client, *paypal.capture_event("PAYMENT.CAPTURE.COMPLETED", capture_id)
    )
    assert response.status_code == 200 and response.json()["outcome"] == "processed"
    order = fresh(order)
    assert order.status == "processing" and order.amount_captured == order.total_amount
    assert paypal.capture_calls(payment.provider_reference) == 1


def test_a_pending_capture_then_denied_fails_the_payment(paypal, client_for, api_client):
    order, payment, _ = paypal_order()
    paypal.capture_outcome(payment.provider_reference, "PENDING")
    paypal.approve(payment.provider_reference)
    capture_id = client_for(order.user).post(capture_url(order)).json()["payments"][0]["capture_id"]
    paypal.settle(capture_id, "DECLINED")
    post_event(api_client, *paypal.capture_event("PAYMENT.CAPTURE.DENIED", capture_id))
    assert fresh(order).status == "pending"
    assert Payment.objects.get(pk=payment.pk).status == "failed"


def paid_paypal_order(paypal):
    from commerce.orders.services import order_paypal_capture

    order, payment, _ = paypal_order()
    paypal.approve(payment.provider_reference)
    order_paypal_capture(order=order)
    payment.refresh_from_db()
    return fresh(order), payment


def test_partial_then_full_refunds_go_through_paypals_capture_refund(paypal, client_for, admin):
    (
        order,
        payment,
    ) = paid_paypal_order(paypal)
    api = client_for(admin)
    response = api.post(refunds_url(order), {"amount": "100.00", "reason": "Scratched stave"})
    assert response.status_code == 201, response.content
    refund = response.json()["refunds"][0]
    at_paypal = paypal.fake.refunds[refund["reference"]]
    assert (
        at_paypal["amount"] == Decimal("100.00")
        and at_paypal["capture_id"] == payment.capture_reference
    )
    assert refund["status"] == "succeeded"
    rest = fresh(order).refundable_amount
    assert api.post(refunds_url(order), {"amount": str(rest)}).status_code == 201
    assert paypal.fake.captures[payment.capture_reference]["status"] == "REFUNDED"
    order = fresh(order)
    assert order.amount_refunded == order.amount_captured == order.total_amount


def test_a_refund_above_what_remains_is_refused_and_paypal_is_not_called(paypal, client_for, admin):
    order, _payment = paid_paypal_order(paypal)
    api = client_for(admin)
    assert api.post(refunds_url(order), {"amount": "50.00"}).status_code == 201
    over = api.post(refunds_url(order), {"amount": str(order.total_amount - Decimal("49.99"))})
    assert over.status_code == 409 and over.json()["code"] == "refund_exceeds_captured"
    assert len(paypal.fake.refunds) == 1
    assert fresh(order).amount_refunded == Decimal("50.00")


def test_the_wagtail_admin_refund_uses_the_same_service(paypal, client, admin):
    order, payment = paid_paypal_order(paypal)
    client.force_login(admin)
    page = client.get(f"/admin/commerce/orders/{order.pk}/")
    text = page.content.decode()
    assert f"order {payment.provider_reference}" in text and payment.capture_reference in text
    assert "PayPal: COMPLETED" in text
    response = client.post(
        f"/admin/commerce/orders/{order.pk}/refund/",
        {"refund-amount": "20.00", "refund-note": "Admin"},
    )
    assert response.status_code in (200, 302)
    (refund,) = Refund.objects.filter(order=order)
    assert refund.amount == Decimal("20.00") and refund.provider_reference in paypal.fake.refunds


def test_reconcile_payments_captures_an_approved_order_whose_webhook_never_came(paypal):
    order, payment, _ = paypal_order()
    paypal.approve(payment.provider_reference)
    Payment.objects.filter(pk=payment.pk).update(created_at=payment.created_at.replace(year=2020))
    call_command("reconcile_payments")
    order = fresh(order)
    assert order.status == "processing"
    assert Payment.objects.get(pk=payment.pk).capture_reference
    call_command("reconcile_payments")  # nothing open any more: no second capture
    assert paypal.capture_calls(payment.provider_reference) == 1


def test_paypal_unreachable_at_checkout_is_a_502_and_the_order_stays_payable_by_card(
    paypal, settings, client_for, dead_port, stripe_settings
):
    settings.PAYPAL_BASE_URL = f"http://127.0.0.1:{dead_port}"
    order = order_create(payment_method="paypal")
    api = client_for(order.user)
    response = api.post(f"/v1/orders/{order.pk}/payments", {}, format="json")
    assert response.status_code == 502
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["code"] == "payment_provider_unavailable" and problem["status"] == 502
    assert "another payment method" in problem["detail"]
    assert fresh(order).status == "pending" and not Payment.objects.filter(order=order).exists()
    switched = api.post(
        f"/v1/orders/{order.pk}/payments", {"payment_method": "card"}, format="json"
    )
    assert switched.status_code == 201, switched.content
    assert switched.json()["provider"] == "stripe"
    assert switched.json()["client_secret"].startswith("pi_")
    assert fresh(order).payment_method == "card"


def test_paypal_is_offered_only_when_configured_and_site_config_never_shows_the_secret(
    settings, api_client, client_for, b2c_user, paypal_server
):
    from commerce.orders.services.checkout import allowed_payment_methods

    settings.PAYPAL_CLIENT_ID = settings.PAYPAL_CLIENT_SECRET = ""
    assert "paypal" not in allowed_payment_methods(b2c_user)
    assert api_client.get("/v1/site-config").json()["paypal"] is None
    settings.PAYPAL_CLIENT_ID, settings.PAYPAL_CLIENT_SECRET = "AclientId", "EsecretValue"
    assert "paypal" in allowed_payment_methods(b2c_user)
    response = api_client.get("/v1/site-config")
    assert response.json()["paypal"] == {
        "client_id": "AclientId",
        "currency": "EUR",
        "environment": "sandbox",
    }
    assert "EsecretValue" not in response.content.decode()


def test_paypal_unreachable_when_placing_the_order_keeps_it_pending_with_the_stable_code(
    paypal, settings, client_for, b2c_user, dead_port, stripe_settings
):
    from catalog.tests.factories import BarrelFactory
    from commerce.tests.api.helpers import body

    settings.PAYPAL_BASE_URL = f"http://127.0.0.1:{dead_port}"
    api = client_for(b2c_user)
    placed = api.post("/v1/orders", body((BarrelFactory(), 1), payment="paypal"))
    assert placed.status_code == 201, placed.content  # the order exists: its stock is held
    data = placed.json()
    assert data["payment"] is None
    assert data["payment_error_code"] == "payment_provider_unavailable"
    order_id = data["order"]["id"]
    retry = api.post(f"/v1/orders/{order_id}/payments", {}, format="json")
    assert retry.status_code == 502 and retry.json()["code"] == "payment_provider_unavailable"
    by_card = api.post(f"/v1/orders/{order_id}/payments", {"payment_method": "card"}, format="json")
    assert by_card.status_code == 201 and by_card.json()["provider"] == "stripe"
    not_allowed = api.post(
        f"/v1/orders/{order_id}/payments", {"payment_method": "bank_transfer"}, format="json"
    )
    assert not_allowed.status_code == 403  # bank transfer is for verified B2B buyers


def test_an_approved_order_past_its_deadline_is_captured_not_cancelled(paypal):
    from datetime import timedelta

    from django.utils import timezone

    from commerce.orders.services import orders_expire_unpaid

    order, payment, _ = paypal_order()
    paypal.approve(payment.provider_reference)
    assert orders_expire_unpaid(now=timezone.now() + timedelta(days=1)) == []
    assert fresh(order).status == "processing"


def test_a_cancelled_order_is_never_captured_even_if_approved_later(paypal, api_client):
    from commerce.orders.services import order_cancel

    order, payment, _ = paypal_order()
    order_cancel(order=order, actor=None, note="Changed my mind")
    paypal.approve(payment.provider_reference)  # the buyer still clicks Pay at PayPal
    body, headers = paypal.order_event("CHECKOUT.ORDER.APPROVED", payment.provider_reference)
    assert post_event(api_client, body, headers).status_code == 200
    assert paypal.capture_calls(payment.provider_reference) == 0
    assert fresh(order).status == "cancelled"
    assert Payment.objects.get(pk=payment.pk).status == "cancelled"


def test_a_token_paypal_revoked_early_is_replaced_without_failing_the_call(paypal, client_for):
    order, payment, _ = paypal_order()
    paypal.fake.tokens.clear()  # PayPal revokes every token it gave
    paypal.approve(payment.provider_reference)
    assert client_for(order.user).post(capture_url(order)).json()["status"] == "processing"
    tokens = [call for call in paypal.fake.calls if call == ("POST", "/v1/oauth2/token")]
    assert len(tokens) >= 1 and paypal.fake.tokens


def test_no_switching_method_while_a_paypal_capture_is_under_review(paypal, client_for):
    order, payment, _ = paypal_order()
    paypal.capture_outcome(payment.provider_reference, "PENDING")
    paypal.approve(payment.provider_reference)
    api = client_for(order.user)
    assert api.post(capture_url(order)).json()["payments"][0]["status"] == "processing"
    response = api.post(
        f"/v1/orders/{order.pk}/payments", {"payment_method": "card"}, format="json"
    )
    assert response.status_code == 409 and response.json()["code"] == "payment_in_progress"
    assert fresh(order).payment_method == "paypal"
    assert Payment.objects.get(pk=payment.pk).status == "processing"


def test_the_deploy_check_warns_about_half_configured_paypal(settings):
    from commerce.checks import paypal_settings_check

    settings.PAYPAL_CLIENT_ID, settings.PAYPAL_CLIENT_SECRET = "", ""
    assert paypal_settings_check(None) == []
    settings.PAYPAL_CLIENT_ID = "Aonly"
    assert [w.id for w in paypal_settings_check(None)] == ["commerce.W002"]
    settings.PAYPAL_CLIENT_SECRET, settings.PAYPAL_WEBHOOK_ID = "Esecret", ""
    settings.PAYPAL_ENVIRONMENT = "production"
    assert [w.id for w in paypal_settings_check(None)] == ["commerce.W003", "commerce.W004"]
    settings.PAYPAL_WEBHOOK_ID, settings.PAYPAL_ENVIRONMENT = "WH-1", "live"
    assert paypal_settings_check(None) == []

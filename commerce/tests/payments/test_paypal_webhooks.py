"""PayPal webhooks at POST /v1/payments/paypal/webhook: verified with PayPal's
verify-webhook-signature (the fake signs), stored once by id, the state re-read from PayPal:
replays, reordering, forgeries, captures from CHECKOUT.ORDER.APPROVED, dashboard refunds."""

import json
from decimal import Decimal

import pytest

from commerce.models import OrderStatusHistory, Payment, Refund, WebhookEvent
from commerce.tests.payments.paypal_helpers import fresh, paypal_order, post_event

pytestmark = pytest.mark.django_db


def approved(paypal):
    order, payment, _ = paypal_order()
    paypal.approve(payment.provider_reference)
    return order, payment


def test_checkout_order_approved_captures_and_moves_the_order_once_even_replayed_5_times(
    paypal, api_client
):
    order, payment = approved(paypal)
    body, headers = paypal.order_event(
        "CHECKOUT.ORDER.APPROVED", payment.provider_reference, event_id="WH-APPROVED-1"
    )
    outcomes = [post_event(api_client, body, headers).json()["outcome"] for _ in range(5)]
    assert outcomes == ["processed"] + ["duplicate"] * 4
    assert WebhookEvent.objects.get(provider="paypal", event_id="WH-APPROVED-1").deliveries == 5
    order = fresh(order)
    assert order.status == "processing" and order.amount_captured == order.total_amount
    assert paypal.capture_calls(payment.provider_reference) == 1
    assert OrderStatusHistory.objects.filter(order=order, to_status="processing").count() == 1


def test_completed_arriving_before_approved_settles_once(paypal, api_client):
    """The capture happened (our response was lost), COMPLETED comes first, APPROVED late."""
    order, payment = approved(paypal)
    paypal.fake.capture_order(payment.provider_reference)  # as if our capture's answer was lost
    (capture_id,) = paypal.captures_of(payment.provider_reference)
    completed = post_event(
        api_client, *paypal.capture_event("PAYMENT.CAPTURE.COMPLETED", capture_id)
    )
    assert completed.status_code == 200 and completed.json()["outcome"] == "processed"
    assert fresh(order).status == "processing"
    assert Payment.objects.get(pk=payment.pk).capture_reference == capture_id
    late = paypal.fake.signed_event(
        "CHECKOUT.ORDER.APPROVED", {"id": payment.provider_reference, "status": "APPROVED"}
    )
    assert post_event(api_client, *late).json()["outcome"] == "processed"
    order = fresh(order)
    assert order.amount_captured == order.total_amount
    assert OrderStatusHistory.objects.filter(order=order, to_status="processing").count() == 1
    assert paypal.captures_of(payment.provider_reference) == [capture_id]  # the lost one only
    assert paypal.capture_calls(payment.provider_reference) == 0  # the shop never re-captured


def test_the_state_is_read_from_paypal_not_from_the_event_body(paypal, api_client):
    order, payment, _ = paypal_order()  # not approved at PayPal
    lie = paypal.fake.signed_event(
        "PAYMENT.CAPTURE.COMPLETED",
        {
            "id": "3CFORGEDBODY",
            "status": "COMPLETED",
            "amount": {"currency_code": "EUR", "value": str(order.total_amount)},
            "supplementary_data": {"related_ids": {"order_id": payment.provider_reference}},
        },
    )
    assert post_event(api_client, *lie).status_code == 200
    assert fresh(order).status == "pending"
    assert Payment.objects.get(pk=payment.pk).status == "pending"


def test_a_bad_signature_is_a_400_and_changes_nothing(paypal, api_client):
    order, payment = approved(paypal)
    body, headers = paypal.order_event("CHECKOUT.ORDER.APPROVED", payment.provider_reference)
    forged = {**headers, "PAYPAL-TRANSMISSION-SIG": "bm90IHRoZSBzaWduYXR1cmU="}
    response = post_event(api_client, body, forged)
    assert response.status_code == 400 and response.json()["code"] == "invalid_signature"
    tampered = json.loads(body)
    tampered["id"] = "WH-TAMPERED"
    response = post_event(api_client, json.dumps(tampered).encode(), headers)
    assert response.status_code == 400
    other_hook = paypal.order_event(
        "CHECKOUT.ORDER.APPROVED", payment.provider_reference, webhook_id="WH-ELSEWHERE"
    )
    assert post_event(api_client, *other_hook).status_code == 400
    unsigned = post_event(api_client, body, {})
    assert unsigned.status_code == 400 and unsigned.json()["code"] == "invalid_signature"
    assert not WebhookEvent.objects.exists()
    assert (
        fresh(order).status == "pending" and paypal.capture_calls(payment.provider_reference) == 0
    )


def test_malformed_or_unconfigured_deliveries_are_refused(paypal, api_client, settings):
    response = post_event(api_client, b"not json", {})
    assert response.status_code == 400 and response.json()["code"] == "invalid_payload"
    response = post_event(api_client, b'{"id": "WH-1"}', {})
    assert response.status_code == 400 and response.json()["code"] == "invalid_payload"
    settings.PAYPAL_WEBHOOK_ID = ""
    body, headers = paypal.fake.signed_event("CHECKOUT.ORDER.APPROVED", {"id": "5O1"})
    response = post_event(api_client, body, headers)
    assert response.status_code == 400 and response.json()["code"] == "webhook_not_configured"


def test_an_event_about_no_payment_of_ours_is_stored_and_ignored(paypal, api_client):
    body, headers = paypal.fake.signed_event("CHECKOUT.ORDER.APPROVED", {"id": "5OSOMEONEELSE"})
    assert post_event(api_client, body, headers).json()["outcome"] == "ignored"
    body, headers = paypal.fake.signed_event("BILLING.SUBSCRIPTION.CREATED", {"id": "I-1"})
    assert post_event(api_client, body, headers).json()["outcome"] == "ignored"
    assert WebhookEvent.objects.filter(provider="paypal").count() == 2


def captured(paypal, api_client):
    order, payment = approved(paypal)
    body, headers = paypal.order_event("CHECKOUT.ORDER.APPROVED", payment.provider_reference)
    post_event(api_client, body, headers)
    payment.refresh_from_db()
    return fresh(order), payment


def test_a_dashboard_refund_arriving_as_a_webhook_is_recorded_once(
    paypal, api_client, mailbox, django_capture_on_commit_callbacks
):
    order, payment = captured(paypal, api_client)
    refund = paypal.dashboard_refund(payment.capture_reference, Decimal("75.50"))
    body, headers = paypal.refund_event("PAYMENT.CAPTURE.REFUNDED", refund)
    with django_capture_on_commit_callbacks(execute=True):
        assert post_event(api_client, body, headers).json()["outcome"] == "processed"
    for _ in range(2):  # replayed, and PayPal sending a second event about the same refund
        post_event(api_client, body, headers)
        post_event(api_client, *paypal.refund_event("PAYMENT.CAPTURE.REFUNDED", refund))
    (recorded,) = Refund.objects.filter(order=order)
    assert recorded.provider_reference == refund["id"] and recorded.amount == Decimal("75.50")
    assert recorded.actor is None and recorded.status == "succeeded"
    order = fresh(order)
    assert order.amount_refunded == Decimal("75.50") and order.status == "processing"
    assert Payment.objects.get(pk=payment.pk).provider_status == "PARTIALLY_REFUNDED"
    (message,) = mailbox.wait_for(1)
    assert "refund" in message["Subject"].lower() and message["To"] == order.customer_email


def test_a_refund_made_through_the_api_is_not_recorded_again_by_its_webhook(
    paypal, api_client, client_for, admin
):
    order, _payment = captured(paypal, api_client)
    response = client_for(admin).post(f"/v1/admin/orders/{order.pk}/refunds", {"amount": "30.00"})
    assert response.status_code == 201
    refund = paypal.fake._refund_json(
        paypal.fake.refunds[response.json()["refunds"][0]["reference"]]
    )
    post_event(api_client, *paypal.refund_event("PAYMENT.CAPTURE.REFUNDED", refund))
    assert Refund.objects.filter(order=order).count() == 1
    assert fresh(order).amount_refunded == Decimal("30.00")


def test_a_reversal_is_recorded_as_a_refund_of_the_whole_capture(paypal, api_client):
    order, payment = captured(paypal, api_client)
    reversal = paypal.dashboard_refund(payment.capture_reference)  # all of it (a chargeback)
    post_event(api_client, *paypal.refund_event("PAYMENT.CAPTURE.REVERSED", reversal))
    order = fresh(order)
    assert order.amount_refunded == order.amount_captured == order.total_amount
    assert Payment.objects.get(pk=payment.pk).provider_status == "REFUNDED"


def test_the_payers_details_an_event_carries_are_not_stored(paypal, api_client):
    order, payment = approved(paypal)
    resource = paypal.fake.get_order(payment.provider_reference)[1]
    resource["payer"] = {
        "email_address": "buyer@example.com",
        "name": {"given_name": "Jonas", "surname": "Weber"},
        "payer_id": "QYR5Z8XDVJNXQ",
    }
    body, headers = paypal.fake.signed_event("CHECKOUT.ORDER.APPROVED", resource)
    assert post_event(api_client, body, headers).json()["outcome"] == "processed"
    stored = WebhookEvent.objects.get(provider="paypal").payload
    assert "buyer@example.com" not in json.dumps(stored) and "Weber" not in json.dumps(stored)
    assert stored["resource"]["id"] == payment.provider_reference
    assert fresh(order).status == "processing"


def test_a_pending_refund_is_settled_by_its_later_webhook_and_not_counted_twice(
    paypal, api_client, client_for, admin
):
    order, _payment = captured(paypal, api_client)
    paypal.fake.refund_status = "PENDING"
    response = client_for(admin).post(f"/v1/admin/orders/{order.pk}/refunds", {"amount": "40.00"})
    assert response.status_code == 201 and response.json()["refunds"][0]["status"] == "pending"
    reference = response.json()["refunds"][0]["reference"]
    settled = paypal.settle_refund(reference, "COMPLETED")
    post_event(api_client, *paypal.refund_event("PAYMENT.CAPTURE.REFUNDED", settled))
    (refund,) = Refund.objects.filter(order=order)
    assert refund.status == "succeeded" and refund.amount == Decimal("40.00")
    assert fresh(order).amount_refunded == Decimal("40.00")

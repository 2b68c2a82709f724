"""Stripe payments against localstripe: PaymentIntents, signed webhooks (duplicated, reordered,
forged, concurrent), declines, reconciliation."""

import threading
from decimal import Decimal

import pytest
import stripe
from django.core.management import call_command
from django.db import connection

from commerce.models import OrderStatusHistory, Payment, WebhookEvent
from commerce.tests.payments.helpers import card_order, confirm_at_stripe, fresh, post_event

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stripe_settings")]


def test_a_payment_intent_is_created_once_per_order_and_its_client_secret_returned():
    order, payment, instructions = card_order()
    assert payment.provider_reference.startswith("pi_")
    assert instructions["client_secret"].startswith(payment.provider_reference + "_secret_")
    assert payment.amount == order.total_amount and payment.status == "pending"
    from commerce.payments.services import payment_start

    again, instructions_again = payment_start(order=order)
    assert again.pk == payment.pk
    assert instructions_again["client_secret"] == instructions["client_secret"]
    assert Payment.objects.filter(order=order).count() == 1


def test_a_signed_succeeded_event_moves_the_order_to_processing(api_client, stripe_event):
    order, payment, _ = card_order()
    confirm_at_stripe(payment)
    body, signature = stripe_event("payment_intent.succeeded", payment.provider_reference)
    response = post_event(api_client, body, signature)
    assert response.status_code == 200, response.content
    assert response.json() == {"received": True, "outcome": "processed"}
    order = fresh(order)
    assert order.status == "processing"
    assert order.amount_captured == order.total_amount
    assert order.payments.get().status == "succeeded"


def test_a_replayed_event_is_a_200_no_op(api_client, stripe_event):
    order, payment, _ = card_order()
    confirm_at_stripe(payment)
    body, signature = stripe_event(
        "payment_intent.succeeded", payment.provider_reference, event_id="evt_replayed_1"
    )
    assert post_event(api_client, body, signature).json()["outcome"] == "processed"
    replay = post_event(api_client, body, signature)
    assert replay.status_code == 200 and replay.json()["outcome"] == "duplicate"
    assert WebhookEvent.objects.get(event_id="evt_replayed_1").deliveries == 2
    order = fresh(order)
    assert order.amount_captured == order.total_amount  # not doubled
    assert OrderStatusHistory.objects.filter(order=order, to_status="processing").count() == 1


def test_two_different_success_events_for_one_payment_move_the_order_once(api_client, stripe_event):
    order, payment, _ = card_order()
    confirm_at_stripe(payment)
    for _ in range(2):
        body, signature = stripe_event("payment_intent.succeeded", payment.provider_reference)
        assert post_event(api_client, body, signature).status_code == 200
    order = fresh(order)
    assert OrderStatusHistory.objects.filter(order=order, to_status="processing").count() == 1
    assert order.amount_captured == order.total_amount


def test_a_failure_event_arriving_after_the_success_changes_nothing(api_client, stripe_event):
    order, payment, _ = card_order()
    confirm_at_stripe(payment)
    body, signature = stripe_event("payment_intent.succeeded", payment.provider_reference)
    post_event(api_client, body, signature)
    body, signature = stripe_event("payment_intent.payment_failed", payment.provider_reference)
    assert post_event(api_client, body, signature).status_code == 200
    order = fresh(order)
    assert order.status == "processing"
    assert order.payments.get().status == "succeeded"


def test_the_payload_is_not_trusted_stripe_is_re_read(api_client, stripe_event):
    order, payment, _ = card_order()  # never confirmed: still requires_confirmation
    body, signature = stripe_event("payment_intent.succeeded", payment.provider_reference)
    assert post_event(api_client, body, signature).status_code == 200
    order = fresh(order)
    assert order.status == "pending" and order.amount_captured == 0


def test_a_forged_signature_is_a_400_and_nothing_is_stored(api_client, stripe_event):
    order, payment, _ = card_order()
    confirm_at_stripe(payment)
    body, _ = stripe_event("payment_intent.succeeded", payment.provider_reference)
    _, forged = stripe_event(
        "payment_intent.succeeded", payment.provider_reference, secret="whsec_attacker"
    )
    response = post_event(api_client, body, forged)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_signature"
    assert post_event(api_client, body, "").status_code == 400
    assert post_event(api_client, b"not json", forged).status_code == 400
    assert not WebhookEvent.objects.exists()
    assert fresh(order).status == "pending"


def test_a_declined_card_is_recorded_and_visible_to_the_buyer(api_client, stripe_event, client_for):
    order, payment, _ = card_order(payment_method_id="pm_card_chargeCustomerFail")
    with pytest.raises(stripe.CardError):
        confirm_at_stripe(payment)
    body, signature = stripe_event("payment_intent.payment_failed", payment.provider_reference)
    assert post_event(api_client, body, signature).status_code == 200
    payment.refresh_from_db()
    assert (payment.status, payment.failure_code, payment.failure_count) == (
        "failed",
        "card_declined",
        1,
    )
    detail = client_for(order.user).get(f"/v1/orders/{order.pk}").json()
    assert detail["status"] == "pending"
    assert detail["payments"][0]["status"] == "failed"
    assert detail["payments"][0]["failure_code"] == "card_declined"


def test_reconcile_payments_repairs_an_order_whose_webhook_never_came():
    order, payment, _ = card_order()
    confirm_at_stripe(payment)
    call_command("reconcile_payments", "--older-than", "0")
    order = fresh(order)
    assert order.status == "processing" and order.amount_captured == order.total_amount


def test_cancelling_a_pending_card_order_cancels_its_payment_intent(
    django_capture_on_commit_callbacks,
):
    from commerce.orders.services import order_cancel
    from commerce.payments.stripe_provider import stripe_client

    order, payment, _ = card_order()
    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order=order)
    payment.refresh_from_db()
    assert payment.status == "cancelled"
    intent = stripe_client().v1.payment_intents.retrieve(payment.provider_reference)
    assert intent.status == "canceled"


@pytest.mark.django_db(transaction=True)
def test_concurrent_deliveries_move_the_order_to_processing_exactly_once(stripe_event):
    from rest_framework.test import APIClient

    order, payment, _ = card_order()
    confirm_at_stripe(payment)
    events = [
        stripe_event(
            "payment_intent.succeeded",
            payment.provider_reference,
            event_id=f"evt_concurrent_{i % 3}",
        )
        for i in range(8)
    ]
    barrier = threading.Barrier(len(events))
    statuses = []

    def deliver(body, signature):
        try:
            barrier.wait()
            statuses.append(post_event(APIClient(), body, signature).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver, args=event) for event in events]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * len(events)
    order = fresh(order)
    assert order.status == "processing"
    assert order.amount_captured == order.total_amount
    assert OrderStatusHistory.objects.filter(order=order, to_status="processing").count() == 1
    assert WebhookEvent.objects.filter(event_id__startswith="evt_concurrent_").count() == 3
    assert Payment.objects.get(pk=payment.pk).amount_captured == Decimal(order.total_amount)

"""Two captures of one PayPal order at once (the storefront twice, or the storefront and the
CHECKOUT.ORDER.APPROVED webhook), on real PostgreSQL in separate threads and connections: one
capture at PayPal, one paid transition, the amount counted once."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from commerce.models import OrderStatusHistory, Payment
from commerce.tests.payments.paypal_helpers import capture_url, fresh, paypal_order, post_event

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(*calls):
    barrier = threading.Barrier(len(calls))
    statuses: list[int] = []

    def run(call):
        try:
            barrier.wait()
            statuses.append(call())
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses)


def assert_captured_once(paypal, order, payment):
    order = fresh(order)
    assert order.status == "processing"
    assert order.amount_captured == order.total_amount
    assert OrderStatusHistory.objects.filter(order=order, to_status="processing").count() == 1
    assert len(paypal.captures_of(payment.provider_reference)) == 1
    assert paypal.capture_calls(payment.provider_reference) == 1  # the second one never asked
    stored = Payment.objects.get(pk=payment.pk)
    assert stored.amount_captured == order.total_amount and stored.status == "succeeded"


def test_two_concurrent_storefront_captures_capture_once(paypal):
    order, payment, _ = paypal_order()
    paypal.approve(payment.provider_reference)
    paypal.fake.capture_delay = 0.3  # both requests are in flight together

    def capture():
        client = APIClient()
        client.force_authenticate(order.user)
        return client.post(capture_url(order)).status_code

    assert run_together(capture, capture) == [200, 200]
    assert_captured_once(paypal, order, payment)


def test_the_storefront_and_the_approved_webhook_at_once_capture_once(paypal):
    order, payment, _ = paypal_order()
    paypal.approve(payment.provider_reference)
    paypal.fake.capture_delay = 0.3
    body, headers = paypal.order_event("CHECKOUT.ORDER.APPROVED", payment.provider_reference)

    def capture():
        client = APIClient()
        client.force_authenticate(order.user)
        return client.post(capture_url(order)).status_code

    def webhook():
        return post_event(APIClient(), body, headers).status_code

    assert run_together(capture, webhook) == [200, 200]
    assert_captured_once(paypal, order, payment)

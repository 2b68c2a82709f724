"""A B2C buyer pays with PayPal, over HTTP end to end (the API, the real PayPal SDK against the
fake PayPal API, the e-mails through the outbox and Celery to the test SMTP server): checkout,
approval at PayPal, the storefront's capture, the webhooks, processing, shipped, a partial
refund, each with its e-mail."""

from decimal import Decimal

import pytest

from catalog.tests.factories import BarrelFactory
from commerce.models import OrderStatusHistory
from commerce.tests.api.helpers import body
from commerce.tests.payments.paypal_helpers import post_event

pytestmark = pytest.mark.django_db


def test_a_b2c_buyer_pays_with_paypal_from_checkout_to_a_partial_refund(
    paypal, client_for, b2c_user, admin, api_client, mailbox, django_capture_on_commit_callbacks
):
    barrel = BarrelFactory(price=Decimal("320.00"), stock_quantity=4)
    buyer = client_for(b2c_user)
    preview = buyer.post("/v1/orders/preview", body((barrel, 1), payment="paypal"))
    assert preview.status_code == 200, preview.content
    assert "paypal" in preview.json()["payment_methods"]

    with django_capture_on_commit_callbacks(execute=True):
        placed = buyer.post("/v1/orders", body((barrel, 1), payment="paypal"))
    assert placed.status_code == 201, placed.content
    order, payment = placed.json()["order"], placed.json()["payment"]
    assert payment["provider"] == "paypal" and payment["approve_url"].endswith(
        payment["paypal_order_id"]
    )
    assert order["payment_method"] == "paypal" and order["paid_with"] is None
    at_paypal = paypal.fake.get_order(payment["paypal_order_id"])[1]["purchase_units"][0]
    assert at_paypal["amount"]["value"] == order["total_amount"]
    assert at_paypal["invoice_id"] == order["number"]
    (received,) = mailbox.wait_for(1)
    assert received["Subject"] == f"Order {order['number']} received"
    mailbox.clear()

    paypal.approve(payment["paypal_order_id"])  # the buyer at PayPal
    with django_capture_on_commit_callbacks(execute=True):
        captured = buyer.post(f"/v1/orders/{order['id']}/payments/paypal/capture")
    assert captured.status_code == 200, captured.content
    assert captured.json()["status"] == "processing"
    (paid,) = mailbox.wait_for(1)
    assert paid["Subject"] == f"Payment received for order {order['number']}"
    assert "Paid with PayPal" in paid.get_body(preferencelist=("plain",)).get_content()
    mailbox.clear()

    capture_id = captured.json()["payments"][0]["capture_id"]
    for event in (
        paypal.order_event("CHECKOUT.ORDER.APPROVED", payment["paypal_order_id"]),
        paypal.capture_event("PAYMENT.CAPTURE.COMPLETED", capture_id),
    ):  # PayPal's webhooks arrive after the storefront captured: nothing more happens
        with django_capture_on_commit_callbacks(execute=True):
            assert post_event(api_client, *event).json()["outcome"] == "processed"
    assert paypal.capture_calls(payment["paypal_order_id"]) == 1
    assert (
        OrderStatusHistory.objects.filter(order_id=order["id"], to_status="processing").count() == 1
    )

    staff = client_for(admin)
    with django_capture_on_commit_callbacks(execute=True):
        shipped = staff.post(
            f"/v1/admin/orders/{order['id']}/ship",
            {"carrier_code": "dhl-freight", "tracking_number": "JD0146000PP"},
        )
    assert shipped.status_code == 200, shipped.content
    assert shipped.json()["status"] == "shipped"
    (shipped_mail,) = mailbox.wait_for(1)
    assert shipped_mail["Subject"] == f"Order {order['number']} has shipped"
    mailbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        refunded = staff.post(
            f"/v1/admin/orders/{order['id']}/refunds", {"amount": "80.00", "reason": "Dented hoop"}
        )
    assert refunded.status_code == 201, refunded.content
    (refund,) = refunded.json()["refunds"]
    assert paypal.fake.refunds[refund["reference"]]["amount"] == Decimal("80.00")
    assert paypal.fake.captures[capture_id]["status"] == "PARTIALLY_REFUNDED"
    (refund_mail,) = mailbox.wait_for(1)
    assert refund_mail["Subject"] == f"Refund for order {order['number']}"
    assert "80.00" in refund_mail.get_body(preferencelist=("plain",)).get_content()
    mailbox.clear()

    # PayPal's REFUNDED webhook for that refund records nothing twice, e-mails nothing twice.
    refund_json = paypal.fake._refund_json(paypal.fake.refunds[refund["reference"]])
    with django_capture_on_commit_callbacks(execute=True):
        post_event(api_client, *paypal.refund_event("PAYMENT.CAPTURE.REFUNDED", refund_json))
    mine = buyer.get(f"/v1/orders/{order['id']}").json()
    assert mine["status"] == "shipped" and mine["paid_with"] == "Paid with PayPal"
    assert mine["amount_refunded"] == "80.00" and len(mine["refunds"]) == 1
    assert mine["payments"][0]["provider_status"] == "PARTIALLY_REFUNDED"
    assert mailbox.messages == []

"""End to end over HTTP: gunicorn + a real Celery worker + localstripe + the SMTP server.

register (or create the user when accounts' API is not there), log in, browse, preview, order,
pay (confirm the PaymentIntent like Stripe.js), webhook delivered by localstripe to gunicorn,
order processing, an administrator ships, delivers, refunds part, and the e-mails arrive.
"""

import time
import uuid

import pytest
from django.urls import NoReverseMatch, reverse

from accounts.mfa.policy import user_requires_mfa
from accounts.tests.factories import TEST_PASSWORD, AdminUserFactory, UserFactory
from accounts.tests.mfa import enrolled_device, totp_now
from catalog.tests.factories import BarrelFactory
from commerce.tests.e2e.server import Http, start_gunicorn, stop
from commerce.tests.fixtures import STRIPE_TEST_KEY, STRIPE_TEST_WEBHOOK_SECRET

pytestmark = [pytest.mark.e2e]


def route_exists(name: str) -> bool:
    try:
        reverse(name)
        return True
    except NoReverseMatch:
        return False


def token_for(http: Http, user) -> str:
    """The storefront's sign-in: the password, then for staff the second factor (an enrolled
    device's current code)."""
    if route_exists("v1:accounts:token"):
        device = enrolled_device(user) if user_requires_mfa(user) else None
        status, body = http.post("/v1/auth/token", {"email": user.email, "password": TEST_PASSWORD})
        assert status == 200, body
        if device is None:
            return body["access"]
        assert body.get("mfa_required") is True, body
        status, body = http.post(
            "/v1/auth/token/2fa", {"challenge": body["challenge"], "code": totp_now(device)}
        )
        assert status == 200, body
        return body["access"]
    from rest_framework_simplejwt.tokens import RefreshToken

    return str(RefreshToken.for_user(user).access_token)


def wait_for(predicate, *, timeout: float = 20.0, message: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.2)
    pytest.fail(f"Timed out waiting for {message}")


@pytest.fixture
def server(celery_worker, localstripe, settings):
    from conftest import process_env

    env = process_env(
        DJANGO_SETTINGS_MODULE="commerce.tests.e2e.settings",
        STRIPE_SECRET_KEY=STRIPE_TEST_KEY,
        STRIPE_WEBHOOK_SECRET=STRIPE_TEST_WEBHOOK_SECRET,
        STRIPE_API_BASE=localstripe.url,
        STRIPE_MAX_NETWORK_RETRIES="0",
    )
    proc, base = start_gunicorn(env)
    localstripe.register_webhook(
        hook_id="vwb_e2e",
        url=f"{base}/v1/payments/stripe/webhook",
        secret=STRIPE_TEST_WEBHOOK_SECRET,
        events=["payment_intent.succeeded", "payment_intent.payment_failed"],
    )
    settings.STRIPE_SECRET_KEY = STRIPE_TEST_KEY
    settings.STRIPE_API_BASE = localstripe.url
    settings.STRIPE_MAX_NETWORK_RETRIES = 0
    yield base
    localstripe.register_webhook(
        hook_id="vwb_e2e", url="http://127.0.0.1:9/gone", secret="unused", events=["none"]
    )
    stop(proc)


def test_a_buyer_orders_pays_and_receives_the_barrels(server, mailbox):
    from commerce.payments.stripe_provider import stripe_client

    barrel = BarrelFactory(stock_quantity=3)
    admin = AdminUserFactory()
    anonymous = Http(server)
    email = f"e2e-{uuid.uuid4().hex[:8]}@example.com"

    # Register and log in.
    if route_exists("v1:accounts:register"):
        status, body = anonymous.post(
            "/v1/auth/register",
            {"email": email, "password": TEST_PASSWORD, "first_name": "Eva", "last_name": "Buyer"},
        )
        assert status == 201, body
        from accounts.models import User

        buyer = User.objects.get(email=email)
    else:
        buyer = UserFactory(email=email)
    api = Http(server, token_for(anonymous, buyer))
    staff = Http(server, token_for(anonymous, admin))

    # Browse (when the catalog API is there).
    if route_exists("v1:catalog:barrels"):
        status, body = anonymous.get("/v1/barrels")
        assert status == 200 and body["count"] >= 1

    # Preview, then order with an Idempotency-Key, paying by card.
    order_body = {
        "lines": [{"barrel": barrel.id, "quantity": 2}],
        "shipping_address": {
            "recipient_name": "Eva Buyer",
            "street": "Weinstrasse 1",
            "city": "Mainz",
            "zip_code": "55116",
            "country": "DE",
        },
        "shipping_method_code": "road-pallet",
        "payment_method": "card",
        "stripe_payment_method": "pm_card_visa",
    }
    status, preview = api.post("/v1/orders/preview", order_body)
    assert status == 200 and preview["can_place"], preview
    status, placed = api.post("/v1/orders", order_body, headers={"Idempotency-Key": "e2e-1"})
    assert status == 201, placed
    order = placed["order"]
    assert order["total_amount"] == preview["total"]
    assert order["tax"]["regime"] == "oss_destination"
    status, replay = api.post("/v1/orders", order_body, headers={"Idempotency-Key": "e2e-1"})
    assert status == 200 and replay["order"]["id"] == order["id"]

    # Pay: the storefront confirms the PaymentIntent with its client secret (Stripe.js);
    # localstripe only confirms with a secret key, so the test does it with the SDK.
    intent_id = placed["payment"]["payment_intent_id"]
    assert placed["payment"]["client_secret"].startswith(intent_id)
    assert stripe_client().v1.payment_intents.confirm(intent_id).status == "succeeded"

    # localstripe delivers payment_intent.succeeded to gunicorn about a second later.
    def processing():
        _status, body = api.get(f"/v1/orders/{order['id']}")
        return body if body.get("status") == "processing" else None

    paid = wait_for(processing, message="the webhook to mark the order processing")
    assert paid["amount_paid"] == order["total_amount"]
    assert paid["payments"][0]["status"] == "succeeded"

    # The administrator ships, the carrier delivers, a partial refund is made.
    status, shipped = staff.post(
        f"/v1/admin/orders/{order['id']}/ship",
        {"carrier_code": "dhl-freight", "tracking_number": "JD0145"},
    )
    assert status == 200, shipped
    assert shipped["status"] == "shipped"
    assert shipped["tracking"]["tracking_url"].endswith("JD0145")
    status, delivered = staff.post(f"/v1/admin/orders/{order['id']}/deliver", {})
    assert status == 200 and delivered["status"] == "delivered", delivered
    status, refunded = staff.post(
        f"/v1/admin/orders/{order['id']}/refunds", {"amount": "50.00", "reason": "Stave scratch"}
    )
    assert status == 201, refunded
    assert refunded["order"]["amount_refunded"] == "50.00"
    status, too_much = staff.post(
        f"/v1/admin/orders/{order['id']}/refunds", {"amount": order["total_amount"]}
    )
    assert status == 409 and too_much["code"] == "refund_exceeds_captured"

    # The e-mails, sent by the Celery worker after each commit.
    number = order["number"]
    expected = {
        f"Order {number} received",
        f"Payment received for order {number}",
        f"Order {number} has shipped",
        f"Order {number} was delivered",
        f"Refund for order {number}",
    }

    def all_mail():
        subjects = {m["Subject"] for m in mailbox.to(email)}
        return subjects if expected <= subjects else None

    wait_for(all_mail, timeout=30, message=f"e-mails {expected}")
    shipped_mail = next(m for m in mailbox.to(email) if m["Subject"].endswith("has shipped"))
    assert "JD0145" in shipped_mail.get_body(preferencelist=("plain",)).get_content()
    barrel.refresh_from_db()
    assert (barrel.stock_quantity, barrel.reserved_quantity) == (1, 0)

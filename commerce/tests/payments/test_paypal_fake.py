"""The fake PayPal API is strict like PayPal: a wrong request fails, with PayPal's error shape.
(If the fake accepted anything, the PayPal tests would prove nothing.)"""

import base64
import json

import pytest
import requests

from commerce.tests.fixtures import (
    PAYPAL_TEST_CLIENT_ID,
    PAYPAL_TEST_SECRET,
    PAYPAL_TEST_WEBHOOK_ID,
)

ORDER = {
    "intent": "CAPTURE",
    "purchase_units": [{"amount": {"currency_code": "EUR", "value": "120.00"}, "invoice_id": "I1"}],
}


@pytest.fixture
def api(paypal):
    paypal.fake.reset()
    basic = base64.b64encode(f"{PAYPAL_TEST_CLIENT_ID}:{PAYPAL_TEST_SECRET}".encode()).decode()
    token = requests.post(
        f"{paypal.url}/v1/oauth2/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {basic}"},
        timeout=5,
    ).json()["access_token"]
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    session.base = paypal.url
    return session


def call(session, method, path, **kwargs):
    return session.request(method, session.base + path, timeout=5, **kwargs)


def test_tokens_need_the_client_credentials_and_calls_need_a_token(paypal):
    bad = base64.b64encode(b"someone:wrong").decode()
    refused = requests.post(
        f"{paypal.url}/v1/oauth2/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {bad}"},
        timeout=5,
    )
    assert refused.status_code == 401 and refused.json()["error"] == "invalid_client"
    anonymous = requests.post(f"{paypal.url}/v2/checkout/orders", json=ORDER, timeout=5)
    assert anonymous.status_code == 401
    assert anonymous.json()["name"] == "AUTHENTICATION_FAILURE"
    forged = requests.get(
        f"{paypal.url}/v2/checkout/orders/5O1",
        headers={"Authorization": "Bearer A21AAnope"},
        timeout=5,
    )
    assert forged.status_code == 401


def test_orders_need_json_and_their_required_fields(api):
    not_json = call(
        api,
        "POST",
        "/v2/checkout/orders",
        data="intent=CAPTURE",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert not_json.status_code == 400 and not_json.json()["name"] == "INVALID_REQUEST"
    no_intent = call(api, "POST", "/v2/checkout/orders", json={"purchase_units": []})
    assert no_intent.status_code == 400
    assert no_intent.json()["details"][0] == {
        "issue": "MISSING_REQUIRED_PARAMETER",
        "description": "MISSING_REQUIRED_PARAMETER",
        "field": "/intent",
        "location": "body",
    }
    bad_amount = {**ORDER, "purchase_units": [{"amount": {"currency_code": "EUR", "value": "1,5"}}]}
    response = call(api, "POST", "/v2/checkout/orders", json=bad_amount)
    assert response.status_code == 400
    assert response.json()["details"][0]["issue"] == "INVALID_PARAMETER_VALUE"


def test_the_same_paypal_request_id_returns_the_same_order(api):
    headers = {"PayPal-Request-Id": "req-1"}
    first = call(api, "POST", "/v2/checkout/orders", json=ORDER, headers=headers)
    again = call(api, "POST", "/v2/checkout/orders", json=ORDER, headers=headers)
    other = call(api, "POST", "/v2/checkout/orders", json=ORDER, headers={"PayPal-Request-Id": "2"})
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["id"] == again.json()["id"] != other.json()["id"]
    assert [link["rel"] for link in first.json()["links"]] == ["self", "approve"]


def test_unknown_resources_are_404_resource_not_found(api):
    response = call(api, "GET", "/v2/checkout/orders/5O000000NOPE")
    assert response.status_code == 404
    assert response.json()["name"] == "RESOURCE_NOT_FOUND"
    assert response.json()["details"][0]["issue"] == "INVALID_RESOURCE_ID"
    assert call(api, "GET", "/v2/payments/captures/3C0NOPE").status_code == 404


def test_an_unapproved_order_cannot_be_captured_and_an_order_is_captured_once(api, paypal):
    order_id = call(api, "POST", "/v2/checkout/orders", json=ORDER).json()["id"]
    unapproved = call(api, "POST", f"/v2/checkout/orders/{order_id}/capture", json={})
    assert unapproved.status_code == 422
    assert unapproved.json()["name"] == "UNPROCESSABLE_ENTITY"
    assert unapproved.json()["details"][0]["issue"] == "ORDER_NOT_APPROVED"
    paypal.approve(order_id)
    captured = call(api, "POST", f"/v2/checkout/orders/{order_id}/capture", json={})
    assert captured.status_code == 201
    capture = captured.json()["purchase_units"][0]["payments"]["captures"][0]
    assert capture["status"] == "COMPLETED" and capture["amount"]["value"] == "120.00"
    twice = call(api, "POST", f"/v2/checkout/orders/{order_id}/capture", json={})
    assert twice.status_code == 422
    assert twice.json()["details"][0]["issue"] == "ORDER_ALREADY_CAPTURED"
    fetched = call(api, "GET", f"/v2/payments/captures/{capture['id']}").json()
    assert fetched["supplementary_data"]["related_ids"]["order_id"] == order_id


def test_refunds_are_capped_at_what_remains_of_the_capture(api, paypal):
    order_id = call(api, "POST", "/v2/checkout/orders", json=ORDER).json()["id"]
    paypal.approve(order_id)
    body = call(api, "POST", f"/v2/checkout/orders/{order_id}/capture", json={}).json()
    capture_id = body["purchase_units"][0]["payments"]["captures"][0]["id"]
    path = f"/v2/payments/captures/{capture_id}/refund"
    part = call(api, "POST", path, json={"amount": {"currency_code": "EUR", "value": "100.00"}})
    assert part.status_code == 201 and part.json()["status"] == "COMPLETED"
    over = call(api, "POST", path, json={"amount": {"currency_code": "EUR", "value": "20.01"}})
    assert over.status_code == 422
    assert over.json()["details"][0]["issue"] == "REFUND_AMOUNT_EXCEEDED"
    currency = call(api, "POST", path, json={"amount": {"currency_code": "USD", "value": "1.00"}})
    assert currency.json()["details"][0]["issue"] == "REFUND_CURRENCY_MISMATCH"
    assert call(api, "GET", f"/v2/payments/captures/{capture_id}").json()["status"] == (
        "PARTIALLY_REFUNDED"
    )


def test_only_events_the_fake_signed_for_our_webhook_verify(api, paypal):
    body, headers = paypal.fake.signed_event("PAYMENT.CAPTURE.COMPLETED", {"id": "3C1"})
    event = json.loads(body)
    request = {
        "auth_algo": headers["PAYPAL-AUTH-ALGO"],
        "cert_url": headers["PAYPAL-CERT-URL"],
        "transmission_id": headers["PAYPAL-TRANSMISSION-ID"],
        "transmission_sig": headers["PAYPAL-TRANSMISSION-SIG"],
        "transmission_time": headers["PAYPAL-TRANSMISSION-TIME"],
        "webhook_id": PAYPAL_TEST_WEBHOOK_ID,
        "webhook_event": event,
    }
    path = "/v1/notifications/verify-webhook-signature"
    assert call(api, "POST", path, json=request).json() == {"verification_status": "SUCCESS"}
    tampered = {**request, "webhook_event": {**event, "resource": {"id": "3C2"}}}
    assert call(api, "POST", path, json=tampered).json()["verification_status"] == "FAILURE"
    other_hook = {**request, "webhook_id": "WH-SOMEONE-ELSE"}
    assert call(api, "POST", path, json=other_hook).json()["verification_status"] == "FAILURE"
    missing = {k: v for k, v in request.items() if k != "transmission_sig"}
    assert call(api, "POST", path, json=missing).status_code == 400

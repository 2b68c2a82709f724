"""Pytest fixtures of the commerce app, shared with every app's tests (see the root conftest).

`localstripe`: a session-wide fake Stripe API server (the real `stripe` SDK talks to it).
`stripe_settings`: points the shop at it with a known webhook secret.
`stripe_event`: signs an event body like Stripe does, for webhook tests.
"""

import hashlib
import hmac
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

STRIPE_TEST_KEY = "sk_test_vwb_orders"
STRIPE_TEST_WEBHOOK_SECRET = "whsec_test_vwb_orders"
LOG_PATH = Path(__file__).resolve().parents[2] / ".pytest-localstripe.log"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class LocalStripe:
    def __init__(self, port: int):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    def _request(self, method: str, path: str, data: dict | None = None) -> bytes:
        body = None
        if data is not None:
            from urllib.parse import urlencode

            body = urlencode(data, doseq=True).encode()
        request = urllib.request.Request(
            self.url + path,
            data=body,
            method=method,
            headers={"Authorization": f"Bearer {STRIPE_TEST_KEY}"},
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.read()

    def clear(self) -> None:
        self._request("DELETE", "/_config/data")

    def register_webhook(
        self, *, hook_id: str, url: str, secret: str, events: list[str] | None = None
    ) -> None:
        data: dict = {"url": url, "secret": secret}
        if events:
            data["events[]"] = events
        self._request("POST", f"/_config/webhooks/{hook_id}", data)


@pytest.fixture(scope="session")
def localstripe():
    port = _free_port()
    with open(LOG_PATH, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "localstripe", "--port", str(port), "--from-scratch"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 20
    while not _listening(port):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"localstripe did not start (see {LOG_PATH})")
        time.sleep(0.1)
    server = LocalStripe(port)
    server.clear()
    yield server
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def stripe_settings(settings, localstripe):
    settings.STRIPE_SECRET_KEY = STRIPE_TEST_KEY
    settings.STRIPE_WEBHOOK_SECRET = STRIPE_TEST_WEBHOOK_SECRET
    settings.STRIPE_API_BASE = localstripe.url
    settings.STRIPE_MAX_NETWORK_RETRIES = 0
    return settings


def sign_stripe_payload(
    payload: bytes, secret: str = STRIPE_TEST_WEBHOOK_SECRET, timestamp: int | None = None
) -> str:
    """The Stripe-Signature header Stripe would send for `payload` (v1 HMAC-SHA256)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


@pytest.fixture
def stripe_event():
    """`stripe_event(type, intent_id, event_id=...)` -> (body bytes, Stripe-Signature header)."""
    counter = {"n": 0}

    def make(
        event_type: str,
        intent_id: str,
        *,
        event_id: str | None = None,
        secret: str = STRIPE_TEST_WEBHOOK_SECRET,
        obj: dict | None = None,
    ):
        counter["n"] += 1
        event = {
            "id": event_id or f"evt_test_{int(time.time() * 1000)}_{counter['n']}",
            "object": "event",
            "type": event_type,
            "created": int(time.time()),
            "data": {
                "object": obj
                or {"id": intent_id, "object": "payment_intent", "status": "succeeded"}
            },
        }
        body = json.dumps(event).encode()
        return body, sign_stripe_payload(body, secret)

    return make


# --- PayPal: the fake PayPal API (commerce/tests/fakes), the real SDK pointed at it -----------
PAYPAL_TEST_CLIENT_ID = "AfakeClientIdForTheShop"
PAYPAL_TEST_SECRET = "EfakeSecretNeverShown"
PAYPAL_TEST_WEBHOOK_ID = "WH-FAKE-0001"


@pytest.fixture(scope="session")
def paypal_server():
    from commerce.tests.fakes.paypal_http import PayPalServer

    server = PayPalServer(
        client_id=PAYPAL_TEST_CLIENT_ID,
        secret=PAYPAL_TEST_SECRET,
        webhook_id=PAYPAL_TEST_WEBHOOK_ID,
    ).start()
    yield server
    server.stop()


@pytest.fixture
def paypal(settings, paypal_server):
    """PayPal configured against a fresh fake (orders, captures, refunds cleared)."""
    paypal_server.fake.reset()
    settings.PAYPAL_CLIENT_ID = PAYPAL_TEST_CLIENT_ID
    settings.PAYPAL_CLIENT_SECRET = PAYPAL_TEST_SECRET
    settings.PAYPAL_WEBHOOK_ID = PAYPAL_TEST_WEBHOOK_ID
    settings.PAYPAL_BASE_URL = paypal_server.url
    settings.PAYPAL_MAX_NETWORK_RETRIES = 0
    settings.PAYPAL_TIMEOUT_SECONDS = 5
    return paypal_server

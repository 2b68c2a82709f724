"""The GA4 purchase event of a paid order: built by commerce, sent by accounts with consent."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from accounts.privacy.analytics import ga4_send
from accounts.privacy.consent import consent_set
from accounts.tests.factories import UserFactory
from accounts.tests.privacy.helpers import make_order
from commerce.analytics import on_order_status_changed, purchase_payload
from conftest import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def ga4_receiver(settings):
    port = free_port()
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append({"path": self.path, "json": json.loads(body)})
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.GA4_MEASUREMENT_ID = "G-TEST123"
    settings.GA4_API_SECRET = "test-secret"
    settings.GA4_ENDPOINT = f"http://127.0.0.1:{port}/mp/collect"
    yield received
    server.shutdown()


def test_paid_order_of_a_consenting_user_sends_the_purchase_event(ga4_receiver):
    user = UserFactory()
    consent_set(user=user, purpose="analytics", granted=True)
    order = make_order(user, status="processing")
    assert ga4_send(user_id=order.user_id, payload=purchase_payload(order)) is True
    [hit] = ga4_receiver
    assert "measurement_id=G-TEST123" in hit["path"] and "api_secret=test-secret" in hit["path"]
    event = hit["json"]["events"][0]
    assert event["name"] == "purchase"
    params = event["params"]
    assert params["transaction_id"] == order.number
    assert params["value"] == 620.0 and params["currency"] == "EUR"
    line = order.lines.get()
    assert params["items"] == [
        {"item_id": line.sku, "item_name": line.name, "quantity": 2, "price": 250.0}
    ]


@pytest.mark.parametrize("decision", [None, False])
def test_no_consent_or_withdrawn_consent_sends_nothing(ga4_receiver, decision):
    user = UserFactory()
    if decision is not None:
        consent_set(user=user, purpose="analytics", granted=True)
        consent_set(user=user, purpose="analytics", granted=decision)
    order = make_order(user, status="processing")
    assert ga4_send(user_id=order.user_id, payload=purchase_payload(order)) is False
    assert ga4_receiver == []


def test_the_reaction_is_declared_in_commerce_events():
    from commerce.events import REACTIONS

    assert "commerce.analytics.on_order_status_changed" in REACTIONS


def test_an_order_becoming_paid_queues_the_purchase_event_of_a_consenting_buyer(
    ga4_receiver, django_capture_on_commit_callbacks
):
    user = UserFactory()
    consent_set(user=user, purpose="analytics", granted=True)
    order = make_order(user, status="processing")
    with django_capture_on_commit_callbacks(execute=True):  # the event leaves after commit
        on_order_status_changed(order_id=order.pk, from_status="pending", to_status="processing")
    [hit] = ga4_receiver
    assert hit["json"]["events"][0]["params"]["transaction_id"] == order.number
    assert hit["json"]["user_id"] == str(user.pk)


def test_the_reaction_ignores_other_transitions_and_disabled_ga4(settings):
    settings.GA4_MEASUREMENT_ID = ""
    on_order_status_changed(order_id="x", from_status="pending", to_status="processing")
    settings.GA4_MEASUREMENT_ID, settings.GA4_API_SECRET = "G-1", "s"
    on_order_status_changed(order_id="x", from_status="processing", to_status="shipped")

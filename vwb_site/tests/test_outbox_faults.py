"""Faults with a real broker, a real Celery worker and a real SMTP server.

The broker "stops" for the web process (its publishes go to a dead port) while the worker keeps
the real one, as when Redis is unreachable from the web tier; `broker.up()` brings it back and
the relay (`manage.py outbox_relay --once`) drains the backlog. Each flow answers as with the
broker up, its rows wait, and once the broker is back every e-mail arrives exactly once.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.tests.factories import AdminUserFactory, B2BUserFactory, UserFactory
from catalog.tests.factories import BarrelFactory
from commerce.models import OrderDocument
from commerce.tests.api.helpers import body
from commerce.tests.payments.helpers import card_order, confirm_at_stripe, post_event
from conftest import ROOT, process_env, wait_until
from quotes.tests.factories import request_quote
from vwb_site.outbox.models import OutboxEffect, OutboxMessage, OutboxStatus

pytestmark = pytest.mark.django_db(transaction=True)

REGISTER = "/v1/auth/register"
QUIET = 1.5  # seconds to wait for an e-mail that must not come


@pytest.fixture(autouse=True)
def _relay_at_once(settings):
    settings.OUTBOX_RELAY_GRACE_SECONDS = 0
    settings.OUTBOX_BACKOFF_BASE_SECONDS = 0


def pending(task_name: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(task_name=task_name, status=OutboxStatus.PENDING))


def relay() -> None:
    call_command("outbox_relay", "--once")


def assert_exactly(mailbox, address: str, count: int) -> list:
    wait_until(lambda: len(mailbox.to(address)) >= count, timeout=30, message=f"mail to {address}")
    relay()  # a second pass finds nothing more to send
    time.sleep(QUIET)
    messages = mailbox.to(address)
    assert len(messages) == count, [m["Subject"] for m in messages]
    return messages


def settle(mailbox) -> None:
    """Let what is already queued arrive, then forget it."""
    relay()
    wait_until(
        lambda: not OutboxMessage.objects.filter(status=OutboxStatus.PENDING).exists(),
        timeout=30,
        message="the outbox to be empty",
    )
    time.sleep(QUIET)
    mailbox.clear()


def register(api_client, email: str):
    return api_client.post(
        REGISTER,
        {
            "email": email,
            "password": "barrel-Oak-2026-smoky",
            "first_name": "Camille",
            "last_name": "Durand",
        },
        format="json",
    )


def test_registering_with_the_broker_down_answers_as_with_it_up_and_mails_once_it_is_back(
    celery_worker, broker, api_client, mailbox
):
    up = register(api_client, "up@example.com")
    assert_exactly(mailbox, "up@example.com", 1)
    broker.down()
    down = register(api_client, "down@example.com")
    assert (down.status_code, sorted(down.json())) == (up.status_code, sorted(up.json()))
    assert down.status_code == 201, down.content
    [row] = pending("accounts.send_welcome_email")
    assert "OperationalError" in row.last_error
    time.sleep(QUIET)
    assert mailbox.to("down@example.com") == []
    broker.up()
    relay()
    row.refresh_from_db()
    assert (row.status, row.sent_how) == (OutboxStatus.SENT, "relay")
    [welcome] = assert_exactly(mailbox, "down@example.com", 1)
    assert "Welcome" in welcome["Subject"] or "welcome" in welcome.get_content().lower()


def test_checkout_with_the_broker_down_places_the_order_and_confirms_it_once_later(
    celery_worker, broker, client_for, b2c_user, mailbox, stripe_settings
):
    barrel = BarrelFactory(price=Decimal("290.00"), stock_quantity=5)
    broker.down()
    response = client_for(b2c_user).post("/v1/orders", body((barrel, 1)), format="json")
    assert response.status_code == 201, response.content
    number = response.json()["order"]["number"]
    assert pending("commerce.send_order_email")
    time.sleep(QUIET)
    assert mailbox.to(b2c_user.email) == []
    broker.up()
    relay()
    [confirmation] = assert_exactly(mailbox, b2c_user.email, 1)
    assert confirmation["Subject"] == f"Order {number} received"


def test_a_stripe_webhook_with_the_broker_down_marks_the_order_paid_and_mails_once_later(
    celery_worker, broker, api_client, mailbox, stripe_settings, stripe_event
):
    order, payment, _ = card_order()
    confirm_at_stripe(payment)
    settle(mailbox)  # the order's confirmation: not under test
    broker.down()
    event, signature = stripe_event("payment_intent.succeeded", payment.provider_reference)
    response = post_event(api_client, event, signature)
    assert response.status_code == 200, response.content
    assert response.json() == {"received": True, "outcome": "processed"}
    order.refresh_from_db()
    assert order.status == "processing"
    assert pending("commerce.send_order_email")
    assert pending("commerce.shipping.generate_order_document")  # the invoice
    broker.up()
    relay()
    [paid] = assert_exactly(mailbox, order.customer_email, 1)
    assert paid["Subject"] == f"Payment received for order {order.number}"
    wait_until(
        lambda: OrderDocument.objects.filter(order=order).exists(), timeout=30, message="invoice"
    )
    assert OrderDocument.objects.filter(order=order).count() == 1


def test_a_quote_offer_with_the_broker_down_is_sent_and_mailed_once_later(
    celery_worker, broker, client_for, mailbox
):
    buyer = B2BUserFactory()
    admin = AdminUserFactory()
    barrel = BarrelFactory(stock_quantity=5)
    quote = request_quote(user=buyer, barrel=barrel)
    assert_exactly(mailbox, buyer.email, 1)  # request received
    broker.down()
    response = client_for(admin).post(
        f"/v1/quotes/{quote.pk}/versions",
        {
            "lines": [
                {
                    "barrel": barrel.slug,
                    "quantity": 2,
                    "unit_price": "250.00",
                    "discount_percent": "10",
                }
            ],
            "freight": {"amount": "120.00"},
            "valid_until": str(timezone.localdate() + timedelta(days=14)),
            "payment_terms": "bank_transfer",
            "message": "Best price.",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert pending("quotes.send_quote_email")
    broker.up()
    relay()
    messages = assert_exactly(mailbox, buyer.email, 2)
    offer = next(m for m in messages if "offer version 1" in m["Subject"])
    assert [a.get_filename() for a in offer.iter_attachments()] == [f"{quote.number}-v1.pdf"]


# --- the worker killed in the middle of a task ------------------------------------------------


def start_worker(log_name: str, **env) -> subprocess.Popen:
    from vwb_site.celery_app import app

    nodename = f"vwb-fault-{os.getpid()}-{time.monotonic_ns()}@{socket.gethostname()}"
    with open(ROOT / log_name, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "vwb_site", "worker", "--pool", "solo",
             "--without-gossip", "--without-mingle", "--without-heartbeat",
             "--hostname", nodename, "--queues", app.conf.task_default_queue,
             "--loglevel", "INFO"],
            cwd=ROOT, env=process_env(**env), stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    wait_until(
        lambda: proc.poll() is None and app.control.ping(destination=[nodename], timeout=0.5),
        timeout=30,
        message="the Celery worker to answer a ping",
    )
    return proc


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait()


class BlackHoleSMTP:
    """A TCP port that accepts connections and never says a word: an SMTP send hangs there."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.connected = threading.Event()
        self._held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self._held.append(conn)
            self.connected.set()

    def close(self):
        for conn in self._held:
            conn.close()
        self.sock.close()


def test_a_worker_killed_in_the_middle_of_a_task_runs_it_again_and_mails_once(
    transactional_db, settings, celery_conf, mailbox
):
    celery_conf(task_always_eager=False)
    hole = BlackHoleSMTP()
    # Unacknowledged tasks come back after 2 s (production: an hour, CELERY_VISIBILITY_TIMEOUT).
    first = start_worker(
        ".pytest-worker-killed.log", EMAIL_PORT=str(hole.port), CELERY_VISIBILITY_TIMEOUT="2"
    )
    second = None
    try:
        user = UserFactory(email="killed@example.com")
        from accounts.tasks import send_welcome_email
        from vwb_site.tasks import dispatch_on_commit

        dispatch_on_commit(send_welcome_email, user.pk)  # autocommit: sent at once
        [row] = OutboxMessage.objects.filter(task_name="accounts.send_welcome_email")
        assert row.status == OutboxStatus.SENT
        assert hole.connected.wait(30), "the task never reached its SMTP send"
        os.kill(first.pid, signal.SIGKILL)  # mid-task: connected, nothing sent, not acked
        first.wait()
        assert mailbox.to("killed@example.com") == []
        assert not OutboxEffect.objects.filter(key__endswith=str(row.pk)).exists()
        second = start_worker(".pytest-worker-second.log", CELERY_VISIBILITY_TIMEOUT="2")
        wait_until(lambda: mailbox.to("killed@example.com"), timeout=60, message="the redelivery")
        time.sleep(3)  # past another visibility timeout: no third delivery sends again
        assert len(mailbox.to("killed@example.com")) == 1
        assert OutboxEffect.objects.filter(key=f"accounts.send_welcome_email:{row.pk}").exists()
    finally:
        stop(first)
        if second is not None:
            stop(second)
        hole.close()


# --- the relay killed between handing a row to the broker and marking it sent ----------------

CRASHING_RELAY = """
import os, django
django.setup()
from vwb_site.celery_app import app
app.conf.task_always_eager = False  # publish to the real broker, as a deployed relay does
from vwb_site.outbox import services
def crash(ids, now):  # the broker has the rows; the process dies before marking them sent
    os._exit(17)
services._mark_sent = crash
from django.core.management import call_command
call_command("outbox_relay", "--once")
"""


def test_a_relay_killed_between_send_and_mark_sends_again_and_the_email_goes_once(
    celery_worker, broker, api_client, mailbox
):
    broker.down()
    assert register(api_client, "relay@example.com").status_code == 201
    [row] = pending("accounts.send_welcome_email")
    broker.up()
    crashed = subprocess.run(
        [sys.executable, "-c", CRASHING_RELAY],
        cwd=ROOT,
        env=process_env(OUTBOX_RELAY_GRACE_SECONDS="0"),
        capture_output=True,
        timeout=60,
    )
    assert crashed.returncode == 17, crashed.stderr.decode()[-2000:]
    wait_until(lambda: mailbox.to("relay@example.com"), timeout=30, message="the first send")
    row.refresh_from_db()
    assert row.status == OutboxStatus.PENDING  # its mark was lost with the relay
    relay()  # a healthy relay sends it again
    row.refresh_from_db()
    assert (row.status, row.sent_how) == (OutboxStatus.SENT, "relay")
    assert_exactly(mailbox, "relay@example.com", 1)
    wait_until(
        lambda: (
            "accounts.send_welcome_email" in (ROOT / ".pytest-worker.log").read_text()
            and (ROOT / ".pytest-worker.log").read_text().count(str(row.pk)) >= 2
        ),
        timeout=30,
        message="the worker to receive the row twice",
    )

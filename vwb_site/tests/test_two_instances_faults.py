"""Faults of the shared pieces, with two of each running (`vwb_site.tests.cluster`):

- the object store down: a document download answers 503 in the problem format, and the
  document a worker was asked for is deferred through the outbox (never dead-lettered) and
  generated, once, when the store is back;
- the object store hanging: a download answers 503 within the boto timeouts;
- beat exactly one: two beats started by mistake send the periodic work once (the leader
  lease), a standby takes over when the leader dies; without the lease they double it.
"""

import json
import re
import signal
import time
import urllib.error
import urllib.request

import pytest
from django.utils import timezone

from accounts.tests.factories import AdminUserFactory
from commerce.models import Order, OrderDocument, OrderStatus
from commerce.shipping.tests.conftest import ensure_default_shipping_data
from commerce.shipping.tests.factories import make_order
from commerce.tests.e2e.server import Http
from conftest import ROOT, wait_until
from vwb_site.outbox.models import OutboxMessage, OutboxStatus

# Replaces the root conftest's FLUSHDB, which would drop the running workers' queue bindings.
from vwb_site.tests.cluster import _clean_cache, api_token, end, start_beat  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DOCUMENT_TASK = "commerce.shipping.generate_order_document"


def pay_through_a(cluster, *, count: int = 1) -> list[Order]:
    ensure_default_shipping_data()
    staff = Http(cluster.a, api_token(Http(cluster.a), AdminUserFactory()))
    orders = []
    for _ in range(count):
        order = make_order(status=OrderStatus.PENDING)
        Order.objects.filter(pk=order.pk).update(payment_method="bank_transfer")
        status, body = staff.post(
            f"/v1/admin/orders/{order.pk}/bank-transfers", {"amount": str(order.total_amount)}
        )
        assert status == 201, body
        orders.append(order)
    return orders


def invoice_of(order: Order) -> OrderDocument | None:
    return OrderDocument.objects.filter(order=order, kind="invoice").exclude(file="").first()


def download(cluster, base: str, order: Order) -> tuple[int, dict | bytes, float]:
    token = api_token(Http(base), order.user)
    request = urllib.request.Request(
        f"{base}/v1/orders/{order.pk}/documents/invoice",
        headers={"Authorization": f"Bearer {token}", "Accept": "application/pdf"},
    )
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read(), time.monotonic() - started
    except urllib.error.HTTPError as exc:
        elapsed = time.monotonic() - started
        assert exc.headers["Content-Type"] == "application/problem+json"
        return exc.code, json.loads(exc.read()), elapsed


def test_store_down_the_document_is_deferred_through_the_outbox_and_made_once_it_is_back(
    cluster, store
):
    store.down()
    [order] = pay_through_a(cluster)  # the payment itself needs no store: 201
    rows = OutboxMessage.objects.filter(task_name=DOCUMENT_TASK)

    def deferred(at_least: int):
        return rows.filter(last_error__startswith="deferred:").count() >= at_least

    # The worker's run failed on the store and recorded the task again, due later; the relay
    # sends it when due, it fails again, and so on while the store is down.
    wait_until(lambda: deferred(2), timeout=30, message="two deferrals while the store is down")
    assert invoice_of(order) is None
    assert not rows.filter(status=OutboxStatus.DEAD).exists()
    assert rows.filter(status=OutboxStatus.PENDING).count() <= 1  # the next try, only one
    first = rows.order_by("created_at").first()
    assert all(row.created_at == first.created_at for row in rows)  # one effect, its age kept
    status, problem, _ = download(cluster, cluster.b, order)
    assert status == 404 and problem["code"] == "document_not_found", problem  # nothing half made

    store.up()
    doc = wait_until(lambda: invoice_of(order), timeout=30, message="the invoice after recovery")
    # Made once, and the failed runs left nothing: no number taken, no count, no dead row.
    assert doc.generation_count == 1
    assert doc.number == f"INV-{timezone.now().year}-000001"
    wait_until(lambda: not rows.filter(status=OutboxStatus.PENDING).exists(), timeout=10)
    assert not rows.filter(status=OutboxStatus.DEAD).exists()
    status, body, _ = download(cluster, cluster.b, order)
    assert status == 200 and body.startswith(b"%PDF")


def test_store_hanging_or_down_a_download_answers_503_within_the_timeouts(cluster, store):
    [order] = pay_through_a(cluster)
    wait_until(lambda: invoice_of(order), timeout=30, message="the invoice")
    store.hang()  # accepts connections, never answers
    status, problem, elapsed = download(cluster, cluster.b, order)
    assert status == 503 and problem["code"] == "storage_unavailable", problem
    # Two attempts, each cut by the 2 s read timeout: seconds, never the worker's 30 s limit.
    assert 1.9 < elapsed < 9, f"{elapsed:.1f}s"
    store.down()  # refuses connections
    status, problem, elapsed = download(cluster, cluster.a, order)
    assert status == 503 and problem["code"] == "storage_unavailable", problem
    assert elapsed < 5, f"{elapsed:.1f}s"
    # Writing in the request (an administrator regenerates it): 503 too, nothing changed.
    staff = Http(cluster.a, api_token(Http(cluster.a), AdminUserFactory()))
    status, problem = staff.post(f"/v1/admin/orders/{order.pk}/documents/invoice/regenerate")
    assert status == 503 and problem["code"] == "storage_unavailable", problem
    assert invoice_of(order).generation_count == 1
    store.up()
    status, body, _ = download(cluster, cluster.b, order)
    assert status == 200 and body.startswith(b"%PDF")


def test_the_store_timeouts_keep_a_request_under_the_web_workers_timeout(monkeypatch):
    """Production's defaults: a store that never answers costs a request at most its attempts
    times (connect + read timeout), plus a short backoff: under gunicorn's worker timeout."""
    import environ

    from vwb_site.settings.storage import object_storage

    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "any")
    config = object_storage(environ.Env())["AWS_S3_CLIENT_CONFIG"]
    assert (config.connect_timeout, config.read_timeout) == (2.0, 10.0)
    assert config.retries == {"max_attempts": 2, "mode": "standard"}
    worst = config.retries["max_attempts"] * (config.connect_timeout + config.read_timeout)
    conf = (ROOT / "gunicorn.conf.py").read_text()
    gunicorn_timeout = int(re.search(r'"GUNICORN_TIMEOUT", "(\d+)"', conf).group(1))
    assert worst + 2 < gunicorn_timeout


# --- beat -----------------------------------------------------------------------------------

SENT = "Sending due task outbox-relay-backstop"


def log_events(path) -> list[dict]:
    events = []
    for line in path.read_text(errors="replace").splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict) and "event" in event:
            events.append(event)
    return events


def sends(path) -> list[str]:
    """Timestamps of the beat's sends of the outbox backstop (every second here)."""
    return [e["timestamp"] for e in log_events(path) if SENT in str(e["event"])]


def relay_runs(cluster) -> list[str]:
    pattern = r"Task vwb_site\.outbox_relay\[([0-9a-f-]{36})\] succeeded"
    return re.findall(pattern, cluster.worker_log())


def two_beats(cluster, tmp_path, **env):
    env = {
        **cluster.env,
        "OUTBOX_BEAT_RELAY_SECONDS": "1",
        "BEAT_LEADER_LEASE_SECONDS": "3",
        "BEAT_LEADER_RETRY_SECONDS": "0.5",
        **env,
    }
    logs = [tmp_path / f"beat-{n}.log" for n in (1, 2)]
    procs = [
        start_beat(env, schedule=tmp_path / f"schedule-{n}", log_path=log)
        for n, log in enumerate(logs)
    ]
    return procs, logs


def wait_drained(cluster, expected: int, before: int) -> list[str]:
    wait_until(
        lambda: len(relay_runs(cluster)) - before >= expected, timeout=30, message="the runs"
    )
    time.sleep(1.5)  # anything more would show by now
    return relay_runs(cluster)[before:]


def test_two_beats_send_the_periodic_work_once_and_a_standby_takes_over(cluster, tmp_path):
    before = len(relay_runs(cluster))
    procs, logs = two_beats(cluster, tmp_path)
    try:
        roles = wait_until(
            lambda: (
                [
                    next(
                        (e["event"] for e in log_events(p) if e["event"].startswith("beat_")), None
                    )
                    for p in logs
                ]
                if all(any(e["event"].startswith("beat_") for e in log_events(p)) for p in logs)
                else None
            ),
            timeout=60,
            message="both beats to ask for the lease",
        )
        assert sorted(roles) == ["beat_leader", "beat_standby"], roles
        leader = roles.index("beat_leader")
        standby = 1 - leader
        time.sleep(5)
        assert len(sends(logs[leader])) >= 3 and sends(logs[standby]) == []
        procs[leader].send_signal(signal.SIGKILL)  # dies holding the lease
        procs[leader].wait()
        killed_at = timezone.now().isoformat()
        wait_until(lambda: len(sends(logs[standby])) >= 3, timeout=20, message="a takeover")
    finally:
        for proc in procs:
            end(proc)
    led, took_over = sends(logs[leader]), sends(logs[standby])
    # Never two senders: every send of the standby comes after the leader's last one.
    assert max(led) < min(took_over), (led, took_over)
    assert min(took_over) > killed_at[:19]
    # Each send ran once, in one of the two workers.
    runs = wait_drained(cluster, len(led) + len(took_over), before)
    assert len(runs) == len(set(runs)) == len(led) + len(took_over)


def test_without_the_lease_two_beats_double_the_periodic_work(cluster, tmp_path):
    """The control: the test above would see a second beat's sends."""
    procs, logs = two_beats(cluster, tmp_path, BEAT_LEADER_LOCK="false")
    try:
        wait_until(
            lambda: all(len(sends(p)) >= 3 for p in logs), timeout=60, message="both beats send"
        )
    finally:
        for proc in procs:
            end(proc)

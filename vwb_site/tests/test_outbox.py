"""The outbox in one process: rows written with their cause, the fast path, the relay, the
dead-letter state, the admin screen and the gauges. Faults with a real worker are in
test_outbox_faults.py."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from prometheus_client.parser import text_string_to_metric_families

from accounts.tasks import send_welcome_email
from accounts.tests.factories import UserFactory
from vwb_site.outbox.models import OutboxEffect, OutboxMessage, OutboxStatus
from vwb_site.outbox.selectors import outbox_stats
from vwb_site.outbox.services import outbox_enqueue, outbox_purge, outbox_relay_batch
from vwb_site.tasks import dispatch_on_commit, record_heartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def relay_only(settings):
    """No fast path, no grace: every row waits for the relay, which may send it at once."""
    settings.OUTBOX_FAST_PATH = False
    settings.OUTBOX_RELAY_GRACE_SECONDS = 0
    settings.OUTBOX_BACKOFF_BASE_SECONDS = 0


def test_a_row_is_written_in_the_callers_transaction_and_rolls_back_with_it():
    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        dispatch_on_commit(record_heartbeat, "rolled-back")
        assert OutboxMessage.objects.filter(args=["rolled-back"]).exists()
        raise Boom
    assert not OutboxMessage.objects.filter(args=["rolled-back"]).exists()


def test_the_fast_path_sends_after_commit_and_marks_the_row_sent(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        row = outbox_enqueue(record_heartbeat, "fast")
    assert cache.get("fast") is None  # nothing before commit
    row.refresh_from_db()
    assert row.status == OutboxStatus.PENDING and row.task_name == "vwb_site.record_heartbeat"
    for callback in callbacks:
        callback()
    row.refresh_from_db()
    assert (row.status, row.sent_how) == (OutboxStatus.SENT, "fast_path")
    assert row.sent_at is not None
    assert cache.get("fast")["task_id"] == str(row.pk)  # the row id is the task id


def test_with_the_broker_down_the_fast_path_swallows_the_error_and_the_row_waits(
    broker, django_capture_on_commit_callbacks
):
    broker.down()
    with django_capture_on_commit_callbacks(execute=True):
        row = outbox_enqueue(record_heartbeat, "down")  # raises nothing
    row.refresh_from_db()
    assert row.status == OutboxStatus.PENDING
    assert "OperationalError" in row.last_error
    assert row.attempts == 0  # an outage is not the row's fault
    # Within the cool-down the fast path stands aside: no request pays a second failed connect.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = outbox_enqueue(record_heartbeat, "down-2")
    assert callbacks == []
    second.refresh_from_db()
    assert (second.status, second.last_error) == (OutboxStatus.PENDING, "")


def test_the_relay_sends_what_is_due_and_marks_it_sent_by_the_relay(relay_only):
    rows = [outbox_enqueue(record_heartbeat, f"relayed-{n}") for n in range(3)]
    assert outbox_relay_batch()["sent"] == 3
    for row in rows:
        row.refresh_from_db()
        assert (row.status, row.sent_how) == (OutboxStatus.SENT, "relay")
        assert cache.get(row.args[0])["task_id"] == str(row.pk)
    assert outbox_relay_batch()["sent"] == 0  # nothing is sent twice


def test_the_relay_leaves_fresh_rows_to_the_fast_path(settings):
    settings.OUTBOX_FAST_PATH = False
    settings.OUTBOX_RELAY_GRACE_SECONDS = 60
    outbox_enqueue(record_heartbeat, "fresh")
    assert outbox_relay_batch()["sent"] == 0


def test_a_broker_outage_counts_no_attempt_and_kills_no_row(relay_only, broker, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    row = outbox_enqueue(record_heartbeat, "outage")
    broker.down()
    for _ in range(3):
        counts = outbox_relay_batch()
        assert counts["broker_down"] is True and counts["sent"] == 0
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 0)
    assert "OperationalError" in row.last_error


def test_a_row_that_keeps_failing_is_dead_after_the_configured_tries(relay_only, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    row = outbox_enqueue("nobody.has_this_task", 1)
    outcomes = [outbox_relay_batch() for _ in range(4)]
    assert [o["failed"] for o in outcomes] == [1, 1, 1, 0]
    assert [o["dead"] for o in outcomes] == [0, 0, 1, 0]
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutboxStatus.DEAD, 3)
    assert "nobody.has_this_task" in row.last_error
    assert outbox_stats()["dead"] == 1


def test_backoff_makes_a_failed_row_wait_before_the_next_try(relay_only, settings):
    settings.OUTBOX_BACKOFF_BASE_SECONDS = 30
    row = outbox_enqueue("nobody.has_this_task")
    assert outbox_relay_batch()["failed"] == 1
    assert outbox_relay_batch()["failed"] == 0  # not due yet
    row.refresh_from_db()
    assert (row.available_at - row.created_at).total_seconds() >= 29


def test_a_task_delivered_twice_sends_its_email_once(mailbox):
    user = UserFactory()
    first = send_welcome_email.apply(args=[user.pk], task_id="row-1").get()
    second = send_welcome_email.apply(args=[user.pk], task_id="row-1").get()
    assert first and second is None
    assert len(mailbox.wait_for(1)) == 1
    assert OutboxEffect.objects.filter(key="accounts.send_welcome_email:row-1").count() == 1
    send_welcome_email.apply(args=[user.pk], task_id="row-2").get()  # another row: another mail
    assert len(mailbox.wait_for(2)) == 2


def test_a_failed_effect_leaves_no_marker_so_the_next_delivery_does_it(mailbox, settings):
    user = UserFactory()
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 1  # nothing listens: the send fails
    with pytest.raises(OSError):
        send_welcome_email.apply(args=[user.pk], task_id="row-f", throw=True, retries=5).get()
    assert not OutboxEffect.objects.filter(key__endswith=":row-f").exists()
    settings.EMAIL_PORT = port
    assert send_welcome_email.apply(args=[user.pk], task_id="row-f").get()
    assert len(mailbox.wait_for(1)) == 1


def test_purge_deletes_old_sent_rows_and_markers_and_keeps_dead_ones(relay_only, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    sent = outbox_enqueue(record_heartbeat, "old")
    dead = outbox_enqueue("nobody.has_this_task")
    outbox_relay_batch()
    OutboxEffect.objects.create(key="x:old")
    assert outbox_purge(older_than_days=-1) == {"messages": 1, "effects": 1}
    assert not OutboxMessage.objects.filter(pk=sent.pk).exists()
    assert OutboxMessage.objects.get(pk=dead.pk).status == OutboxStatus.DEAD


def _samples(client) -> dict:
    response = client.get("/metrics")
    assert response.status_code == 200
    return {
        sample.name: sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
        if sample.name.startswith("vwb_outbox_")
    }


def test_metrics_show_the_backlog_the_oldest_pending_age_and_the_dead_rows(
    client, relay_only, settings
):
    assert _samples(client) == {
        "vwb_outbox_backlog": 0,
        "vwb_outbox_oldest_pending_age_seconds": 0,
        "vwb_outbox_dead": 0,
    }
    settings.OUTBOX_MAX_ATTEMPTS = 1
    outbox_enqueue("nobody.has_this_task")
    outbox_relay_batch()
    settings.OUTBOX_RELAY_GRACE_SECONDS = 60  # these two stay pending
    first = outbox_enqueue(record_heartbeat, "a")
    outbox_enqueue(record_heartbeat, "b")
    OutboxMessage.objects.filter(pk=first.pk).update(
        created_at=first.created_at - timedelta(seconds=90)
    )
    samples = _samples(client)
    assert samples["vwb_outbox_backlog"] == 2
    assert samples["vwb_outbox_dead"] == 1
    assert 90 <= samples["vwb_outbox_oldest_pending_age_seconds"] < 120


def test_the_admin_lists_rows_by_status_and_sends_a_dead_one_again(
    client, admin, relay_only, settings
):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    dead = outbox_enqueue("nobody.has_this_task")
    outbox_relay_batch()
    sent = outbox_enqueue(record_heartbeat, "listed")
    outbox_relay_batch()
    client.force_login(admin)
    listing = client.get(reverse("outbox:index"), {"status": "dead"})
    assert listing.status_code == 200
    assert "nobody.has_this_task" in listing.content.decode()
    assert "vwb_site.record_heartbeat" not in listing.content.decode()
    inspect_sent = client.get(reverse("outbox:inspect", args=[sent.pk]))
    assert inspect_sent.status_code == 200
    assert "Send again" not in inspect_sent.content.decode()  # only a dead row offers it
    inspect_dead = client.get(reverse("outbox:inspect", args=[dead.pk])).content.decode()
    assert "Send again" in inspect_dead
    assert f'action="{reverse("outbox:retry", args=[dead.pk])}"' in inspect_dead
    assert client.get(reverse("outbox:retry", args=[dead.pk])).status_code == 405
    response = client.post(reverse("outbox:retry", args=[dead.pk]))
    assert response.status_code == 302
    dead.refresh_from_db()
    assert (dead.status, dead.attempts) == (OutboxStatus.PENDING, 0)


def test_a_customer_cannot_see_the_outbox_or_retry_a_row(client, relay_only):
    customer = UserFactory()
    row = outbox_enqueue("nobody.has_this_task")
    client.force_login(customer)
    assert client.get(reverse("outbox:index")).status_code in (302, 403)
    assert client.post(reverse("outbox:retry", args=[row.pk])).status_code in (302, 403)
    row.refresh_from_db()
    assert row.attempts == 0 and row.status == OutboxStatus.PENDING

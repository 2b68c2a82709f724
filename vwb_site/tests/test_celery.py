"""Celery: a real worker runs tasks sent on commit, with the request id of the sender."""

import json
import socket
import uuid

import kombu.pools
import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from conftest import ROOT, wait_until
from vwb_site.api.request_context import bind_request_id, unbind_request_id
from vwb_site.celery_app import app, task_packages
from vwb_site.tasks import RETRYING, dispatch_on_commit, record_heartbeat

RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672//"


def rabbitmq_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5672), timeout=1):
            return True
    except OSError:
        return False


def reset_connection_pool() -> None:
    """Drop pooled broker connections so the next send uses the current broker URL."""
    kombu.pools.reset()  # closes and forgets every pooled connection and producer
    app._pool = None
    app.amqp._producer_pool = None


def send_heartbeat_in_a_transaction(request_id: str) -> str:
    """What a service does: write, then send the side effect when the transaction commits."""
    key = f"heartbeat:{uuid.uuid4().hex}"
    bind_request_id(request_id)
    try:
        with transaction.atomic():
            dispatch_on_commit(record_heartbeat, key)
            # Not sent before the commit: a rollback here would send nothing.
            assert cache.get(key) is None
    finally:
        unbind_request_id()
    return key


def worker_log_lines() -> list[dict]:
    lines = []
    for raw in (ROOT / ".pytest-worker.log").read_text().splitlines():
        if raw.startswith("{"):
            lines.append(json.loads(raw))
    return lines


def assert_worker_ran_it(key: str, request_id: str) -> None:
    result = wait_until(lambda: cache.get(key), timeout=20, message=f"the worker to write {key}")
    assert result["request_id"] == request_id
    assert result["task_id"]
    # The worker's own JSON log line for the task carries the request id too.
    line = wait_until(
        lambda: [
            ln
            for ln in worker_log_lines()
            if ln.get("event") == "heartbeat_recorded" and ln.get("key") == key
        ],
        timeout=5,
        message="the worker's log line",
    )[0]
    assert line["request_id"] == request_id
    assert line["task"] == "vwb_site.record_heartbeat"


def test_a_real_worker_on_redis_runs_a_task_sent_on_commit_with_the_request_id(celery_worker):
    assert app.conf.broker_url.startswith("redis://")
    key = send_heartbeat_in_a_transaction("req-redis-1")
    assert_worker_ran_it(key, "req-redis-1")


def test_nothing_is_sent_when_the_transaction_rolls_back(celery_worker):
    key = f"heartbeat:{uuid.uuid4().hex}"

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        dispatch_on_commit(record_heartbeat, key)
        raise Abort
    # A task sent after the aborted one is run; the aborted one never was.
    sentinel = send_heartbeat_in_a_transaction("after-rollback")
    wait_until(lambda: cache.get(sentinel), timeout=20, message="the sentinel task")
    assert cache.get(key) is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not rabbitmq_reachable(), reason="RabbitMQ is not running on 127.0.0.1:5672")
def test_a_real_worker_on_rabbitmq_runs_a_task_sent_on_commit(request, settings, celery_conf):
    # Switching the broker is a change of URL, for the sender and for the worker process.
    settings.CELERY_BROKER_URL = RABBITMQ_URL
    celery_conf(broker_url=RABBITMQ_URL)
    reset_connection_pool()
    request.addfinalizer(reset_connection_pool)
    request.getfixturevalue("celery_worker")
    key = send_heartbeat_in_a_transaction("req-amqp-1")
    assert_worker_ran_it(key, "req-amqp-1")


def test_tasks_are_acknowledged_late_and_retried_with_backoff():
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert RETRYING["acks_late"] is True
    assert RETRYING["retry_backoff"] is True
    assert RETRYING["max_retries"] >= 3
    assert record_heartbeat.acks_late is True
    assert record_heartbeat.retry_backoff is True
    assert record_heartbeat.max_retries == RETRYING["max_retries"]
    assert ConnectionError in record_heartbeat.autoretry_for


def test_autodiscovery_finds_the_tasks_of_app_subpackages_without_a_list_of_modules():
    assert getattr(settings, "CELERY_IMPORTS", ()) == ()  # nothing to keep in step
    packages = task_packages()
    assert {"commerce", "commerce.orders", "commerce.shipping", "accounts.privacy"} <= set(packages)
    assert "commerce.tests" not in packages  # only subpackages that have a tasks.py
    app.loader.import_default_modules()  # what a worker does when it starts
    assert {
        "commerce.send_order_email",
        "commerce.expire_unpaid_orders",
        "commerce.reconcile_payments",
        "commerce.shipping.generate_order_document",
    } <= set(app.tasks)

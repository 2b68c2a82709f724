"""The worker-local copy of a Redis key, invalidated by Redis key tracking (a real Redis)."""

import uuid

import pytest
import redis
from django.conf import settings

from conftest import poll_until
from vwb_site.redis_tracking import TrackedKey


@pytest.fixture
def redis_client():
    return redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])


@pytest.fixture
def tracked(redis_client):
    key = f"vwb-tracking-test:{uuid.uuid4().hex}:version"
    redis_client.set(key, 7)
    tracker = TrackedKey(settings.CACHES["default"]["LOCATION"], key)
    assert tracker.wait_live(5)
    yield tracker, key
    tracker.stop()
    redis_client.delete(key)


def _read_and_keep(tracker, redis_client, key):
    _value, epoch = tracker.snapshot()
    tracker.keep(int(redis_client.get(key)), epoch)


def test_a_kept_value_is_served_until_someone_changes_the_key(tracked, redis_client):
    tracker, key = tracked
    assert tracker.snapshot()[0] is None  # nothing read yet
    _read_and_keep(tracker, redis_client, key)
    assert tracker.snapshot()[0] == 7
    other = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    other.incr(key)  # another client (another worker) changes it
    assert poll_until(lambda: tracker.snapshot()[0] is None, 2)
    _read_and_keep(tracker, redis_client, key)
    assert tracker.snapshot()[0] == 8


def test_other_keys_do_not_invalidate_it(tracked, redis_client):
    tracker, key = tracked
    _read_and_keep(tracker, redis_client, key)
    redis_client.set(f"{key}-unrelated-suffix".replace(":version", ":other"), 1)
    redis_client.incr(f"vwb-tracking-test:{uuid.uuid4().hex}")
    assert not poll_until(lambda: tracker.snapshot()[0] is None, 0.3)


def test_a_value_read_before_a_change_is_not_kept_after_it(tracked, redis_client):
    tracker, key = tracked
    _value, epoch = tracker.snapshot()
    stale = int(redis_client.get(key))
    redis_client.incr(key)
    assert poll_until(lambda: tracker.snapshot()[1] != epoch, 2)
    tracker.keep(stale, epoch)  # the read raced with the change: refused
    assert tracker.snapshot()[0] is None


def test_forget_is_immediate_for_the_process_that_writes(tracked, redis_client):
    tracker, key = tracked
    _read_and_keep(tracker, redis_client, key)
    tracker.forget()
    assert tracker.snapshot()[0] is None


def test_flushdb_and_expiry_invalidate_it(tracked, redis_client):
    tracker, key = tracked
    _read_and_keep(tracker, redis_client, key)
    redis_client.pexpire(key, 50)
    assert poll_until(lambda: tracker.snapshot()[0] is None, 2)


@pytest.mark.parametrize("victim", ["subscribe", "client|tracking"])
def test_a_lost_connection_stops_the_copy_until_tracking_is_back(tracked, redis_client, victim):
    tracker, key = tracked
    _read_and_keep(tracker, redis_client, key)
    killed = [
        c
        for c in redis_client.client_list()
        if c.get("cmd") == victim
        or (
            victim == "client|tracking"
            and "t" in c.get("flags", "")
            and c.get("cmd") in ("client|tracking", "ping")
        )
    ]
    assert killed
    for client in killed:
        redis_client.client_kill_filter(_id=client["id"])
    # Dropping the tracking connection is silent (no message): the PING probe finds it.
    assert poll_until(lambda: not tracker.live, 3)
    assert tracker.snapshot()[0] is None
    assert tracker.wait_live(5)
    assert tracker.snapshot()[0] is None  # a new session starts from nothing
    _read_and_keep(tracker, redis_client, key)
    redis_client.incr(key)
    assert poll_until(lambda: tracker.snapshot()[0] is None, 2)


def test_no_redis_no_copy_and_retries_back_off():
    import time

    from conftest import free_port

    tracker = TrackedKey(f"redis://127.0.0.1:{free_port()}/0", "anything", retry_seconds=0.05)
    started = time.monotonic()
    assert not tracker.wait_live(1.0)
    assert tracker.snapshot()[0] is None
    tracker.keep(1, tracker.snapshot()[1])
    assert tracker.snapshot()[0] is None
    # Waits of 0.1, 0.2, 0.4, 0.8 s after refused attempts: about 4 in the first second, not
    # one every 0.05 s (about 20).
    elapsed = time.monotonic() - started
    assert 2 <= tracker.attempts <= 5, (tracker.attempts, elapsed)
    tracker.stop()

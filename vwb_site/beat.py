"""Celery beat, exactly one: the scheduler sends only while it holds a leader lease in Redis.

Every beat process runs `LeaderScheduler` (CELERY_BEAT_SCHEDULER). Each tick, before it sends
anything, it renews its lease, or takes it if nobody holds it:

- the lease is one Redis key (`SET key token NX PX ttl`), the token unique to the process;
  renewing is a compare-and-extend script (the key is extended only while it still holds this
  process's token), releasing a compare-and-delete, on a clean stop;
- the holder sends the due tasks as Celery's own scheduler does; its sleep between ticks is
  capped at a third of the lease, so it renews well before the lease runs out;
- any other beat (a second one started by mistake, a rollout's new pod before the old one has
  stopped) is a standby: it sends nothing and asks for the lease every `BEAT_LEADER_RETRY_SECONDS`.
  If the leader dies without releasing, its lease runs out after `BEAT_LEADER_LEASE_SECONDS` and
  a standby takes over. On taking over, entries it finds overdue are sent once, as at any beat
  start (the periodic tasks are idempotent); none is sent twice per tick of its schedule;
- Redis unreachable: nobody can renew or take the lease, so nothing is sent until it is back
  (with a Redis broker nothing could be sent anyway). A double send is worse than a pause.

Why a leader lease and not a lock per task and tick: two beats started at different times
compute their ticks at different instants, so a per-tick key would need every schedule kind
(intervals, crontabs) mapped to one shared slot; the lease is one key whatever the schedules,
one Redis call per tick rather than per task, and gives a standby that takes over.

Without Redis (`make run` on the local filesystem, no REDIS_URL) or with BEAT_LEADER_LOCK off,
the scheduler is Celery's PersistentScheduler unchanged: one process, no lease.
"""

import contextlib
import os
import socket
import time
import uuid

import redis
from celery.beat import PersistentScheduler
from django.conf import settings

from vwb_site.logging_config import get_logger

log = get_logger("vwb_site.beat")

_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


def lease_url() -> str:
    """The Redis that holds the lease: BEAT_LEADER_REDIS_URL, else REDIS_URL, else the broker
    when it is Redis; "" when there is none (no lease)."""
    url = getattr(settings, "BEAT_LEADER_REDIS_URL", "") or getattr(settings, "REDIS_URL", "")
    broker = str(getattr(settings, "CELERY_BROKER_URL", "") or "")
    if not url and broker.startswith(("redis://", "rediss://")):
        url = broker
    return url


def lease_key() -> str:
    """One lease per deployment: its cache prefix and Celery queue name it."""
    prefix = settings.CACHES["default"].get("KEY_PREFIX", "") or "vwb"
    return f"{prefix}:beat:leader:{settings.CELERY_TASK_DEFAULT_QUEUE}"


class LeaderLease:
    """The lease of `key` on the Redis at `url`, held by this process's `token`."""

    def __init__(self, url: str, key: str, *, ttl_seconds: float, timeout: float = 1.0):
        self.key = key
        self.ttl_ms = max(1, int(ttl_seconds * 1000))
        self.token = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex}"
        self.client = redis.Redis.from_url(
            url, socket_connect_timeout=timeout, socket_timeout=timeout
        )
        self.held: bool | None = None  # not asked yet

    def hold(self) -> bool:
        """Renew the lease if this process holds it, else take it if it is free."""
        try:
            renewed = self.client.eval(_RENEW, 1, self.key, self.token, self.ttl_ms)
            held = bool(renewed) or bool(
                self.client.set(self.key, self.token, nx=True, px=self.ttl_ms)
            )
        except redis.RedisError as exc:
            if self.held is not False:
                log.warning("beat_lease_unavailable", key=self.key, error=type(exc).__name__)
            self.held = False
            return False
        if held != self.held:
            log.info("beat_leader" if held else "beat_standby", key=self.key, token=self.token)
        self.held = held
        return held

    def release(self) -> None:
        with contextlib.suppress(redis.RedisError):  # else it runs out on its own
            self.client.eval(_RELEASE, 1, self.key, self.token)
        self.held = False


class LeaderScheduler(PersistentScheduler):
    """PersistentScheduler that sends only while it holds the leader lease (module docstring)."""

    def __init__(self, *args, **kwargs):
        self.lease: LeaderLease | None = None
        url = lease_url()
        if settings.BEAT_LEADER_LOCK and url:
            self.lease = LeaderLease(
                url, lease_key(), ttl_seconds=settings.BEAT_LEADER_LEASE_SECONDS
            )
        super().__init__(*args, **kwargs)
        if self.lease is None:
            log.info("beat_no_lease", reason="BEAT_LEADER_LOCK off" if url else "no Redis")

    def tick(self, *args, **kwargs) -> float:
        if self.lease is None:
            return super().tick(*args, **kwargs)
        if not self.lease.hold():
            return min(settings.BEAT_LEADER_RETRY_SECONDS, self.max_interval)
        started = time.monotonic()
        delay = super().tick(*args, **kwargs)
        # Wake up in time to renew: a third of the lease, less what this tick took.
        renew_within = settings.BEAT_LEADER_LEASE_SECONDS / 3 - (time.monotonic() - started)
        return max(0.0, min(delay, renew_within))

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self.lease is not None:
                self.lease.release()

"""A worker-local copy of one Redis key that Redis itself invalidates (key tracking, Redis 6+).

Reading a small, hot, rarely written key (the catalog version) costs a Redis round trip on every
request. With Redis's server-assisted client-side caching the worker keeps the value and Redis
tells it when the key changes:

- one dedicated connection asks for its client id and subscribes to `__redis__:invalidate`;
- a second one runs `CLIENT TRACKING ON REDIRECT <that id> BCAST PREFIX <key>`: from then on
  every write to the key (INCR, SET, DEL, expiry, FLUSHDB) pushes an invalidation message to
  the subscriber, whoever made it;
- a daemon thread reads those messages and forgets the value.

Works on RESP2 (redis-py's own client-side cache needs RESP3 and Redis 7.4+).

Consistency: the copy is only used while both connections are up (`live`). Every invalidation and
every (re)connection bumps an epoch, and a value read from Redis is kept only if the epoch did
not move during the read, so a value read before a change is never kept after it. The copy can
lag a change made by another process by the time the invalidation takes to reach this worker's
thread (milliseconds: the message leaves Redis with the writer's reply, then this thread needs
the GIL). A process that writes the key itself calls `forget()` at once, so it reads its own
writes. When the connections drop (Redis restart, network), the copy is unused until they are
back; both are probed with PING after `probe_seconds` (1 s) without a message. A Redis that is
down or refuses tracking (before 6.0) is retried after 1, 2, 4... up to 30 seconds.
"""

from __future__ import annotations

import os
import threading

import redis

from vwb_site.logging_config import get_logger

log = get_logger("vwb_site.redis_tracking")

INVALIDATE_CHANNEL = "__redis__:invalidate"
MAX_RETRY_SECONDS = 30.0


class TrackedKey:
    """The local copy of `key` on the Redis at `url` (see the module docstring)."""

    def __init__(
        self, url: str, key: str, *, probe_seconds: float = 1.0, retry_seconds: float = 1.0
    ):
        self.url = url
        self.key = key
        self.probe_seconds = probe_seconds
        self.retry_seconds = retry_seconds
        self._lock = threading.Lock()
        self._live = threading.Event()
        self._stop = threading.Event()
        self._value = None
        self._epoch = 0
        self._pid: int | None = None
        self._thread: threading.Thread | None = None
        self.attempts = 0  # connection attempts so far (diagnostics)

    # -- what requests use -------------------------------------------------------------------

    def snapshot(self) -> tuple[object | None, int]:
        """(the local value or None when unknown or not tracked, the epoch to pass to `keep`)."""
        self._ensure_thread()
        with self._lock:
            value = self._value if self._live.is_set() else None
            return value, self._epoch

    def keep(self, value, epoch: int) -> None:
        """Keep `value`, read from Redis after `snapshot()` returned `epoch`, unless the key
        changed (or tracking restarted) since."""
        with self._lock:
            if self._live.is_set() and self._epoch == epoch:
                self._value = value

    def forget(self) -> None:
        with self._lock:
            self._value = None
            self._epoch += 1

    @property
    def live(self) -> bool:
        return self._live.is_set()

    def wait_live(self, timeout: float) -> bool:
        self._ensure_thread()
        return self._live.wait(timeout)

    def stop(self) -> None:
        self._stop.set()

    # -- the tracking thread -----------------------------------------------------------------

    def _ensure_thread(self) -> None:
        pid = os.getpid()
        if self._pid == pid:
            return
        with self._lock:
            if self._pid == pid:
                return
            # New process (first use, or a fork inherited the object without its thread).
            self._pid = pid
            self._value = None
            self._epoch += 1
            self._live.clear()
            self._thread = threading.Thread(
                target=self._run, name=f"redis-tracking:{self.key}", daemon=True
            )
            self._thread.start()

    def _set_live(self, live: bool) -> None:
        with self._lock:
            self._value = None
            self._epoch += 1
            if live:
                self._live.set()
            else:
                self._live.clear()

    def _run(self) -> None:
        failures = 0  # attempts in a row that never went live: wait longer each time
        while not self._stop.is_set():
            connections = []
            self.attempts += 1
            try:
                # RESP2: pub/sub messages are plain replies (RESP3 would deliver them as pushes).
                pool = redis.Redis.from_url(
                    self.url,
                    protocol=2,
                    socket_connect_timeout=self.probe_seconds,
                    socket_timeout=self.probe_seconds,
                ).connection_pool
                subscriber = pool.make_connection()
                connections.append(subscriber)
                subscriber.send_command("CLIENT", "ID")
                client_id = subscriber.read_response()
                subscriber.send_command("SUBSCRIBE", INVALIDATE_CHANNEL)
                subscriber.read_response()
                tracking = pool.make_connection()
                connections.append(tracking)
                tracking.send_command(
                    "CLIENT", "TRACKING", "ON", "REDIRECT", client_id, "BCAST", "PREFIX", self.key
                )
                tracking.read_response()
                self._set_live(True)
                failures = 0
                self._listen(subscriber, tracking)
            except Exception as exc:  # noqa: BLE001 - any failure: stop using the copy, retry
                if self._live.is_set():
                    log.warning("redis_tracking_lost", key=self.key, error=exc.__class__.__name__)
                else:
                    if failures == 0:  # Redis down, or CLIENT TRACKING refused (Redis < 6)
                        log.warning(
                            "redis_tracking_unavailable",
                            key=self.key,
                            error=f"{exc.__class__.__name__}: {exc}",
                        )
                    failures += 1
            finally:
                self._set_live(False)
                for connection in connections:
                    connection.disconnect()
            self._stop.wait(min(self.retry_seconds * 2 ** min(failures, 10), MAX_RETRY_SECONDS))

    def _listen(self, subscriber, tracking) -> None:
        """Forget the value on every invalidation message. Every `probe_seconds` without one,
        PING both connections: if either is gone (tracking silently stops with the connection
        that asked for it), leave, so the copy stops being used."""
        awaiting_pong = False
        while not self._stop.is_set():
            if not subscriber.can_read(timeout=self.probe_seconds):
                if awaiting_pong:
                    raise TimeoutError("no answer to PING")
                subscriber.send_command("PING")
                awaiting_pong = True
                tracking.send_command("PING")
                tracking.read_response()
                continue
            message = subscriber.read_response()
            kind = message[0] if isinstance(message, list) and message else None
            if kind in (b"pong", "pong"):
                awaiting_pong = False
            elif kind in (b"message", "message"):
                # The payload is the list of changed keys, or nil after FLUSHDB/FLUSHALL:
                # either way, this copy's only key may have changed.
                self.forget()


_trackers: dict[tuple[str, str], TrackedKey] = {}
_trackers_lock = threading.Lock()


def tracked_key(url: str, key: str) -> TrackedKey:
    """The process's tracker of `key` on `url` (one per pair, created on first use)."""
    with _trackers_lock:
        tracker = _trackers.get((url, key))
        if tracker is None:
            tracker = _trackers[(url, key)] = TrackedKey(url, key)
        return tracker


def stop_all() -> None:
    with _trackers_lock:
        for tracker in _trackers.values():
            tracker.stop()
        _trackers.clear()

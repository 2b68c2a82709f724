"""The outbox: record a side effect in the caller's transaction, hand it to Celery after commit.

- `outbox_enqueue(task, *args, **kwargs)` writes one row in the current transaction and
  registers a fast path on commit that publishes it at once. Whatever goes wrong there (the
  broker is down, slow, refuses) is logged and swallowed: the row stays pending and the caller,
  whose data committed, never sees the error.
- `outbox_relay_batch()` is what the relay (`manage.py outbox_relay`, and the beat backstop)
  runs: it locks a batch of due pending rows with `SKIP LOCKED` (relays never block each other
  nor send one row twice at once), publishes them and marks them sent in one transaction.
- A row that fails for its own reason (an unknown task, a task that raises when run eagerly)
  counts an attempt, waits with exponential backoff and is marked dead after
  `OUTBOX_MAX_ATTEMPTS`. A broker that cannot be reached is nobody's row's fault: it counts no
  attempt, so an outage of any length kills no row.

Delivery is at least once: a process can die after the broker took a row and before the row is
marked sent; the row is then sent again. Each send carries the row id as the Celery task id, so
tasks do their effect once (`effect_once`).
"""

import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from functools import cache
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from vwb_site.api.request_context import current_request_id
from vwb_site.celery_app import app
from vwb_site.logging_config import get_logger
from vwb_site.outbox.models import OutboxEffect, OutboxMessage, OutboxStatus, SentHow

log = get_logger("vwb_site.outbox")

T = TypeVar("T")

# What a broker that is down, unreachable or too slow raises from a publish.
BROKER_ERRORS = (KombuOperationalError, ConnectionError, TimeoutError, OSError)


class UnknownTask(LookupError):
    pass


class _Breaker:
    """After a broker error the fast path stands aside for a while (the relay sends), so that
    during an outage only one request per process and cool-down pays the failed connect."""

    open_until = 0.0

    def is_open(self) -> bool:
        return time.monotonic() < self.open_until

    def trip(self) -> None:
        self.open_until = time.monotonic() + settings.OUTBOX_FAST_PATH_COOLDOWN_SECONDS

    def reset(self) -> None:
        self.open_until = 0.0


fast_path_breaker = _Breaker()


def _task_name(task) -> str:
    return task if isinstance(task, str) else task.name


def outbox_enqueue(task, *args, **kwargs) -> OutboxMessage:
    """Record `task(*args, **kwargs)` in the current transaction; publish it after commit.

    Outside a transaction the row is written at once (autocommit) and published right away.
    Arguments must be JSON (ids as strings, amounts as strings).
    """
    now = timezone.now()
    message = OutboxMessage(
        task_name=_task_name(task),
        args=list(args),
        kwargs=kwargs,
        request_id=(current_request_id() or "")[:64],
        available_at=now + timedelta(seconds=settings.OUTBOX_RELAY_GRACE_SECONDS),
    )
    _insert(message)
    if settings.OUTBOX_FAST_PATH and not fast_path_breaker.is_open():
        message_id = message.pk
        transaction.on_commit(lambda: _fast_path(message_id, message))
    return message


def _insert(message: OutboxMessage) -> None:
    """INSERT the new row: the ORM's own field conversions (`pre_save`, `get_db_prep_save`),
    without `Model.save()`'s signals and per-call SQL compilation, which were a measurable part
    of what the outbox adds to a write request (bench/outbox_bench.py)."""
    fields = OutboxMessage._meta.concrete_fields
    values = [f.get_db_prep_save(f.pre_save(message, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(), values)
    message._state.adding = False
    message._state.db = connection.alias


@cache
def _insert_sql() -> str:
    quote = connection.ops.quote_name
    fields = OutboxMessage._meta.concrete_fields
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {quote(OutboxMessage._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608


def _registered_task(name: str):
    """The task registered as `name`. A process that is not a worker (the relay, a web
    process) knows only the tasks whose modules it imported so far: on a miss, import every
    app's tasks (the Celery app's autodiscovery, as a worker does at start) and look again."""
    task = app.tasks.get(name)
    if task is None:
        app.loader.import_default_modules()
        task = app.tasks.get(name)
    return task


def _publish(message: OutboxMessage) -> None:
    task = _registered_task(message.task_name)
    if task is None:
        raise UnknownTask(f"No Celery task is registered as {message.task_name!r}.")
    headers = {"outbox_id": str(message.pk)}
    if message.request_id:
        headers["request_id"] = message.request_id
    task.apply_async(
        args=message.args,
        kwargs=message.kwargs,
        task_id=str(message.pk),
        headers=headers,
        retry=False,  # never wait for the broker here: the relay will try again
    )


def _is_broker_error(exc: Exception) -> bool:
    # Run eagerly (tests, no broker configured), an exception comes from the task itself.
    return not app.conf.task_always_eager and isinstance(exc, BROKER_ERRORS)


def _backoff(attempts: int) -> timedelta:
    seconds = min(
        settings.OUTBOX_BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0),
        settings.OUTBOX_BACKOFF_MAX_SECONDS,
    )
    return timedelta(seconds=seconds)


def _failure_fields(message: OutboxMessage, exc: Exception, now) -> dict:
    error = f"{type(exc).__name__}: {exc}"[:2000]
    if _is_broker_error(exc):
        return {"last_error": error}
    attempts = message.attempts + 1
    fields = {"last_error": error, "attempts": attempts, "available_at": now + _backoff(attempts)}
    if attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        fields["status"] = OutboxStatus.DEAD
    return fields


def _fast_path(message_id, message: OutboxMessage) -> None:
    try:
        _publish(message)
    except Exception as exc:  # noqa: BLE001 - the caller's data committed: never fail it now
        if _is_broker_error(exc):
            fast_path_breaker.trip()
        fields = _failure_fields(message, exc, timezone.now())
        log.warning(
            "outbox_fast_path_failed",
            outbox_id=str(message_id),
            task=message.task_name,
            error=fields["last_error"],
        )
        try:
            OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.PENDING).update(
                **fields
            )
        except Exception:
            log.exception("outbox_fast_path_record_failed", outbox_id=str(message_id))
        return
    # If this process dies before the update, the row stays pending and the relay sends it
    # again after the grace period: at least once, and the task's id dedupes its effect.
    try:
        _mark_fast_path_sent(message_id)
    except Exception:
        log.exception("outbox_mark_sent_failed", outbox_id=str(message_id))


def _mark_fast_path_sent(message_id) -> None:
    """Mark a row sent by the fast path, in one round trip on PostgreSQL.

    The mark commits without waiting for the WAL flush: a mark lost to a database crash only
    means the row is sent again, which delivery at least once allows. On PostgreSQL the
    `SET LOCAL` and the `UPDATE` go as one simple query, which the server runs as one implicit
    transaction: one round trip instead of four (BEGIN, SET, UPDATE, COMMIT). The id is a UUID
    this process generated, rendered again by `uuid.UUID`, so inlining it is safe.
    """
    if connection.vendor != "postgresql" or not connection.get_autocommit():
        OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.PENDING).update(
            status=OutboxStatus.SENT, sent_at=timezone.now(), sent_how=SentHow.FAST_PATH
        )
        return
    table = connection.ops.quote_name(OutboxMessage._meta.db_table)
    row_id = str(uuid.UUID(str(message_id)))
    with connection.cursor() as cursor:
        # Only constants and the re-rendered UUID are inlined (no parameters: a simple query).
        sql = (
            "SET LOCAL synchronous_commit TO OFF; "  # noqa: S608
            f"UPDATE {table} SET status = '{OutboxStatus.SENT.value}', sent_at = now(), "
            f"sent_how = '{SentHow.FAST_PATH.value}' "
            f"WHERE id = '{row_id}' AND status = '{OutboxStatus.PENDING.value}'"
        )
        cursor.execute(sql)


def _mark_sent(ids: list, now) -> None:
    OutboxMessage.objects.filter(pk__in=ids).update(
        status=OutboxStatus.SENT, sent_at=now, sent_how=SentHow.RELAY
    )


def outbox_relay_batch(*, batch_size: int | None = None) -> dict:
    """Publish one batch of due pending rows. Returns counts: sent, failed, dead, broker_down.

    Stops at the first broker error (the rest of the batch would fail alike) and leaves the
    rows as they were.
    """
    batch_size = batch_size or settings.OUTBOX_RELAY_BATCH_SIZE
    counts = {"sent": 0, "failed": 0, "dead": 0, "broker_down": False}
    with transaction.atomic():
        now = timezone.now()
        rows = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(status=OutboxStatus.PENDING, available_at__lte=now)
            .order_by("available_at")[:batch_size]
        )
        sent = []
        for row in rows:
            try:
                _publish(row)
            except Exception as exc:  # noqa: BLE001 - recorded on the row
                fields = _failure_fields(row, exc, now)
                OutboxMessage.objects.filter(pk=row.pk).update(**fields)
                if _is_broker_error(exc):
                    counts["broker_down"] = True
                    log.warning("outbox_broker_unavailable", error=fields["last_error"])
                    break
                counts["failed"] += 1
                if fields.get("status") == OutboxStatus.DEAD:
                    counts["dead"] += 1
                    log.error(
                        "outbox_message_dead",
                        outbox_id=str(row.pk),
                        task=row.task_name,
                        attempts=fields["attempts"],
                        error=fields["last_error"],
                    )
                continue
            sent.append(row.pk)
        if sent:
            _mark_sent(sent, timezone.now())
            fast_path_breaker.reset()  # the broker is back for this process too
        counts["sent"] = len(sent)
    if counts["sent"] or counts["failed"]:
        log.info("outbox_relayed", **counts)
    return counts


def _deferral_delay(age_seconds: float) -> timedelta:
    """Half the time the effect has waited so far, between OUTBOX_BACKOFF_BASE_SECONDS and
    OUTBOX_BACKOFF_MAX_SECONDS: the waits grow by about half each time, with no counter."""
    seconds = max(settings.OUTBOX_BACKOFF_BASE_SECONDS, age_seconds / 2)
    return timedelta(seconds=min(seconds, settings.OUTBOX_BACKOFF_MAX_SECONDS))


def outbox_defer(
    *, task_name: str, args: list, kwargs: dict, outbox_id, request_id: str, error: Exception
) -> OutboxMessage:
    """Record a task again, due later, because its run found something it needs down (the
    object store): a new pending row for the relay, which sends it once it is due. No fast
    path, no attempt counted: like a broker outage, an outage of any length kills no row.

    `outbox_id` is the row the run came from (its task id): the new row keeps that row's
    `created_at`, so the wait grows with the age of the effect and the admin's list and the
    gauges show how long it has been waiting."""
    now = timezone.now()
    first = None
    if outbox_id:
        try:
            first = (
                OutboxMessage.objects.filter(pk=outbox_id)
                .values_list("created_at", flat=True)
                .first()
            )
        except (ValueError, TypeError, ValidationError):  # not an outbox row's id
            first = None
    created = first or now
    message = OutboxMessage(
        task_name=task_name,
        args=list(args),
        kwargs=kwargs,
        request_id=(request_id or "")[:64],
        available_at=now + _deferral_delay((now - created).total_seconds()),
        last_error=f"deferred: {type(error).__name__}: {error}"[:2000],
    )
    with transaction.atomic():
        _insert(message)
        if first is not None:
            OutboxMessage.objects.filter(pk=message.pk).update(created_at=first)
            message.created_at = first
    return message


def outbox_retry(*, message: OutboxMessage) -> OutboxMessage:
    """An administrator sends a dead row again: pending, attempts reset, due now."""
    with transaction.atomic():
        locked = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        if locked.status != OutboxStatus.DEAD:
            return locked
        locked.status = OutboxStatus.PENDING
        locked.attempts = 0
        locked.available_at = timezone.now()
        locked.save(update_fields=["status", "attempts", "available_at"])
    log.info("outbox_message_retried", outbox_id=str(locked.pk), task=locked.task_name)
    return locked


def outbox_purge(*, older_than_days: int | None = None) -> dict:
    """Delete sent rows and effect markers older than the retention (dead rows stay)."""
    days = settings.OUTBOX_RETENTION_DAYS if older_than_days is None else older_than_days
    cutoff = timezone.now() - timedelta(days=days)
    rows, _ = OutboxMessage.objects.filter(status=OutboxStatus.SENT, sent_at__lt=cutoff).delete()
    effects, _ = OutboxEffect.objects.filter(created_at__lt=cutoff).delete()
    return {"messages": rows, "effects": effects}


def effect_once(task, effect: Callable[[], T]) -> T | None:
    """Run `effect()` once per (task, task id): a second delivery of the same outbox row (the
    task id is the row id) finds the marker and returns None.

    The marker is written in the transaction that wraps the effect: if the effect raises, or
    the worker dies before the commit, no marker stays and the next delivery does it. A
    concurrent duplicate waits on the marker's unique key until the first one commits.
    """
    task_id = getattr(task.request, "id", None)
    if not task_id:  # called directly, not through Celery: nothing to dedupe against
        return effect()
    key = f"{task.name}:{task_id}"[:255]
    with transaction.atomic():
        try:
            with transaction.atomic():
                OutboxEffect.objects.create(key=key)
        except IntegrityError:
            log.info("outbox_effect_already_done", key=key)
            return None
        return effect()

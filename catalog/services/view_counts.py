"""Detail-page views per barrel and day: a Redis hash per day, flushed into BarrelViewCount.

Recording a view adds one to a counter in the worker process's memory (no network). The worker
pushes its counters to Redis in one pipelined `HINCRBY` round trip per (barrel, day) batch on
`<prefix>:catalog:views:<YYYY-MM-DD>` (field = barrel id) once VIEW_COUNT_BATCH views are held or
VIEW_COUNT_INTERVAL seconds have passed since its last push (checked at the next view), and when
it exits (atexit, and gunicorn's worker_exit hook). Counters of several workers add up in Redis,
so the counts stay exact across workers and instances; only a killed worker (SIGKILL) loses what
it held, at most one batch. `barrel_views_flush` (Celery beat) renames each
day's hash to a private key (atomic: views recorded meanwhile go to a fresh hash), adds its counts
to the `BarrelViewCount` rows and deletes the private key after commit. A flush that dies midway
leaves its private key behind; the next flush picks it up, so no count is lost or added twice
unless the process dies between the database commit and the delete.

Without Redis (local SQLite mode with the local-memory cache) views are added to the database
directly. With Redis configured but down, views are dropped (logged): they are analytics, and a
failing cache must not turn every page view into a database write.
"""

import atexit
import threading
import time
import uuid
from collections import Counter
from datetime import date
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from catalog.models import Barrel, BarrelViewCount
from vwb_site.logging_config import get_logger

log = get_logger("catalog.views")

PENDING = "catalog:views:"
FLUSHING = "catalog:views-flushing:"


def _redis():
    """The raw redis client behind the default cache, or None when it is not django-redis."""
    try:
        from django_redis import get_redis_connection

        return get_redis_connection("default")
    except (ImportError, NotImplementedError):
        return None


def _key(suffix: str) -> str:
    return cache.make_key(suffix)


_held: Counter[tuple[int, date]] = Counter()
_lock = threading.Lock()
_last_push = [time.monotonic()]


def barrel_view_record(*, barrel_id: int, day: date | None = None) -> None:
    day = day or timezone.now().date()
    client = _redis()
    if client is None:
        _add_views({(barrel_id, day): 1})
        return
    batch = settings.VIEW_COUNT_BATCH
    interval = settings.VIEW_COUNT_INTERVAL
    with _lock:
        _held[(barrel_id, day)] += 1
        due = _held.total() >= batch or time.monotonic() - _last_push[0] >= interval
    if due:
        barrel_views_push()


def barrel_views_push() -> int:
    """Send this process's held counters to Redis in one round trip; returns the views sent.
    With Redis down they are dropped (logged): analytics never fail a page."""
    with _lock:
        counts = dict(_held)
        _held.clear()
        _last_push[0] = time.monotonic()
    if not counts:
        return 0
    client = _redis()
    if client is None:
        return 0
    try:
        pipe = client.pipeline(transaction=False)
        for (barrel_id, day), views in counts.items():
            pipe.hincrby(_key(f"{PENDING}{day.isoformat()}"), str(barrel_id), views)
        pipe.execute()
    except Exception as exc:  # noqa: BLE001 - Redis down: drop the views, never fail the page
        log.warning("barrel_views_dropped", views=sum(counts.values()), error=type(exc).__name__)
        return 0
    return sum(counts.values())


atexit.register(barrel_views_push)


@transaction.atomic
def _add_views(counts: dict[tuple[int, date], int]) -> int:
    existing_barrels = set(
        Barrel.objects.filter(id__in={b for b, _ in counts}).values_list("id", flat=True)
    )
    added = 0
    for (barrel_id, day), views in sorted(counts.items()):
        if barrel_id not in existing_barrels or views <= 0:
            continue
        updated = BarrelViewCount.objects.filter(barrel_id=barrel_id, date=day).update(
            views=F("views") + views
        )
        if not updated:
            _, created = BarrelViewCount.objects.get_or_create(
                barrel_id=barrel_id, date=day, defaults={"views": views}
            )
            if not created:
                BarrelViewCount.objects.filter(barrel_id=barrel_id, date=day).update(
                    views=F("views") + views
                )
        added += views
    return added


def barrel_views_flush() -> int:
    """Move the Redis counters into BarrelViewCount; returns the number of views added. The
    counters this process holds are pushed first (other processes push their own)."""
    client = _redis()
    if client is None:
        return 0
    barrel_views_push()
    pending_prefix, flushing_prefix = _key(PENDING), _key(FLUSHING)
    for raw in list(client.scan_iter(match=f"{pending_prefix}*", count=500)):
        name = raw.decode()
        day = name[len(pending_prefix) :]
        try:
            client.rename(name, f"{flushing_prefix}{day}:{uuid.uuid4().hex}")
        except Exception:  # noqa: BLE001, S112 - renamed by a concurrent flush meanwhile
            continue
    total = 0
    for raw in list(client.scan_iter(match=f"{flushing_prefix}*", count=500)):
        name = raw.decode()
        day = date.fromisoformat(name[len(flushing_prefix) :].split(":", 1)[0])
        counts = {
            (int(barrel_id), day): int(views) for barrel_id, views in client.hgetall(name).items()
        }
        with transaction.atomic():
            total += _add_views(counts)
            transaction.on_commit(partial(client.delete, name))
    return total

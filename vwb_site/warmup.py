"""Work every process would otherwise do on its first requests, done when it starts.

A gunicorn worker imports the URL configuration (every API view, serializer and Wagtail admin
module), loads the translation catalogs and opens its database, cache and broker connections the
first time a request needs them: several hundred milliseconds, paid by the first buyers who reach
each new worker (and again after every recycling). gunicorn.conf.py calls `warm_up()` once a
worker has loaded the application, before it accepts connections.
"""

import gc
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.urls import get_resolver
from django.utils import translation

from vwb_site.logging_config import get_logger

log = get_logger("vwb_site.warmup")


def _urls() -> None:
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - imports every view module
    resolver.reverse_dict  # noqa: B018 - builds the reverse lookup tables


def _translations() -> None:
    with translation.override(settings.LANGUAGE_CODE):
        translation.gettext("This field is required.")


def _broker() -> None:
    from vwb_site.celery_app import app

    if app.conf.task_always_eager:
        return
    with app.producer_or_acquire() as producer:  # back to the pool, connected
        producer.connection.ensure_connection(max_retries=1)


def warm_up() -> dict[str, float]:
    """Import the URLconf, load translations, connect to the database, cache and broker. Returns
    the milliseconds of each step (logged). A failing connection is left to the first request
    (and to /readyz): starting the worker must not depend on it."""
    timings: dict[str, float] = {}

    def step(name, function):
        started = time.perf_counter()
        try:
            function()
        except Exception as exc:  # noqa: BLE001 - warming is best effort
            log.warning("warm_up_step_failed", step=name, error=str(exc))
        timings[name] = round((time.perf_counter() - started) * 1000, 1)

    step("urls", _urls)
    step("translations", _translations)
    step("database", lambda: [connections[alias].ensure_connection() for alias in connections])
    step("cache", lambda: cache.get("warm-up"))
    step("broker", _broker)
    log.info("worker_warmed_up", **timings)
    return timings


def freeze_startup_objects() -> int:
    """Put what the worker holds once warmed up (modules, URLconf, ORM and DRF metadata,
    translations: some 290,000 objects) out of the garbage collector's reach; returns how many.

    These objects live as long as the worker. Left tracked, every full collection walks them
    all: 150 ms on these 2 cores, landing on whichever request triggered it (a p99 spike). Frozen,
    a full collection walks only what requests have created since. gunicorn.conf.py calls this
    after warm_up().
    """
    gc.collect()
    gc.freeze()
    frozen = gc.get_freeze_count()
    log.info("worker_gc_frozen", objects=frozen)
    return frozen

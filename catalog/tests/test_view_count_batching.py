"""View counting costs no Redis round trip per hit: each worker process holds its counts and
pushes them in one pipelined round trip per batch, on an interval, and when it exits. The counts
of several processes add up exactly."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings
from django_redis import get_redis_connection

from catalog.models import BarrelViewCount
from catalog.services import view_counts
from catalog.services.view_counts import barrel_view_record, barrel_views_flush, barrel_views_push

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 4, 1)


@pytest.fixture(autouse=True)
def empty_buffer():
    view_counts._held.clear()
    yield
    view_counts._held.clear()


def in_redis(barrel_id: int) -> int:
    raw = get_redis_connection("default").hget(
        cache.make_key(f"catalog:views:{DAY.isoformat()}"), str(barrel_id)
    )
    return int(raw or 0)


@override_settings(VIEW_COUNT_BATCH=1000, VIEW_COUNT_INTERVAL=3600)
def test_views_below_the_batch_stay_in_the_process_until_pushed_in_one_round_trip(barrel):
    for _ in range(7):
        barrel_view_record(barrel_id=barrel.id, day=DAY)
    assert in_redis(barrel.id) == 0  # not one Redis write yet
    assert barrel_views_push() == 7
    assert in_redis(barrel.id) == 7
    assert barrel_views_push() == 0  # nothing held twice


@override_settings(VIEW_COUNT_BATCH=3, VIEW_COUNT_INTERVAL=3600)
def test_reaching_the_batch_pushes(barrel):
    barrel_view_record(barrel_id=barrel.id, day=DAY)
    barrel_view_record(barrel_id=barrel.id, day=DAY)
    assert in_redis(barrel.id) == 0
    barrel_view_record(barrel_id=barrel.id, day=DAY)
    assert in_redis(barrel.id) == 3


@override_settings(VIEW_COUNT_BATCH=1000, VIEW_COUNT_INTERVAL=0)
def test_an_elapsed_interval_pushes_at_the_next_view(barrel):
    barrel_view_record(barrel_id=barrel.id, day=DAY)
    assert in_redis(barrel.id) == 1


RECORDER = """
import django; django.setup()
from datetime import date
from catalog.services.view_counts import barrel_view_record
for _ in range({views}):
    barrel_view_record(barrel_id={barrel_id}, day=date(2026, 4, 1))
"""


def test_two_worker_processes_counts_are_exact_and_pushed_at_exit(barrel, settings):
    """Two processes record views at once and exit normally without pushing themselves: the
    exit hook sends their counts, the flush adds them up exactly."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vwb_site.settings.test",
        "CACHE_KEY_PREFIX": settings.CACHES["default"].get("KEY_PREFIX", ""),
    }
    code = RECORDER.format(views=150, barrel_id=barrel.id)  # below the default batch of 200
    workers = [subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env) for _ in range(2)]
    assert [w.wait(timeout=60) for w in workers] == [0, 0]
    assert in_redis(barrel.id) == 300
    assert barrel_views_flush() == 300
    assert BarrelViewCount.objects.get(barrel=barrel, date=DAY).views == 300


def test_gunicorn_worker_exit_pushes_the_held_counts(barrel):
    import runpy

    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    with override_settings(VIEW_COUNT_BATCH=1000, VIEW_COUNT_INTERVAL=3600):
        barrel_view_record(barrel_id=barrel.id, day=DAY)
    conf["worker_exit"](None, None)
    assert in_redis(barrel.id) == 1

"""Detail views are counted in Redis and flushed into BarrelViewCount by a Celery task."""

from datetime import date

import pytest
from django.test import override_settings
from django.utils import timezone

from catalog.models import BarrelViewCount
from catalog.services.view_counts import barrel_view_record, barrel_views_flush, barrel_views_push
from catalog.tasks import flush_barrel_views
from catalog.tests.factories import BarrelFactory

pytestmark = pytest.mark.django_db


def test_detail_views_cached_or_not_are_counted_and_flushed_into_daily_rows(api_client):
    barrel, other = BarrelFactory(), BarrelFactory()
    for _ in range(3):
        assert api_client.get(f"/v1/barrels/{barrel.slug}").status_code == 200
    api_client.get(f"/v1/barrels/{other.slug}")
    api_client.get("/v1/barrels")  # lists are not detail views
    assert flush_barrel_views.delay().get() == 4
    today = timezone.now().date()
    rows = {(r.barrel_id, r.date): r.views for r in BarrelViewCount.objects.all()}
    assert rows == {(barrel.id, today): 3, (other.id, today): 1}


def test_flush_adds_to_existing_rows_and_a_second_flush_adds_nothing(
    barrel, django_capture_on_commit_callbacks
):
    day = date(2026, 3, 1)
    BarrelViewCount.objects.create(barrel=barrel, date=day, views=10)
    for _ in range(5):
        barrel_view_record(barrel_id=barrel.id, day=day)
    with django_capture_on_commit_callbacks(execute=True):
        assert barrel_views_flush() == 5
    with django_capture_on_commit_callbacks(execute=True):
        assert barrel_views_flush() == 0
    assert BarrelViewCount.objects.get(barrel=barrel, date=day).views == 15


def test_views_of_a_deleted_barrel_are_dropped_at_flush(barrel):
    barrel_view_record(barrel_id=barrel.id)
    barrel_view_record(barrel_id=987654)
    assert barrel_views_flush() == 1


def test_a_flush_interrupted_before_commit_is_picked_up_by_the_next_one(barrel):
    from django.core.cache import cache
    from django_redis import get_redis_connection

    barrel_view_record(barrel_id=barrel.id, day=date(2026, 3, 2))
    barrel_views_push()  # what the worker does at its batch, interval or exit
    client = get_redis_connection("default")
    # What a crashed flush leaves behind: the day's hash renamed to a private key.
    client.rename(
        cache.make_key("catalog:views:2026-03-02"),
        cache.make_key("catalog:views-flushing:2026-03-02:deadbeef"),
    )
    assert barrel_views_flush() == 1
    assert BarrelViewCount.objects.get(barrel=barrel).views == 1


def test_recording_a_view_with_redis_down_neither_fails_nor_writes(barrel, api_client):
    dead = {
        "default": {
            "BACKEND": "vwb_site.cache_backends.InstrumentedRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 0.1,
                "SOCKET_TIMEOUT": 0.1,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    with override_settings(CACHES=dead):
        assert api_client.get(f"/v1/barrels/{barrel.slug}").status_code == 200
        barrel_view_record(barrel_id=barrel.id)
    assert not BarrelViewCount.objects.exists()


def test_without_redis_views_go_straight_to_the_database(barrel):
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    ):
        barrel_view_record(barrel_id=barrel.id)
        barrel_view_record(barrel_id=barrel.id)
        assert barrel_views_flush() == 0
    assert BarrelViewCount.objects.get(barrel=barrel).views == 2


def test_flush_task_is_scheduled_by_celery_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["catalog-flush-barrel-views"]
    assert entry["task"] == "catalog.flush_barrel_views"

"""List and detail responses are cached in Redis, invalidated after commit of any barrel or
stock change, and still correct when Redis is down.

Every test runs twice: with Redis alone, and with the worker-local copies on (the version kept
fresh by Redis key tracking, the responses in the process: CATALOG_LOCAL_CACHE_ENTRIES).
"""

from decimal import Decimal

import pytest
from django.core.cache import caches
from django.test import override_settings

from catalog import cache_keys
from catalog.services.barrels import barrel_update
from catalog.services.inventory import StockReference, stock_adjust, stock_reserve
from catalog.tests.factories import BarrelFactory

LIST = "/v1/barrels"


@pytest.fixture(autouse=True, scope="module")
def _stop_tracking_threads():
    yield
    from vwb_site import redis_tracking

    cache_keys._local_for.cache_clear()
    redis_tracking.stop_all()


@pytest.fixture(autouse=True, params=["redis", "worker-local"])
def cache_mode(request, settings):
    if request.param == "worker-local":
        settings.CATALOG_LOCAL_CACHE_ENTRIES = 50
        tracker = cache_keys._local().version
        assert tracker.wait_live(5), "Redis key tracking did not start"
        cache_keys.reset_local()  # the autouse flush reaches the tracker a moment later
    return request.param


def detail(barrel):
    return f"/v1/barrels/{barrel.slug}"


@pytest.mark.django_db
def test_second_identical_list_request_is_a_cache_hit_without_queries(
    api_client, django_assert_num_queries
):
    BarrelFactory()
    first = api_client.get(LIST, {"wood_type": "french_oak", "ordering": "price"})
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = api_client.get(LIST, {"ordering": "price", "wood_type": "french_oak"})
    assert second["X-Cache"] == "hit" and second.content == first.content


@pytest.mark.django_db
def test_equivalent_queries_share_a_cache_entry_and_different_ones_do_not(api_client):
    BarrelFactory(wood_type="american_oak")
    BarrelFactory(wood_type="chestnut")
    api_client.get(LIST, {"wood_type": "american_oak,chestnut"})
    assert api_client.get(f"{LIST}?wood_type=chestnut&wood_type=american_oak")["X-Cache"] == "hit"
    assert api_client.get(LIST, {"wood_type": "chestnut"})["X-Cache"] == "miss"


@pytest.mark.django_db(transaction=True)
def test_barrel_update_invalidates_cached_list_and_detail_after_commit(api_client, admin):
    barrel = BarrelFactory()
    api_client.get(LIST)
    api_client.get(detail(barrel))
    barrel_update(barrel=barrel, actor=admin, price=Decimal("333.00"))
    listed = api_client.get(LIST)
    shown = api_client.get(detail(barrel))
    assert listed["X-Cache"] == "miss" and shown["X-Cache"] == "miss"
    assert listed.json()["results"][0]["price"] == "333.00"
    assert shown.json()["price"] == "333.00"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("change", ["reserve", "adjust"])
def test_stock_changes_invalidate_the_cache(api_client, admin, change):
    barrel = BarrelFactory(stock_quantity=3)
    assert api_client.get(detail(barrel)).json()["available"] == 3
    if change == "reserve":
        stock_reserve(lines=[(barrel.id, 2)], reference=StockReference.order("o-1"))
        expected = 1
    else:
        stock_adjust(barrel=barrel, delta=-3, actor=admin, note="Broken hoops")
        expected = 0
    body = api_client.get(detail(barrel)).json()
    assert body["available"] == expected
    assert api_client.get(LIST).json()["results"][0]["available"] == expected


@pytest.mark.django_db
def test_api_write_invalidates_cached_responses(api_client, catalog_admin_client):
    barrel = BarrelFactory()
    api_client.get(detail(barrel))
    assert api_client.get(detail(barrel))["X-Cache"] == "hit"
    response = catalog_admin_client.post(
        f"{detail(barrel)}/stock-adjustments", {"delta": 2, "reason": "found two"}, format="json"
    )
    assert response.status_code == 201
    # The test transaction never commits: run the on-commit callbacks like a commit would.
    from django.db import connection

    for _, callback, _ in connection.run_on_commit:
        callback()
    shown = api_client.get(detail(barrel))
    assert shown["X-Cache"] == "miss" and shown.json()["available"] == 7


@pytest.mark.django_db
def test_b2b_and_public_responses_are_cached_apart(api_client, client_for, b2b_user):
    from catalog.tests.factories import BarrelTierPriceFactory

    tier = BarrelTierPriceFactory()
    assert api_client.get(detail(tier.barrel)).json()["tier_prices"] is None
    assert client_for(b2b_user).get(detail(tier.barrel)).json()["tier_prices"]
    assert api_client.get(detail(tier.barrel)).json()["tier_prices"] is None


@pytest.mark.django_db
def test_a_missing_version_key_restarts_from_a_new_epoch_not_from_1(api_client):
    BarrelFactory()
    version = cache_keys.catalog_version()
    assert version > 1_000_000_000_000
    caches["default"].delete(cache_keys.CATALOG_VERSION_KEY)
    cache_keys.invalidate_barrels([])
    assert cache_keys.catalog_version() >= version


DEAD_REDIS = {
    "default": {
        "BACKEND": "vwb_site.cache_backends.InstrumentedRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "KEY_PREFIX": "vwb-catalog-dead",
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": 0.1,
            "SOCKET_TIMEOUT": 0.1,
            "IGNORE_EXCEPTIONS": True,
        },
    }
}


@pytest.fixture
def redis_down():
    """The default cache pointed at a port where nothing listens (Django rebuilds the cache
    handler when CACHES changes)."""
    with override_settings(CACHES=DEAD_REDIS):
        assert caches["default"].get("anything") is None
        yield


@pytest.mark.django_db(transaction=True)
def test_everything_still_works_and_stays_correct_with_redis_down(
    api_client, catalog_admin_client, redis_down, admin
):
    barrel = BarrelFactory(stock_quantity=3)
    assert api_client.get(LIST).json()["count"] == 1
    assert api_client.get(detail(barrel)).json()["available"] == 3
    response = catalog_admin_client.post(
        f"{detail(barrel)}/stock-adjustments", {"delta": -1, "reason": "dropped"}, format="json"
    )
    assert response.status_code == 201
    assert api_client.get(detail(barrel)).json()["available"] == 2
    assert api_client.get(LIST, {"search": "bordeaux"}).json()["results"][0]["available"] == 2
    update = catalog_admin_client.patch(detail(barrel), {"price": "199.00"}, format="json")
    assert update.status_code == 200
    assert api_client.get(detail(barrel)).json()["price"] == "199.00"


# --- Worker-local copies ---------------------------------------------------------------------


def _raw_redis():
    import redis
    from django.conf import settings

    return redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])


def _version_key() -> str:
    return caches["default"].make_key(cache_keys.CATALOG_VERSION_KEY)


@pytest.mark.django_db
def test_a_worker_local_hit_needs_no_redis(api_client, cache_mode):
    barrel = BarrelFactory()
    first = api_client.get(detail(barrel))
    assert api_client.get(detail(barrel))["X-Cache"] == "hit"
    # The shared entry disappears from Redis (the version stays): only the worker's own copy
    # can still answer.
    _raw_redis().delete(
        caches["default"].make_key(cache_keys.detail_key(slug=barrel.slug, audience="public"))
    )
    again = api_client.get(detail(barrel))
    if cache_mode == "worker-local":
        assert again["X-Cache"] == "hit" and again.content == first.content
    else:
        assert again["X-Cache"] == "miss"


@pytest.mark.django_db
def test_another_workers_change_reaches_this_worker_through_redis(api_client, cache_mode):
    from catalog.models import Barrel
    from conftest import poll_until

    barrel = BarrelFactory(price=Decimal("100.00"))
    api_client.get(LIST)
    assert api_client.get(LIST)["X-Cache"] == "hit"
    # Another worker changes the price and bumps the version; this process hears of it only
    # through Redis (no signal, no call into this process's cache code).
    Barrel.objects.filter(pk=barrel.pk).update(price=Decimal("120.00"))
    _raw_redis().incr(_version_key())
    if cache_mode == "worker-local":
        tracker = cache_keys._local().version
        assert poll_until(lambda: tracker.snapshot()[0] is None, 2)
    listed = api_client.get(LIST)
    assert listed["X-Cache"] == "miss"
    assert listed.json()["results"][0]["price"] == "120.00"


@pytest.mark.django_db
@pytest.mark.parametrize("cache_mode", ["worker-local"], indirect=True)
def test_without_live_tracking_every_read_asks_redis(api_client, cache_mode):
    from catalog.models import Barrel
    from conftest import poll_until

    barrel = BarrelFactory(price=Decimal("100.00"))
    api_client.get(LIST)
    tracker = cache_keys._local().version
    redis_client = _raw_redis()
    for client in redis_client.client_list():
        if client.get("cmd") in ("subscribe", "client|tracking", "ping"):
            redis_client.client_kill_filter(_id=client["id"])
    assert poll_until(lambda: not tracker.live, 3)
    # Tracking is down: a change another worker makes is seen at once, through Redis.
    Barrel.objects.filter(pk=barrel.pk).update(price=Decimal("130.00"))
    redis_client.incr(_version_key())
    assert api_client.get(LIST).json()["results"][0]["price"] == "130.00"
    assert tracker.wait_live(5)  # and it comes back by itself


@pytest.mark.django_db
def test_a_bad_anonymous_query_still_gets_the_problem_response(api_client):
    BarrelFactory()
    response = api_client.get(LIST, {"wood_type": "plastic"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.django_db
def test_cached_anonymous_pages_are_not_throttled_but_database_work_is(api_client, throttle_rates):
    throttle_rates(anon="3/min")
    BarrelFactory()
    # One miss (counted), then hits answered before DRF's throttles.
    statuses = [api_client.get(LIST).status_code for _ in range(6)]
    assert statuses == [200] * 6
    # Every request that has to reach the database is counted.
    assert api_client.get(LIST, {"ordering": "price"}).status_code == 200
    assert api_client.get(LIST, {"ordering": "-price"}).status_code == 200
    assert api_client.get(LIST, {"ordering": "volume"}).status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["list", "detail"])
def test_a_hit_has_the_same_body_and_headers_as_the_miss(api_client, path):
    barrel = BarrelFactory()
    url = LIST if path == "list" else detail(barrel)
    miss, hit = api_client.get(url), api_client.get(url)
    assert (miss["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    assert hit.content == miss.content

    def headers(response):
        return {k: v for k, v in response.headers.items() if k not in ("X-Cache", "X-Request-ID")}

    assert headers(hit) == headers(miss)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["list", "detail"])
def test_an_anonymous_miss_reads_the_cache_once(api_client, path):
    """Looked up before DRF runs, then not again by the view: one MGET in Redis's own count."""
    barrel = BarrelFactory()
    url = LIST if path == "list" else detail(barrel)
    redis_client = _raw_redis()

    def mget_calls() -> int:
        return redis_client.info("commandstats").get("cmdstat_mget", {}).get("calls", 0)

    before = mget_calls()
    assert api_client.get(url)["X-Cache"] == "miss"
    assert mget_calls() - before == 1

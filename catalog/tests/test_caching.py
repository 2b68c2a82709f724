"""List and detail responses are cached in Redis, invalidated after commit of any barrel or
stock change, and still correct when Redis is down."""

from decimal import Decimal

import pytest
from django.core.cache import caches
from django.test import override_settings

from catalog import cache_keys
from catalog.services.barrels import barrel_update
from catalog.services.inventory import StockReference, stock_adjust, stock_reserve
from catalog.tests.factories import BarrelFactory

LIST = "/v1/barrels"


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
    assert api_client.get(
        f"{LIST}?wood_type=chestnut&wood_type=american_oak")["X-Cache"] == "hit"
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
        f"{detail(barrel)}/stock-adjustments", {"delta": 2, "reason": "found two"},
        format="json")
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
        "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient",
                    "SOCKET_CONNECT_TIMEOUT": 0.1, "SOCKET_TIMEOUT": 0.1,
                    "IGNORE_EXCEPTIONS": True},
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
        f"{detail(barrel)}/stock-adjustments", {"delta": -1, "reason": "dropped"},
        format="json")
    assert response.status_code == 201
    assert api_client.get(detail(barrel)).json()["available"] == 2
    assert api_client.get(LIST, {"search": "bordeaux"}).json()["results"][0]["available"] == 2
    update = catalog_admin_client.patch(detail(barrel), {"price": "199.00"}, format="json")
    assert update.status_code == 200
    assert api_client.get(detail(barrel)).json()["price"] == "199.00"

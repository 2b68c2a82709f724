from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from catalog.tests.factories import BarrelFactory, BarrelImageFactory, BarrelTierPriceFactory

pytestmark = pytest.mark.django_db
URL = "/v1/barrels"


def slugs(response):
    assert response.status_code == 200, response.content
    return [r["slug"] for r in response.json()["results"]]


@pytest.fixture
def three():
    now = timezone.now()
    return [
        BarrelFactory(
            slug="cheap-old",
            price=Decimal("100.00"),
            volume_liters=500,
            listed_at=now - timedelta(days=30),
        ),
        BarrelFactory(slug="dear-new", price=Decimal("900.00"), volume_liters=225, listed_at=now),
        BarrelFactory(
            slug="mid-mid",
            price=Decimal("300.00"),
            volume_liters=300,
            listed_at=now - timedelta(days=3),
        ),
    ]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("price", ["cheap-old", "mid-mid", "dear-new"]),
        ("-price", ["dear-new", "mid-mid", "cheap-old"]),
        ("volume", ["dear-new", "mid-mid", "cheap-old"]),
        ("-volume", ["cheap-old", "mid-mid", "dear-new"]),
        ("newest", ["dear-new", "mid-mid", "cheap-old"]),
        ("relevance", ["dear-new", "mid-mid", "cheap-old"]),  # no search term: newest
    ],
)
def test_ordering(api_client, three, ordering, expected):
    assert slugs(api_client.get(URL, {"ordering": ordering})) == expected


def test_default_order_is_newest_and_relevance_when_searching(api_client, three):
    assert slugs(api_client.get(URL)) == ["dear-new", "mid-mid", "cheap-old"]
    BarrelFactory(slug="sherry-butt", name="Sherry butt", description="Sherry, sherry.")
    BarrelFactory(slug="sherry-mention", name="Port pipe", description="Once held sherry.")
    assert slugs(api_client.get(URL, {"search": "sherry"})) == ["sherry-butt", "sherry-mention"]


def test_availability_is_derived_from_available_units(api_client, settings):
    settings.CATALOG_LOW_STOCK_THRESHOLD = 2
    BarrelFactory(slug="plenty", stock_quantity=10)
    BarrelFactory(slug="low", stock_quantity=4, reserved_quantity=2)
    BarrelFactory(slug="gone", stock_quantity=3, reserved_quantity=3)
    response = api_client.get(URL)
    states = {r["slug"]: r["availability"] for r in response.json()["results"]}
    assert states == {"plenty": "in_stock", "low": "low_stock", "gone": "sold_out"}
    in_stock = slugs(api_client.get(URL, {"in_stock": "true"}))
    assert set(in_stock) == {"plenty", "low"}


def test_tier_prices_are_shown_to_verified_b2b_buyers_only(
    api_client, client_for, b2c_user, b2b_user
):
    tier = BarrelTierPriceFactory(min_quantity=10, unit_price=Decimal("250.00"))
    unverified = type(b2b_user).objects.get(pk=b2b_user.pk)
    unverified.company.verification_status = "pending"
    unverified.company.save()
    expected = [{"min_quantity": 10, "unit_price": "250.00"}]
    for client, tiers in (
        (api_client, None),
        (client_for(b2c_user), None),
        (client_for(unverified), None),
    ):
        list_item = client.get(URL).json()["results"][0]
        assert list_item["tier_prices"] is tiers
        assert client.get(f"{URL}/{tier.barrel.slug}").json()["tier_prices"] is tiers
    unverified.company.verification_status = "verified"
    unverified.company.save()
    b2b = client_for(unverified)
    assert b2b.get(URL).json()["results"][0]["tier_prices"] == expected
    assert b2b.get(f"{URL}/{tier.barrel.slug}").json()["tier_prices"] == expected


def _list_queries(client, django_assert_max_num_queries, n, **params):
    with django_assert_max_num_queries(n) as captured:
        response = client.get(URL, {"page_size": 50, **params})
    assert response.status_code == 200
    return len(captured), response.json()


@pytest.mark.parametrize("params", [{}, {"search": "bordeaux", "wood_type": "french_oak"}])
def test_list_query_count_does_not_grow_with_page_size(
    client_for, b2b_user, django_assert_max_num_queries, settings, params
):
    settings.CATALOG_CACHE_TIMEOUT = 0
    client = client_for(b2b_user)
    for _ in range(2):
        BarrelTierPriceFactory(barrel=BarrelImageFactory().barrel)
    client.get(URL, {"page_size": 50, **params})  # renditions are generated on first use
    # user + company (JWT auth), facets (which give the count), barrels, images with their
    # image rows, renditions, tier prices; a search adds its full-text existence check.
    expected = 7 + bool(params.get("search"))
    small, body = _list_queries(client, django_assert_max_num_queries, expected, **params)
    assert body["count"] == 2
    for _ in range(28):
        BarrelTierPriceFactory(barrel=BarrelImageFactory().barrel)
    client.get(URL, {"page_size": 50, **params})
    large, body = _list_queries(client, django_assert_max_num_queries, expected, **params)
    assert body["count"] == 30 and body["results"][0]["thumbnail"]["width"] == 400
    assert large == small

"""HTTP caching for a CDN: ETag, Cache-Control, Vary and surrogate keys on the catalog, and the
304 to a matching If-None-Match, answered from the cached entry without queries or rendering."""

import re
from decimal import Decimal
from unittest import mock

import pytest

from catalog.services.barrels import barrel_update
from catalog.tests.factories import BarrelFactory, BarrelTierPriceFactory

pytestmark = pytest.mark.django_db

LIST = "/v1/barrels"
STRONG_ETAG = re.compile(r'^"[0-9a-f]{32}"$')


def detail(barrel):
    return f"/v1/barrels/{barrel.slug}"


@pytest.fixture(autouse=True)
def _ttls(settings):
    settings.CDN_CATALOG_MAX_AGE = 45
    settings.CDN_STALE_WHILE_REVALIDATE = 120


def _vary(response) -> set[str]:
    return {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}


def test_anonymous_list_and_detail_are_public_with_strong_etag_and_surrogate_keys(api_client):
    barrel = BarrelFactory()
    for url, keys in (
        (LIST, "barrels barrel-list"),
        (detail(barrel), f"barrels barrel-{barrel.pk}"),
    ):
        response = api_client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=45, stale-while-revalidate=120"
        assert STRONG_ETAG.match(response["ETag"]), response["ETag"]
        assert "authorization" in _vary(response)
        assert response["Surrogate-Key"] == keys
        assert response["Cache-Tag"] == keys.replace(" ", ",")
        # The cache hit carries the same validator as the miss that stored it.
        again = api_client.get(url)
        assert again["X-Cache"] == "hit" and again["ETag"] == response["ETag"]


def test_search_is_public_and_its_etag_differs_from_the_plain_list(api_client):
    BarrelFactory(previous_content="bourbon")
    BarrelFactory(previous_content="sherry", name="Oloroso butt")
    plain = api_client.get(LIST)
    search = api_client.get(LIST, {"search": "bourbon"})
    assert search.status_code == 200
    assert search["Cache-Control"].startswith("public, ")
    assert search["ETag"] != plain["ETag"]


@pytest.mark.parametrize("who", ["b2c_user", "b2b_user"])
def test_signed_in_viewers_get_private_responses_without_surrogate_keys(request, client_for, who):
    barrel = BarrelFactory()
    BarrelTierPriceFactory(barrel=barrel)
    client = client_for(request.getfixturevalue(who))
    for url in (LIST, detail(barrel)):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-cache"
        assert "Surrogate-Key" not in response and "Cache-Tag" not in response
        assert "authorization" in _vary(response)
        assert STRONG_ETAG.match(response["ETag"])


def test_administrators_get_no_store(client_for, admin):
    barrel = BarrelFactory()
    client = client_for(admin)
    for url in (LIST, detail(barrel)):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert "Surrogate-Key" not in response


@pytest.mark.parametrize("which", ["list", "detail"])
def test_matching_if_none_match_is_a_304_without_queries_or_rendering(
    api_client, django_assert_num_queries, which
):
    barrel = BarrelFactory()
    url = LIST if which == "list" else detail(barrel)
    first = api_client.get(url)
    etag = first["ETag"]
    with (
        mock.patch(
            "catalog.api.views.barrels.barrel_list_item_data", side_effect=AssertionError
        ) as list_item,
        mock.patch(
            "catalog.api.views.barrels.barrel_detail_data", side_effect=AssertionError
        ) as detail_data,
        mock.patch("catalog.api.caching._renderer.render", side_effect=AssertionError) as render,
        django_assert_num_queries(0),
    ):
        response = api_client.get(url, HTTP_IF_NONE_MATCH=f'"nope", W/{etag}')
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"].startswith("public, max-age=45")
    assert response["Surrogate-Key"] == first["Surrogate-Key"]
    assert not list_item.called and not detail_data.called and not render.called


def test_stale_if_none_match_gets_the_full_body(api_client):
    barrel = BarrelFactory()
    api_client.get(detail(barrel))
    response = api_client.get(
        detail(barrel), HTTP_IF_NONE_MATCH='"0123456789abcdef0123456789abcdef"'
    )
    assert response.status_code == 200 and response.json()["slug"] == barrel.slug


def test_signed_in_304_on_the_uncached_path(client_for, b2b_user):
    barrel = BarrelFactory()
    client = client_for(b2b_user)
    first = client.get(detail(barrel))
    response = client.get(detail(barrel), HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 304
    assert response["Cache-Control"] == "private, no-cache"


@pytest.mark.django_db(transaction=True)  # the cache is invalidated on commit
def test_etag_changes_after_a_price_change_and_the_old_one_no_longer_matches(api_client, admin):
    barrel = BarrelFactory(price=Decimal("100.00"))
    before_detail = api_client.get(detail(barrel))["ETag"]
    before_list = api_client.get(LIST)["ETag"]
    barrel_update(barrel=barrel, actor=admin, price=Decimal("150.00"))
    after = api_client.get(detail(barrel), HTTP_IF_NONE_MATCH=before_detail)
    assert after.status_code == 200 and after.json()["price"] == "150.00"
    assert after["ETag"] != before_detail
    after_list = api_client.get(LIST, HTTP_IF_NONE_MATCH=before_list)
    assert after_list.status_code == 200 and after_list["ETag"] != before_list

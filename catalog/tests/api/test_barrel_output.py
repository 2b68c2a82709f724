"""The plain output functions of the public list and detail say exactly what the serializers
(the declared contract of the OpenAPI document) say, field for field and byte for byte."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from rest_framework.renderers import JSONRenderer

from catalog.api.serializers.outputs import (
    BarrelDetailOutput,
    BarrelListItemOutput,
    barrel_detail_data,
    barrel_list_item_data,
)
from catalog.selectors import BarrelFilters, barrel_get, barrel_list
from catalog.tests.factories import BarrelFactory, BarrelImageFactory, BarrelTierPriceFactory

pytestmark = pytest.mark.django_db
render = JSONRenderer().render


@pytest.fixture
def barrels():
    rich = BarrelFactory(
        price=Decimal("1234.50"),
        height_cm=Decimal("95.0"),
        diameter_cm=Decimal("68.5"),
        empty_weight_kg=Decimal("45.25"),
        last_fill_year=2019,
        cooperage="Tonnellerie Ché",
        listed_at=datetime(2026, 3, 1, 12, 30, 15, 123456, tzinfo=UTC),
        stock_quantity=2,
        reserved_quantity=0,
    )
    for n in range(2):
        BarrelImageFactory(barrel=rich, caption="" if n else "Head", sort_order=n)
    BarrelTierPriceFactory(barrel=rich, min_quantity=4, unit_price=Decimal("1100.00"))
    BarrelTierPriceFactory(barrel=rich, min_quantity=10, unit_price=Decimal("999.90"))
    bare = BarrelFactory(
        last_fill_year=None, listed_at=None, cooperage="", stock_quantity=1, reserved_quantity=1
    )
    return rich, bare


@pytest.mark.parametrize("show_tiers", [False, True])
def test_list_items_are_what_the_list_item_serializer_gives(barrels, show_tiers):
    items = list(barrel_list(filters=BarrelFilters()))
    assert {b.slug for b in items} == {b.slug for b in barrels}
    for barrel in items:
        expected = BarrelListItemOutput(barrel, context={"show_tiers": show_tiers}).data
        got = barrel_list_item_data(barrel, show_tiers=show_tiers)
        assert got == expected
        assert render(got) == render(expected)
    assert any(barrel_list_item_data(b, show_tiers=True)["thumbnail"] for b in items)
    assert any(barrel_list_item_data(b, show_tiers=True)["thumbnail"] is None for b in items)


@pytest.mark.parametrize("show_tiers", [False, True])
def test_details_are_what_the_detail_serializer_gives(barrels, show_tiers):
    for slug in (b.slug for b in barrels):
        barrel = barrel_get(slug=slug)
        expected = BarrelDetailOutput(barrel, context={"show_tiers": show_tiers}).data
        got = barrel_detail_data(barrel, show_tiers=show_tiers)
        assert got == expected
        assert render(got) == render(expected)
    rich = barrel_detail_data(barrel_get(slug=barrels[0].slug), show_tiers=True)
    assert rich["availability"] == "low_stock" and rich["price"] == "1234.50"
    assert rich["listed_at"] == "2026-03-01T12:30:15.123456Z"
    assert rich["image_urls"][0]["alt"] == "Head"
    assert rich["tier_prices"] == [
        {"min_quantity": 4, "unit_price": "1100.00"},
        {"min_quantity": 10, "unit_price": "999.90"},
    ]


def test_prefetched_renditions_are_not_written_back_to_the_cache(barrels, monkeypatch):
    """Image.get_rendition() stores every rendition it returns in the cache, even a prefetched
    one: one cache write per image and size per request. The API reads them without it."""
    rendition_model = barrels[0].images.first().image.get_rendition_model()
    barrel_detail_data(barrel_get(slug=barrels[0].slug), show_tiers=False)  # generates them
    writes = []
    cache = rendition_model.cache_backend
    monkeypatch.setattr(cache, "set", lambda *a, **k: writes.append(a))
    monkeypatch.setattr(cache, "set_many", lambda *a, **k: writes.append(a))
    barrel = barrel_get(slug=barrels[0].slug)
    assert len(barrel_detail_data(barrel, show_tiers=False)["image_urls"]) == 2
    [item] = [b for b in barrel_list(filters=BarrelFilters()) if b.pk == barrels[0].pk]
    assert barrel_list_item_data(item, show_tiers=False)["thumbnail"]["width"] == 400
    assert writes == []

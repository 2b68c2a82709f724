from decimal import Decimal

import pytest
from django.urls import reverse

from catalog.models import BarrelStatus
from catalog.tests.factories import BarrelFactory

pytestmark = pytest.mark.django_db
URL = "/v1/barrels"


def slugs(response):
    return [r["slug"] for r in response.json()["results"]]


def test_list_shows_active_barrels_with_results_and_facets_in_one_response(api_client):
    active = BarrelFactory()
    BarrelFactory(status=BarrelStatus.DRAFT)
    BarrelFactory(status=BarrelStatus.ARCHIVED)
    response = api_client.get(URL)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 1
    assert slugs(response) == [active.slug]
    item = body["results"][0]
    assert item["price"] == "290.00" and item["currency"] == "EUR"
    assert item["availability"] == "in_stock" and item["available"] == 5
    assert item["tier_prices"] is None
    assert set(body["facets"]) == {"wood_type", "previous_content", "condition", "origin_country"}
    assert body["facets"]["wood_type"] == [
        {"value": "french_oak", "label": "French oak", "count": 1, "selected": False}
    ]
    assert reverse("v1:catalog:barrels") == URL


def test_filters_combine_wood_country_content_condition_volume_price_and_stock(api_client):
    match = BarrelFactory(
        wood_type="american_oak",
        origin_country="US",
        previous_content="bourbon",
        condition="good",
        volume_liters=200,
        price=Decimal("120.00"),
    )
    BarrelFactory(
        wood_type="american_oak",
        origin_country="US",
        previous_content="bourbon",
        condition="good",
        volume_liters=200,
        price=Decimal("120.00"),
        stock_quantity=0,
    )
    BarrelFactory(
        wood_type="american_oak",
        origin_country="US",
        previous_content="bourbon",
        condition="good",
        volume_liters=500,
        price=Decimal("120.00"),
    )
    BarrelFactory(
        wood_type="american_oak",
        origin_country="US",
        previous_content="bourbon",
        condition="good",
        volume_liters=200,
        price=Decimal("400.00"),
    )
    BarrelFactory(wood_type="french_oak")
    response = api_client.get(
        URL,
        {
            "wood_type": "american_oak",
            "origin_country": "us",
            "previous_content": "bourbon",
            "condition": "good",
            "volume_min": 150,
            "volume_max": 250,
            "price_min": "100",
            "price_max": "150.50",
            "in_stock": "true",
        },
    )
    assert response.status_code == 200, response.content
    assert slugs(response) == [match.slug]

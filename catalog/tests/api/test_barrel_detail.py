import pytest

from catalog.models import BarrelStatus
from catalog.tests.factories import BarrelFactory, BarrelImageFactory, BarrelTierPriceFactory

pytestmark = pytest.mark.django_db


def url(slug):
    return f"/v1/barrels/{slug}"


def test_detail_returns_every_field_with_labels_availability_and_image_renditions(api_client):
    image = BarrelImageFactory(caption="Head with the cooperage brand")
    barrel = image.barrel
    response = api_client.get(url(barrel.slug))
    assert response.status_code == 200, response.content
    body = response.json()
    for field in (
        "name",
        "origin_country",
        "previous_content",
        "volume_liters",
        "wood_type",
        "condition",
        "price",
        "description",
        "sku",
        "cooperage",
        "toast_level",
        "previous_fills",
        "last_fill_year",
        "height_cm",
        "diameter_cm",
        "empty_weight_kg",
        "hs_code",
    ):
        assert field in body
    assert body["hs_code"] == "4416"
    assert body["wood_type_label"] == "French oak"
    assert body["previous_content_label"] == "Bordeaux wine"
    assert body["availability"] == "in_stock" and body["available"] == 5
    assert "stock_quantity" not in body and "cost_price" not in body
    [img] = body["image_urls"]
    assert img["alt"] == "Head with the cooperage brand"
    assert (img["thumbnail"]["width"], img["thumbnail"]["height"]) == (400, 300)
    assert (img["large"]["width"], img["large"]["height"]) == (800, 600)  # never upscaled
    assert img["thumbnail"]["url"].endswith(".png") and "fill-400x300" in img["thumbnail"]["url"]


@pytest.mark.parametrize("status", [BarrelStatus.DRAFT, BarrelStatus.ARCHIVED])
def test_drafts_and_archived_barrels_are_404_for_the_public(api_client, status):
    barrel = BarrelFactory(status=status)
    response = api_client.get(url(barrel.slug))
    assert response.status_code == 404
    assert response.json()["code"] == "barrel_not_found"


def test_administrators_can_read_a_draft(catalog_admin_client):
    barrel = BarrelFactory(status=BarrelStatus.DRAFT)
    response = catalog_admin_client.get(url(barrel.slug))
    assert response.status_code == 200 and response.json()["status"] == "draft"


def test_unknown_slug_is_a_404_problem(api_client):
    response = api_client.get(url("no-such-barrel"))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_detail_query_count_is_fixed(client_for, b2b_user, django_assert_max_num_queries, settings):
    settings.CATALOG_CACHE_TIMEOUT = 0
    barrel = BarrelFactory()
    BarrelTierPriceFactory(barrel=barrel)
    for _ in range(5):
        BarrelImageFactory(barrel=barrel)
    client = client_for(b2b_user)
    client.get(url(barrel.slug))  # generates the renditions once
    # user + company (JWT auth), barrel, images with their image rows, renditions, tier prices
    with django_assert_max_num_queries(6):
        response = client.get(url(barrel.slug))
    assert response.status_code == 200 and len(response.json()["image_urls"]) == 5

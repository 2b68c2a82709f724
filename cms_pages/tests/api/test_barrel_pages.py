"""Barrel pages: one call gives the story and the barrel's live price and availability."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalog.models import Barrel
from catalog.tests.factories import BarrelFactory
from cms_pages.models import BarrelPage
from cms_pages.tests.api.helpers import page_meta, rendition, seo
from cms_pages.tests.factories import build_barrel_index, build_barrel_page, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(cms_home):
    return build_barrel_index(cms_home)


def barrel_json(barrel: Barrel, **overrides) -> dict:
    data = {
        "id": barrel.pk,
        "sku": barrel.sku,
        "slug": barrel.slug,
        "name": barrel.name,
        "status": "active",
        "price": "290.00",
        "currency": "EUR",
        "availability": "in_stock",
        "available": 5,
        "is_purchasable": True,
        "attributes": {
            "previous_content": {"value": "bordeaux", "label": "Bordeaux wine"},
            "wood_type": {"value": "french_oak", "label": "French oak"},
            "condition": {"value": "very_good", "label": "Very good: minor marks, tight"},
            "toast_level": {"value": "medium", "label": "Medium toast"},
            "origin_country": {"value": "FR", "label": "France"},
            "volume_liters": 225,
            "cooperage": "Tonnellerie Nadalié",
            "previous_fills": 2,
            "last_fill_year": 2024,
            "height_cm": "95.0",
            "diameter_cm": "72.0",
            "empty_weight_kg": "45.00",
        },
    }
    data.update(overrides)
    return data


def test_barrel_page_json_is_exact(client, cms_home, index, django_assert_max_num_queries):
    photo = make_image("Barrel head")
    barrel = BarrelFactory()
    page = build_barrel_page(
        index,
        barrel=barrel,
        listing_image=photo,
        story=[("paragraph", "<p>Filled in 2022 at a <i>grand cru</i> estate.</p>")],
        gallery=[("image", {"image": photo, "caption": "The head, stamped"})],
    )
    client.get(f"/api/v2/pages/{page.pk}/")  # creates the renditions
    with django_assert_max_num_queries(12):
        data = client.get(f"/api/v2/pages/{page.pk}/").json()
    path = f"/barrels/{barrel.slug}/"
    assert data == {
        "id": page.pk,
        "meta": page_meta(page, parent=index, path=path),
        "title": barrel.name,
        "seo": seo(page, path),
        "barrel": barrel_json(barrel),
        "teaser": "Two years of Saint-Émilion in French oak.",
        "listing_image": rendition(photo, "fill-600x400", 600, 400),
        "story": [
            {
                "type": "paragraph",
                "value": "<p>Filled in 2022 at a <i>grand cru</i> estate.</p>",
                "id": page.story[0].id,
            }
        ],
        "provenance": "<p>From a <b>Saint-Émilion</b> estate.</p>",
        "tasting_notes": "<p>Red fruit, vanilla.</p>",
        "use_notes": "<ul><li>Whisky finishing</li></ul>",
        "gallery": [
            {
                "type": "image",
                "value": {
                    "image": rendition(photo, "max-1600x1600", 1600, 1000),
                    "caption": "The head, stamped",
                },
                "id": page.gallery[0].id,
            }
        ],
    }


def test_barrel_page_price_and_availability_follow_the_catalog(client, index):
    page = build_barrel_page(index)
    url = f"/api/v2/pages/{page.pk}/"
    assert client.get(url).json()["barrel"]["price"] == "290.00"

    Barrel.objects.filter(pk=page.barrel_id).update(price=Decimal("315.50"), reserved_quantity=5)
    barrel = client.get(url).json()["barrel"]
    assert (barrel["price"], barrel["currency"]) == ("315.50", "EUR")
    assert barrel["availability"] == "sold_out"
    assert barrel["available"] == 0
    assert barrel["is_purchasable"] is False


def test_barrel_index_lists_live_barrel_pages_with_barrel_data(
    client, index, django_assert_max_num_queries
):
    pages = [build_barrel_page(index) for _ in range(4)]
    build_barrel_page(index, publish=False)  # a draft is not listed
    with django_assert_max_num_queries(10):
        data = client.get(f"/api/v2/pages/{index.pk}/").json()
    assert [card["id"] for card in data["barrel_pages"]] == [p.pk for p in pages]
    assert data["barrel_pages"][0]["barrel"] == barrel_json(pages[0].barrel)


def test_barrel_page_without_barrel_can_be_drafted_but_not_published(index):
    page = build_barrel_page(index, barrel=None, publish=False, title="Draft story", slug="d")
    assert page.latest_revision_id is not None
    with pytest.raises(ValidationError) as excinfo:
        page.save_revision(clean=False).publish()
    assert "barrel" in excinfo.value.message_dict
    page.refresh_from_db()
    assert page.live is False


def test_a_barrel_has_at_most_one_page(index):
    barrel = BarrelFactory()
    build_barrel_page(index, barrel=barrel)
    with pytest.raises((IntegrityError, ValidationError)), transaction.atomic():
        build_barrel_page(index, barrel=barrel, slug="second-page")
    assert BarrelPage.objects.filter(barrel=barrel).count() == 1

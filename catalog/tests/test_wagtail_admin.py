"""Staff manage barrels in the Wagtail admin: list, search, filter, edit, adjust stock, and
read the ledger (which cannot be edited there)."""

import pytest
from django.urls import reverse

from catalog.models import Barrel, StockMovement
from catalog.services.inventory import StockReference, stock_reserve
from catalog.tests.factories import BarrelFactory

pytestmark = pytest.mark.django_db
LIST = "wagtailsnippets_catalog_barrel:list"


@pytest.fixture
def staff(client, admin):
    client.force_login(admin)
    return client


def test_barrels_are_listed_searched_and_filtered(staff):
    BarrelFactory(name="Oloroso sherry butt", previous_content="sherry", wood_type="european_oak")
    BarrelFactory(
        name="Ex-bourbon barrel",
        previous_content="bourbon",
        wood_type="american_oak",
        status="draft",
    )
    page = staff.get(reverse(LIST))
    assert page.status_code == 200
    assert b"Oloroso sherry butt" in page.content and b"Ex-bourbon barrel" in page.content
    found = staff.get(reverse(LIST), {"q": "sherry"})
    assert b"Oloroso sherry butt" in found.content and b"Ex-bourbon barrel" not in found.content
    for params in (
        {"status": "draft"},
        {"wood_type": "american_oak"},
        {"previous_content": "bourbon"},
    ):
        filtered = staff.get(reverse(LIST), params)
        assert filtered.status_code == 200
        assert b"Ex-bourbon barrel" in filtered.content
        assert b"Oloroso sherry butt" not in filtered.content, params


def test_edit_form_renders_with_inline_images_and_tiers_and_saves(staff, admin):
    barrel = BarrelFactory()
    url = reverse("wagtailsnippets_catalog_barrel:edit", args=[barrel.pk])
    page = staff.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "tier_prices-TOTAL_FORMS" in html and "images-TOTAL_FORMS" in html
    assert 'name="stock_quantity"' not in html and "Adjust stock" in html
    form = page.context["form"]
    data = {
        k: v
        for k, v in form.initial.items()
        if v is not None and k not in ("images", "tier_prices")
    }
    data.update(
        {
            "name": "Renamed barrique",
            "price": "305.00",
            "tier_prices-TOTAL_FORMS": "1",
            "tier_prices-INITIAL_FORMS": "0",
            "tier_prices-MIN_NUM_FORMS": "0",
            "tier_prices-MAX_NUM_FORMS": "1000",
            "tier_prices-0-min_quantity": "5",
            "tier_prices-0-unit_price": "280.00",
            "tier_prices-0-ORDER": "1",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
            "images-MIN_NUM_FORMS": "0",
            "images-MAX_NUM_FORMS": "1000",
        }
    )
    response = staff.post(url, data)
    assert response.status_code == 302, (
        response.context["form"].errors if response.context else response
    )
    barrel.refresh_from_db()
    assert barrel.name == "Renamed barrique" and str(barrel.price) == "305.00"
    assert [(t.min_quantity, str(t.unit_price)) for t in barrel.tier_prices.all()] == [
        (5, "280.00")
    ]
    assert barrel.stock_quantity == 5  # untouched by the form


def test_stock_adjustment_form_calls_the_inventory_service(staff, admin):
    barrel = BarrelFactory(stock_quantity=5)
    url = reverse("wagtailsnippets_catalog_barrel:stock", args=[barrel.pk])
    page = staff.get(url)
    assert page.status_code == 200 and b"Latest stock movements" in page.content
    response = staff.post(url, {"delta": "3", "kind": "receipt", "reason": "Truck from Jerez"})
    assert response.status_code == 302
    movement = StockMovement.objects.get(barrel=barrel)
    assert (movement.reason, movement.stock_delta, movement.stock_after, movement.actor) == (
        "receipt",
        3,
        8,
        admin,
    )
    history = staff.get(url)
    assert b"Truck from Jerez" in history.content


def test_stock_adjustment_form_refuses_going_below_reserved(staff):
    barrel = BarrelFactory(stock_quantity=5)
    stock_reserve(lines=[(barrel.id, 4)], reference=StockReference.order("o-1"))
    url = reverse("wagtailsnippets_catalog_barrel:stock", args=[barrel.pk])
    response = staff.post(url, {"delta": "-2", "kind": "adjustment", "reason": "Count"})
    assert response.status_code == 200
    assert b"cannot go below" in response.content
    assert Barrel.objects.get(pk=barrel.pk).stock_quantity == 5
    zero = staff.post(url, {"delta": "0", "kind": "adjustment", "reason": "Count"})
    assert zero.status_code == 200 and StockMovement.objects.count() == 1


def test_ledger_is_listed_filtered_by_barrel_and_read_only(staff):
    barrel, other = BarrelFactory(sku="LEDGER-1"), BarrelFactory(sku="LEDGER-2")
    stock_reserve(lines=[(barrel.id, 1)], reference=StockReference.order("ORDER-A"))
    stock_reserve(lines=[(other.id, 1)], reference=StockReference.order("ORDER-B"))
    index = reverse("catalog_stockmovement:index")
    page = staff.get(index, {"barrel": barrel.pk})
    assert page.status_code == 200
    assert b"ORDER-A" in page.content and b"ORDER-B" not in page.content
    movement = StockMovement.objects.get(barrel=barrel)
    assert staff.get(reverse("catalog_stockmovement:edit", args=[movement.pk])).status_code in (
        302,
        403,
    )
    assert staff.post(reverse("catalog_stockmovement:delete", args=[movement.pk])).status_code in (
        302,
        403,
    )
    assert StockMovement.objects.filter(pk=movement.pk, note="").exists()


def test_non_staff_cannot_reach_the_stock_form(client, b2c_user):
    client.force_login(b2c_user)
    barrel = BarrelFactory()
    response = client.get(reverse("wagtailsnippets_catalog_barrel:stock", args=[barrel.pk]))
    assert response.status_code in (302, 403)

"""Administrator writes: create, update, archive, delete; only administrators may write."""

from decimal import Decimal

import pytest

from catalog.models import Barrel, BarrelStatus, StockMovement
from catalog.services.inventory import StockReference, stock_release, stock_reserve
from catalog.tests.factories import BarrelFactory, WagtailImageFactory

pytestmark = pytest.mark.django_db
URL = "/v1/barrels"


def payload(**overrides):
    data = {
        "sku": "SHB-0001",
        "name": "Oloroso sherry butt 500 L",
        "origin_country": "es",
        "previous_content": "sherry",
        "wood_type": "european_oak",
        "condition": "excellent",
        "volume_liters": 500,
        "height_cm": "128.0",
        "diameter_cm": "92.0",
        "empty_weight_kg": "105.00",
        "price": "890.00",
        "status": "active",
        "cooperage": "Tevasa",
        "toast_level": "light",
        "previous_fills": 3,
        "last_fill_year": 2023,
        "initial_stock": 4,
        "tier_prices": [{"min_quantity": 4, "unit_price": "820.00"}],
    }
    data.update(overrides)
    return data


def test_administrator_creates_an_active_barrel_with_tiers_images_and_ledgered_stock(
    catalog_admin_client, admin
):
    image = WagtailImageFactory()
    response = catalog_admin_client.post(URL, payload(image_ids=[image.id]), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "oloroso-sherry-butt-500-l-shb-0001"
    assert body["origin_country"] == "ES" and body["stock_quantity"] == 4
    assert body["tier_prices"] == [{"min_quantity": 4, "unit_price": "820.00"}]
    assert len(body["image_urls"]) == 1 and body["listed_at"]
    movement = StockMovement.objects.get(barrel__sku="SHB-0001")
    assert (movement.reason, movement.stock_delta, movement.actor) == ("receipt", 4, admin)


@pytest.mark.parametrize("client_name", ["anonymous", "b2c", "b2b"])
def test_only_administrators_write(api_client, client_for, b2c_user, b2b_user, client_name):
    client = {"anonymous": api_client, "b2c": client_for(b2c_user), "b2b": client_for(b2b_user)}[
        client_name
    ]
    barrel = BarrelFactory()
    expected = 401 if client_name == "anonymous" else 403
    calls = [
        client.post(URL, payload(), format="json"),
        client.patch(f"{URL}/{barrel.slug}", {"price": "1.00"}, format="json"),
        client.delete(f"{URL}/{barrel.slug}"),
        client.post(f"{URL}/{barrel.slug}/archive"),
        client.post(
            f"{URL}/{barrel.slug}/stock-adjustments", {"delta": 1, "reason": "x"}, format="json"
        ),
        client.get(f"{URL}/{barrel.slug}/stock-movements"),
    ]
    assert [c.status_code for c in calls] == [expected] * 6
    barrel.refresh_from_db()
    assert barrel.price == Decimal("290.00") and barrel.status == "active"
    assert Barrel.objects.count() == 1


def test_a_demoted_administrator_loses_write_access_at_once(client_for, admin):
    client = client_for(admin)
    admin.role = "b2c"
    admin.is_superuser = False
    admin.save()
    assert client.post(URL, payload(), format="json").status_code == 403


@pytest.mark.parametrize(("field", "code"), [("sku", "duplicate_sku"), ("slug", "duplicate_slug")])
def test_duplicate_sku_or_slug_is_a_409_and_creates_nothing(catalog_admin_client, field, code):
    existing = BarrelFactory(sku="SHB-0001", slug="taken")
    data = payload(sku="OTHER-1", slug="free")
    data[field] = getattr(existing, field)
    response = catalog_admin_client.post(URL, data, format="json")
    assert response.status_code == 409, response.content
    assert response.json()["code"] == code
    assert Barrel.objects.count() == 1 and not StockMovement.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"price": "-1.00"},
        {"price": "abc"},
        {"price": "99999999999"},
        {"price": "1.001"},
        {"volume_liters": 0},
        {"volume_liters": 100000},
        {"empty_weight_kg": "0"},
        {"height_cm": "-5"},
        {"wood_type": "plastic"},
        {"previous_content": "milk"},
        {"condition": "new"},
        {"origin_country": "XX"},
        {"status": "archived"},
        {"status": "sold"},
        {"initial_stock": -3},
        {"last_fill_year": 2999},
        {"previous_fills": -1},
        {"sku": "bad sku!"},
        {"stock_quantity": 10},
        {"tier_prices": [{"min_quantity": 1, "unit_price": "10.00"}]},
        {"tier_prices": [{"min_quantity": 5, "unit_price": "5000.00"}]},
        {
            "tier_prices": [
                {"min_quantity": 5, "unit_price": "10.00"},
                {"min_quantity": 5, "unit_price": "9.00"},
            ]
        },
        {"image_ids": [999999]},
        {"name": ""},
    ],
)
def test_bad_create_input_is_a_400_and_creates_nothing(catalog_admin_client, overrides):
    response = catalog_admin_client.post(URL, payload(**overrides), format="json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"]
    assert not Barrel.objects.exists() and not StockMovement.objects.exists()


def test_patch_changes_fields_replaces_tiers_and_stamps_first_listing(catalog_admin_client):
    barrel = BarrelFactory(status=BarrelStatus.DRAFT, listed_at=None)
    response = catalog_admin_client.patch(
        f"{URL}/{barrel.slug}",
        {
            "status": "active",
            "price": "310.00",
            "tier_prices": [{"min_quantity": 3, "unit_price": "300.00"}],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    barrel.refresh_from_db()
    assert barrel.status == "active" and barrel.listed_at is not None
    assert barrel.price == Decimal("310.00")
    assert [(t.min_quantity, t.unit_price) for t in barrel.tier_prices.all()] == [
        (3, Decimal("300.00"))
    ]


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"stock_quantity": 50}, 400),
        ({"reserved_quantity": 0}, 400),
        ({"price": "-3"}, 400),
        ({"status": "archived"}, 400),
        ({"sku": "TAKEN-1"}, 409),
    ],
)
def test_bad_patch_is_refused_and_changes_nothing(catalog_admin_client, data, status):
    BarrelFactory(sku="TAKEN-1")
    barrel = BarrelFactory()
    response = catalog_admin_client.patch(f"{URL}/{barrel.slug}", data, format="json")
    assert response.status_code == status, response.content
    fresh = Barrel.objects.get(pk=barrel.pk)
    assert (fresh.stock_quantity, fresh.price, fresh.status, fresh.sku) == (
        barrel.stock_quantity,
        barrel.price,
        barrel.status,
        barrel.sku,
    )


def test_archiving_keeps_the_barrel_and_twice_is_a_409(catalog_admin_client):
    barrel = BarrelFactory()
    ref = StockReference.order("o-1")
    stock_reserve(lines=[(barrel.id, 1)], reference=ref)
    stock_release(reference=ref)
    response = catalog_admin_client.post(f"{URL}/{barrel.slug}/archive")
    assert response.status_code == 200 and response.json()["status"] == "archived"
    again = catalog_admin_client.post(f"{URL}/{barrel.slug}/archive")
    assert again.status_code == 409 and again.json()["code"] == "barrel_already_archived"
    assert Barrel.objects.filter(pk=barrel.pk, status="archived").exists()


def test_only_a_draft_without_stock_history_can_be_deleted(catalog_admin_client):
    draft = BarrelFactory(status=BarrelStatus.DRAFT)
    assert catalog_admin_client.delete(f"{URL}/{draft.slug}").status_code == 204
    assert not Barrel.objects.filter(pk=draft.pk).exists()
    ordered = BarrelFactory(status=BarrelStatus.DRAFT)
    StockMovement.objects.create(
        barrel=ordered,
        reason="reservation",
        reserved_delta=1,
        stock_after=5,
        reserved_after=1,
        reference_kind="order",
        reference_id="o-9",
    )
    response = catalog_admin_client.delete(f"{URL}/{ordered.slug}")
    assert response.status_code == 409 and response.json()["code"] == "barrel_not_deletable"
    active = BarrelFactory()
    assert catalog_admin_client.delete(f"{URL}/{active.slug}").status_code == 409
    assert Barrel.objects.filter(pk__in=[ordered.pk, active.pk]).count() == 2

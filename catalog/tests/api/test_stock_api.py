import pytest

from catalog.models import StockMovement
from catalog.services.inventory import StockReference, stock_reserve

pytestmark = pytest.mark.django_db


def adjust_url(barrel):
    return f"/v1/barrels/{barrel.slug}/stock-adjustments"


def test_stock_adjustment_writes_a_ledger_row_and_returns_the_new_levels(
    catalog_admin_client, barrel, admin
):
    response = catalog_admin_client.post(
        adjust_url(barrel),
        {"delta": 3, "reason": "Container from Jerez", "kind": "receipt"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["stock_quantity"], body["available"], body["availability"]) == (8, 8, "in_stock")
    assert body["movement"]["reason"] == "receipt"
    assert body["movement"]["note"] == "Container from Jerez"
    assert body["movement"]["actor"] == admin.email
    movement = StockMovement.objects.get(barrel=barrel)
    assert (movement.stock_delta, movement.stock_after) == (3, 8)


def test_stock_cannot_be_adjusted_below_what_is_reserved(catalog_admin_client, barrel):
    stock_reserve(lines=[(barrel.id, 4)], reference=StockReference.order("o-1"))
    response = catalog_admin_client.post(
        adjust_url(barrel), {"delta": -2, "reason": "Count"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "stock_below_reserved"
    barrel.refresh_from_db()
    assert (barrel.stock_quantity, barrel.reserved_quantity) == (5, 4)
    assert StockMovement.objects.filter(reason="adjustment").count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {"delta": 0, "reason": "x"},
        {"delta": "two", "reason": "x"},
        {"delta": 1.5, "reason": "x"},
        {"delta": 1},
        {"delta": 1, "reason": ""},
        {"delta": 10**9, "reason": "x"},
        {"delta": 1, "reason": "x", "kind": "sale"},
        {"delta": 1, "reason": "x" * 501},
    ],
)
def test_bad_stock_adjustments_are_400_and_change_nothing(catalog_admin_client, barrel, data):
    response = catalog_admin_client.post(adjust_url(barrel), data, format="json")
    assert response.status_code == 400, response.content
    barrel.refresh_from_db()
    assert barrel.stock_quantity == 5 and not StockMovement.objects.exists()


def test_movement_history_is_listed_newest_first_for_administrators(catalog_admin_client, barrel):
    for delta in (2, -1, 4):
        catalog_admin_client.post(
            adjust_url(barrel), {"delta": delta, "reason": f"d{delta}"}, format="json"
        )
    stock_reserve(lines=[(barrel.id, 1)], reference=StockReference.quote("q-7"))
    response = catalog_admin_client.get(f"/v1/barrels/{barrel.slug}/stock-movements")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    assert [(m["reason"], m["stock_delta"], m["reserved_delta"]) for m in body["results"]] == [
        ("reservation", 0, 1),
        ("adjustment", 4, 0),
        ("adjustment", -1, 0),
        ("adjustment", 2, 0),
    ]
    assert body["results"][0]["reference_kind"] == "quote"
    assert body["results"][0]["reference_id"] == "q-7"

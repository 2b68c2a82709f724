from decimal import Decimal

import pytest
from django.urls import reverse

from catalog.models import BarrelStatus
from catalog.tests.factories import BarrelFactory

pytestmark = pytest.mark.django_db
URL = "/v1/shipping/rates"


def test_rates_url_reverses():
    assert reverse("v1:commerce:shipping-rates") == URL


def test_rates_for_six_barriques_to_germany(api_client, django_assert_max_num_queries):
    barrel = BarrelFactory(volume_liters=225, empty_weight_kg=Decimal("45.00"))
    with django_assert_max_num_queries(8):
        response = api_client.post(
            URL,
            {
                "lines": [{"barrel": barrel.slug, "quantity": 6}],
                "country": "DE",
                "postcode": "10115",
            },
            format="json",
        )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["country"] == "DE"
    road = next(o for o in body["options"] if o["method_code"] == "road-pallet")
    assert road["price"] == "241.88"
    assert road["pallets"] == 2
    assert road["total_weight_kg"] == "320.00"
    assert road["transit_days_min"] == 2
    assert road["transit_days_max"] == 5
    assert road["currency"] == "EUR"
    assert road["pallet_prices"] == ["120.00", "95.00"]


def test_rates_show_the_buyer_note_and_documents(api_client):
    barrel = BarrelFactory()
    response = api_client.post(
        URL,
        {
            "lines": [{"barrel": barrel.slug, "quantity": 2}],
            "country": "AU",
            "postcode": "2000",
        },
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert "biosecurity" in body["buyer_note"]
    assert "phytosanitary_certificate" in body["options"][0]["required_documents"]


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"country": "XX"}, 400, "unknown_country"),
        ({"country": "DE", "postcode": "ABC"}, 400, "invalid_postcode"),
        ({"country": "GB", "postcode": "123456"}, 400, "invalid_postcode"),
        ({"country": "RU"}, 422, "destination_blocked"),
        ({"country": "DE", "quantity": 500}, 422, "no_shipping_method"),
        ({"country": "DE", "quantity": 0}, 400, "validation_error"),
        ({"country": "DE", "quantity": "many"}, 400, "validation_error"),
        ({"country": "DE", "barrel": "no-such-barrel"}, 400, "validation_error"),
        ({"country": "DE", "lines": []}, 400, "validation_error"),
        ({"country": None}, 400, "validation_error"),
    ],
)
def test_bad_rate_requests_are_clear_problems(api_client, payload, status, code):
    barrel = BarrelFactory()
    body = {
        "lines": payload.get(
            "lines",
            [
                {
                    "barrel": payload.get("barrel", barrel.slug),
                    "quantity": payload.get("quantity", 1),
                }
            ],
        ),
        "country": payload["country"],
        "postcode": payload.get("postcode", ""),
    }
    response = api_client.post(URL, body, format="json")
    assert response.status_code == status, response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == code


def test_draft_barrels_are_not_priced(api_client):
    barrel = BarrelFactory(status=BarrelStatus.DRAFT)
    response = api_client.post(
        URL, {"lines": [{"barrel": barrel.slug, "quantity": 1}], "country": "FR"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "lines[0].barrel"


def test_destination_endpoint_shows_the_country_rule(api_client):
    response = api_client.get("/v1/shipping/destinations/au")
    assert response.status_code == 200
    body = response.json()
    assert body["country"] == "AU"
    assert body["shipping_allowed"] is True
    assert body["eu"] is False
    assert body["last_reviewed_at"] == "2026-11-27"
    assert body["required_documents"][0] == "phytosanitary_certificate"
    blocked = api_client.get("/v1/shipping/destinations/RU").json()
    assert blocked["shipping_allowed"] is False
    assert api_client.get("/v1/shipping/destinations/ZZ").json()["code"] == "unknown_country"

"""Live parcel rates beside the pallet tables in /v1/shipping/rates (the fake EasyPost API)."""

import time
from decimal import Decimal

import pytest

from catalog.tests.factories import BarrelFactory
from commerce.tests.fakes.easypost_server import SERVICES, price_for

pytestmark = pytest.mark.django_db

BUDGET_S = 2.0


@pytest.fixture
def barrique():
    return BarrelFactory(
        volume_liters=225,
        empty_weight_kg=Decimal("45.00"),
        height_cm=Decimal("95.0"),
        diameter_cm=Decimal("72.0"),
        stock_quantity=10,
    )


def rates(api_client, barrel, *, quantity=1, country="DE", postcode="55116"):
    started = time.perf_counter()
    response = api_client.post(
        "/v1/shipping/rates",
        {
            "lines": [{"barrel": barrel.slug, "quantity": quantity}],
            "country": country,
            "postcode": postcode,
        },
        format="json",
    )
    return response, time.perf_counter() - started


def expected_price(carrier: str, weight_oz: Decimal) -> tuple[Decimal, str]:
    _, _, currency, base, per_lb, _ = next(s for s in SERVICES if s[0] == carrier)
    return price_for(base, per_lb, weight_oz, Decimal(1)), currency


def test_a_barrique_to_germany_gets_parcel_and_pallet_options_both_priced(
    api_client, easypost, barrique
):
    response, _ = rates(api_client, barrique)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["live_rates"] == "ok"
    kinds = {o["method_kind"] for o in body["options"]}
    assert "parcel" in kinds and kinds - {"parcel"}, kinds
    pallets = [o for o in body["options"] if o["method_kind"] != "parcel"]
    assert all(o["pallets"] >= 1 for o in pallets)
    assert any(Decimal(o["price"]) > 0 for o in pallets)  # collection is free, freight is not
    # The parcel went out in ounces and inches: (45 kg + 2 kg packaging) = 1657.9 oz.
    ((_, path, sent),) = easypost.requests
    assert path == "/v2/shipments"
    assert sent["shipment"]["parcel"] == {
        "weight": 1657.9,
        "length": 37.4,
        "width": 28.3,
        "height": 28.3,
    }
    assert sent["shipment"]["to_address"] == {"name": "Buyer", "zip": "55116", "country": "DE"}
    assert "customs_info" not in sent["shipment"]  # inside the EU
    parcels = {o["carrier"]: o for o in body["options"] if o["method_kind"] == "parcel"}
    assert set(parcels) == {"UPS", "DHLExpress", "FedEx"}
    ups = parcels["UPS"]
    price, currency = expected_price("UPS", Decimal("1657.9"))
    assert (Decimal(ups["price"]), ups["currency"], ups["service"]) == (price, "EUR", "Express")
    assert ups["transit_days_min"] == ups["transit_days_max"] == 2
    assert ups["method_code"] == "parcel-ups-express" and ups["quote_id"].startswith("q_")
    assert ups["quote_expires_at"]
    # FedEx answers in USD: converted with the settings table (0.92 EUR per USD), rate shown.
    fedex = parcels["FedEx"]
    usd, currency = expected_price("FedEx", Decimal("1657.9"))
    assert currency == "USD"
    assert (Decimal(fedex["original_price"]), fedex["original_currency"]) == (usd, "USD")
    assert Decimal(fedex["fx_rate"]) == Decimal("0.92")
    assert Decimal(fedex["price"]) == (usd * Decimal("0.92")).quantize(Decimal("0.01"))
    assert fedex["currency"] == "EUR"
    prices = [Decimal(o["price"]) for o in body["options"]]
    assert prices == sorted(prices)


def test_six_barriques_get_pallet_options_only(api_client, easypost, barrique):
    response, _ = rates(api_client, barrique, quantity=6)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["options"] and all(o["method_kind"] != "parcel" for o in body["options"])
    assert body["live_rates"] == "not_applicable"
    assert easypost.requests == []  # 272 kg is no parcel: the API is not even asked


def test_a_barrel_heavier_than_the_parcel_limit_gets_no_parcel_option(api_client, easypost):
    tun = BarrelFactory(
        volume_liters=500,
        empty_weight_kg=Decimal("72.00"),
        height_cm=Decimal("110"),
        diameter_cm=Decimal("90"),
        stock_quantity=2,
    )
    response, _ = rates(api_client, tun)
    assert response.status_code == 200, response.json()
    assert all(o["method_kind"] != "parcel" for o in response.json()["options"])
    assert response.json()["live_rates"] == "not_applicable"


def test_two_barriques_fit_the_size_limits_only_if_light_enough(api_client, easypost):
    small = BarrelFactory(
        volume_liters=20,
        empty_weight_kg=Decimal("8.00"),
        height_cm=Decimal("40"),
        diameter_cm=Decimal("30"),
        stock_quantity=10,
    )
    response, _ = rates(api_client, small, quantity=3)
    assert response.status_code == 200, response.json()
    parcels = [o for o in response.json()["options"] if o["method_kind"] == "parcel"]
    assert parcels and Decimal(parcels[0]["total_weight_kg"]) == Decimal("26.00")


def test_live_rates_are_off_unless_configured(api_client, easypost_server, barrique, settings):
    settings.EASYPOST_API_KEY = ""
    response, _ = rates(api_client, barrique)
    assert response.status_code == 200
    assert response.json()["live_rates"] == "off"
    assert all(o["method_kind"] != "parcel" for o in response.json()["options"])


def test_only_the_configured_carriers_and_services_are_offered(
    api_client, easypost, barrique, settings
):
    settings.EASYPOST_CARRIERS = ["UPS", "FedEx"]
    settings.EASYPOST_SERVICES = ["FedEx:InternationalEconomy"]
    response, _ = rates(api_client, barrique)
    carriers = [o["carrier"] for o in response.json()["options"] if o["method_kind"] == "parcel"]
    assert carriers == ["FedEx"]


def test_rates_are_cached_per_route_and_weight(api_client, easypost, barrique):
    first, _ = rates(api_client, barrique)
    again, _ = rates(api_client, barrique)
    assert first.json()["options"] == again.json()["options"]
    assert len(easypost.requests) == 1
    rates(api_client, barrique, postcode="10115")  # another route
    assert len(easypost.requests) == 2


def test_international_parcels_carry_customs_hs_4416_value_and_origin(
    api_client, easypost, barrique
):
    response, _ = rates(api_client, barrique, country="CH", postcode="8001")
    assert response.status_code in (200, 422), response.json()
    ((_, _, sent),) = easypost.requests
    customs = sent["shipment"]["customs_info"]
    assert customs["customs_certify"] is True and customs["customs_signer"]
    (item,) = customs["customs_items"]
    assert item["hs_tariff_number"] == "4416"
    assert item["origin_country"] == "FR"
    assert item["value"] == float(barrique.price) and item["quantity"] == 1
    assert item["weight"] == 1587.3  # 45 kg in ounces


@pytest.mark.parametrize("mode", ["slow", "unavailable", "refusing", "dead"])
def test_the_api_down_slow_or_refusing_leaves_the_table_rates_within_the_budget(
    api_client, easypost, barrique, settings, dead_port, mode
):
    if mode == "dead":
        settings.EASYPOST_BASE_URL = f"http://127.0.0.1:{dead_port}/v2"
    else:
        easypost.mode = mode
    rates(api_client, barrique, quantity=6)  # warm the process up (no API call for pallets)
    response, elapsed = rates(api_client, barrique)
    print(f"\n/v1/shipping/rates with the carrier API {mode}: {elapsed * 1000:.0f} ms")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["live_rates"] == "unavailable"
    assert "unavailable" in body["live_rates_detail"]
    assert body["options"] and all(o["method_kind"] != "parcel" for o in body["options"])
    assert elapsed < BUDGET_S + 0.5

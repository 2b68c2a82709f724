"""Freight arithmetic on the seeded rate tables (docs/commerce-shipping.md, worked example)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from catalog.tests.factories import BarrelFactory
from commerce.models import RateTable, ShippingZone
from commerce.shipping import error_codes
from commerce.shipping.services import (
    RateLine,
    destination_check,
    shipping_option_get,
    shipping_options,
)
from vwb_site.exceptions import ApplicationError, UnprocessableError

pytestmark = pytest.mark.django_db


def barrique(**kwargs):
    return BarrelFactory(volume_liters=225, empty_weight_kg=Decimal("45.00"), **kwargs)


def test_worked_example_six_barriques_to_germany_by_road_pallet():
    option = shipping_option_get(
        lines=[RateLine(barrel=barrique(), quantity=6)],
        country="DE",
        postcode="10115",
        method_code="road-pallet",
    )
    # 4 barriques a pallet: 2 pallets. Gross: 6 x 45 kg + 2 x 25 kg tare = 320 kg.
    assert option.pallets == 2
    assert option.total_weight_kg == Decimal("320.00")
    # Pallet 1: 4 x 45 + 25 = 205 kg -> band <= 300 kg: 120.00; pallet 2: 115 kg -> 95.00.
    assert option.pallet_prices == (Decimal("120"), Decimal("95"))
    assert option.freight == Decimal("215.00")
    # Fuel 12.5 % of 215.00 = 26.875 -> 26.88 (ROUND_HALF_UP).
    assert option.fuel_surcharge == Decimal("26.88")
    assert option.price == Decimal("241.88")
    assert option.currency == "EUR"
    assert (option.transit_days_min, option.transit_days_max) == (2, 5)
    assert option.required_documents == []


def test_options_to_germany_are_cheapest_first_and_include_collection():
    options = shipping_options(lines=[RateLine(barrel=barrique(), quantity=6)], country="de")
    assert [o.method_code for o in options] == ["collection", "road-pallet"]
    assert options[0].price == Decimal("0.00")
    assert options[0].pallets == 2


def test_minimum_charge_applies_before_fuel_surcharge():
    # One barrique to Germany: 70 kg pallet -> 95.00, below the 120.00 minimum.
    option = shipping_option_get(
        lines=[RateLine(barrel=barrique(), quantity=1)], country="DE", method_code="road-pallet"
    )
    assert option.freight == Decimal("120.00")
    assert option.fuel_surcharge == Decimal("15.00")
    assert option.price == Decimal("135.00")
    assert option.total_weight_kg == Decimal("70.00")


def test_mixed_sizes_share_pallets_and_heavy_pallets_take_a_higher_band():
    puncheon = BarrelFactory(volume_liters=500, empty_weight_kg=Decimal("95.00"))
    # 1 puncheon (1/2 pallet) + 2 barriques (2 x 1/4) fill exactly one pallet:
    # 95 + 90 + 25 = 210 kg -> band <= 300 kg: 120.00 (equal to the minimum charge).
    option = shipping_option_get(
        lines=[RateLine(barrel=barrique(), quantity=2), RateLine(barrel=puncheon, quantity=1)],
        country="NL",
        postcode="1012 ab",
        method_code="road-pallet",
    )
    assert option.pallets == 1
    assert option.total_weight_kg == Decimal("210.00")
    assert option.freight == Decimal("120.00")


def test_pallet_weight_band_is_chosen_by_gross_weight():
    heavy = BarrelFactory(volume_liters=500, empty_weight_kg=Decimal("240.00"))
    # 2 a pallet: 480 + 25 = 505 kg -> band <= 1000 kg in France: 140.00, fuel 10 % = 14.00.
    option = shipping_option_get(
        lines=[RateLine(barrel=heavy, quantity=2)],
        country="FR",
        postcode="33000",
        method_code="road-pallet",
    )
    assert option.pallet_prices == (Decimal("140"),)
    assert option.price == Decimal("154.00")


def test_shipment_fee_and_commercial_invoice_outside_the_eu():
    option = shipping_option_get(
        lines=[RateLine(barrel=barrique(), quantity=4)],
        country="GB",
        postcode="SW1A 1AA",
        method_code="road-pallet",
    )
    # 205 kg pallet -> 210.00 (equals the minimum); fuel 26.25; fee 85.00.
    assert option.price == Decimal("321.25")
    assert option.required_documents == ["commercial_invoice"]
    assert "EORI" in option.note


def test_rest_of_world_uses_sea_freight_and_country_documents():
    options = shipping_options(
        lines=[RateLine(barrel=barrique(), quantity=8)], country="AU", postcode="2000"
    )
    assert [o.method_code for o in options] == ["sea-freight"]
    # 2 pallets of 205 kg: 2 x 370 = 740.00 >= 700 minimum; fuel 8 % = 59.20; fee 175.
    assert options[0].price == Decimal("974.20")
    assert options[0].required_documents == [
        "phytosanitary_certificate",
        "commercial_invoice",
        "fumigation_certificate",
    ]
    assert (options[0].transit_days_min, options[0].transit_days_max) == (25, 45)


def test_lines_beyond_every_method_capacity_are_refused():
    with pytest.raises(UnprocessableError) as caught:
        shipping_options(lines=[RateLine(barrel=barrique(), quantity=200)], country="DE")
    assert caught.value.code == error_codes.NO_SHIPPING_METHOD
    assert caught.value.status_code == 422


def test_a_barrel_larger_than_any_pallet_band_is_refused():
    foudre = BarrelFactory(volume_liters=2000, empty_weight_kg=Decimal("400.00"))
    with pytest.raises(UnprocessableError) as caught:
        shipping_options(lines=[RateLine(barrel=foudre, quantity=1)], country="FR")
    assert caught.value.code == error_codes.NO_SHIPPING_METHOD


def test_inactive_method_and_rate_table_are_not_offered():
    RateTable.objects.filter(zone__code="eu-near", method__code="collection").update(active=False)
    options = shipping_options(lines=[RateLine(barrel=barrique(), quantity=1)], country="DE")
    assert [o.method_code for o in options] == ["road-pallet"]


def test_country_without_zone_and_without_rest_of_world_has_no_method():
    ShippingZone.objects.filter(is_rest_of_world=True).delete()
    with pytest.raises(UnprocessableError) as caught:
        shipping_options(lines=[RateLine(barrel=barrique(), quantity=1)], country="BR")
    assert caught.value.code == error_codes.NO_SHIPPING_METHOD


def test_unknown_method_code_is_refused():
    with pytest.raises(ApplicationError) as caught:
        shipping_option_get(
            lines=[RateLine(barrel=barrique(), quantity=1)], country="DE", method_code="sea-freight"
        )
    assert caught.value.code == error_codes.UNKNOWN_SHIPPING_OPTION


@pytest.mark.parametrize("quantity", [0, -1, 1001, True, 1.5])
def test_bad_quantities_are_refused(quantity):
    with pytest.raises(ValidationError):
        shipping_options(lines=[RateLine(barrel=barrique(), quantity=quantity)], country="DE")


def test_empty_lines_are_refused():
    with pytest.raises(ValidationError):
        shipping_options(lines=[], country="DE")


@pytest.mark.parametrize("country", ["", "XX", "DEU", "12", "uk"])
def test_unknown_country_codes_are_refused(country):
    with pytest.raises(ApplicationError) as caught:
        destination_check(country=country)
    assert caught.value.code == error_codes.UNKNOWN_COUNTRY
    assert caught.value.status_code == 400


@pytest.mark.parametrize("country", ["RU", "KP", "ir"])
def test_blocked_destinations_are_refused(country):
    with pytest.raises(UnprocessableError) as caught:
        destination_check(country=country)
    assert caught.value.code == error_codes.DESTINATION_BLOCKED


def test_blocked_destination_refuses_rates_too():
    with pytest.raises(UnprocessableError) as caught:
        shipping_options(lines=[RateLine(barrel=barrique(), quantity=1)], country="BY")
    assert caught.value.code == error_codes.DESTINATION_BLOCKED

"""Staff edit rates, zones and country rules in the Wagtail admin."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from commerce.models import Carrier, CountryRule, RateTable, ShippingZone

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, admin):
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    "model", ["ratetable", "shippingzone", "shippingmethod", "countryrule", "carrier"]
)
def test_shipping_admin_lists_render(staff_client, model):
    response = staff_client.get(reverse(f"wagtailsnippets_commerce_{model}:list"))
    assert response.status_code == 200


def test_country_rules_list_shows_last_reviewed_date(staff_client):
    response = staff_client.get(reverse("wagtailsnippets_commerce_countryrule:list"))
    assert b"Nov. 27, 2026" in response.content or b"27 Nov 2026" in response.content
    assert b"Phytosanitary certificate" in response.content


def test_staff_edit_a_rate_table_weight_band(staff_client):
    table = RateTable.objects.get(zone__code="eu-near", method__code="road-pallet")
    url = reverse("wagtailsnippets_commerce_ratetable:edit", args=[table.pk])
    assert staff_client.get(url).status_code == 200
    bands = list(table.weight_bands.all())
    data = {
        "zone": table.zone_id,
        "method": table.method_id,
        "active": "on",
        "minimum_charge": "130.00",
        "fuel_surcharge_percent": "11.00",
        "shipment_fee": "0",
        "transit_days_min": "2",
        "transit_days_max": "4",
        "max_pallets": "26",
        "note": "",
        "weight_bands-TOTAL_FORMS": str(len(bands)),
        "weight_bands-INITIAL_FORMS": str(len(bands)),
        "weight_bands-MIN_NUM_FORMS": "1",
        "weight_bands-MAX_NUM_FORMS": "1000",
    }
    for i, band in enumerate(bands):
        data.update(
            {
                f"weight_bands-{i}-id": band.pk,
                f"weight_bands-{i}-ORDER": str(i),
                f"weight_bands-{i}-DELETE": "",
                f"weight_bands-{i}-max_pallet_weight_kg": str(band.max_pallet_weight_kg),
                f"weight_bands-{i}-price_per_pallet": "99.00"
                if i == 0
                else str(band.price_per_pallet),
            }
        )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content[:3000]
    table.refresh_from_db()
    assert table.minimum_charge == Decimal("130.00")
    assert table.weight_bands.order_by("max_pallet_weight_kg")[0].price_per_pallet == 99


def test_staff_add_a_country_rule_with_documents(staff_client):
    response = staff_client.post(
        reverse("wagtailsnippets_commerce_countryrule:add"),
        {
            "country": "BR",
            "shipping_allowed": "on",
            "last_reviewed_at": "2026-11-20",
            "required_documents": ["phytosanitary_certificate", "certificate_of_origin"],
            "buyer_note": "Import licence needed.",
            "internal_note": "",
        },
    )
    assert response.status_code == 302, response.content[:3000]
    rule = CountryRule.objects.get(country="BR")
    assert rule.required_documents == ["phytosanitary_certificate", "certificate_of_origin"]
    assert rule.last_reviewed_at == datetime.date(2026, 11, 20)


def test_a_country_cannot_be_in_two_zones(staff_client):
    zone = ShippingZone.objects.get(code="eu-far")
    response = staff_client.post(
        reverse("wagtailsnippets_commerce_shippingzone:edit", args=[zone.pk]),
        {"name": zone.name, "code": zone.code, "countries": "PL,DE", "sort_order": "2"},
    )
    assert response.status_code == 200  # the form comes back with the error
    assert b"Already in another zone: DE (EU near)" in response.content
    zone.refresh_from_db()
    assert "DE" not in zone.countries


def test_carrier_template_must_hold_the_tracking_number(staff_client):
    response = staff_client.post(
        reverse("wagtailsnippets_commerce_carrier:add"),
        {
            "name": "Bad",
            "code": "bad",
            "adapter": "manual",
            "tracking_url_template": "https://t.example/{id}",
            "active": "on",
        },
    )
    assert response.status_code == 200
    assert not Carrier.objects.filter(code="bad").exists()

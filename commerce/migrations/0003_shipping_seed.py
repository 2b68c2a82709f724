"""Default freight data: zones, methods with pallet capacities, rate tables, country rules and
carriers. Staff edit all of it in the Wagtail admin; see docs/commerce-shipping.md.

Prices are EUR excluding VAT, per pallet by gross pallet weight. The country rules are starting
points marked as seeded: staff review them (and the `last_reviewed_at` date) before relying on
them.
"""

import datetime
from decimal import Decimal as D

from django.db import migrations

EU_NEAR = ["AT", "BE", "DE", "ES", "IT", "LU", "NL", "PT"]
EU_FAR = ["BG", "CY", "CZ", "DK", "EE", "FI", "GR", "HR", "HU", "IE", "LT", "LV", "MT", "PL",
          "RO", "SE", "SI", "SK"]

ZONES = [
    # code, name, countries, rest of world
    ("fr", "France (domestic)", ["FR", "MC"], False),
    ("eu-near", "EU near", EU_NEAR, False),
    ("eu-far", "EU far", EU_FAR, False),
    ("europe-non-eu", "Europe outside the EU", ["CH", "GB", "LI", "NO"], False),
    ("north-america", "North America", ["CA", "US"], False),
    ("rest-of-world", "Rest of the world", [], True),
]

# Up to N litres: M barrels per 120 x 100 cm pallet.
CAPACITY = [
    (60, 12, "Small cask (up to 60 L)"),
    (130, 8, "Quarter cask (up to 130 L)"),
    (260, 4, "Barrique / hogshead (up to 260 L)"),
    (350, 3, "300 L barrel"),
    (700, 2, "Puncheon / demi-muid (up to 700 L)"),
]

METHODS = [
    # code, name, kind, description, sort
    ("road-pallet", "Road pallet freight", "road_pallet",
     "Palletised, by truck, delivered to the door (tail-lift on request).", 10),
    ("sea-freight", "Sea freight (groupage)", "sea_freight",
     "Palletised, consolidated container from Le Havre, delivered to the door.", 20),
    ("collection", "Collection from our warehouse", "collection",
     "Your carrier collects the pallets at our Bordeaux warehouse.", 30),
]

WEIGHTS = [D("150"), D("300"), D("500"), D("1000")]

# zone, method: pallet prices per weight band, minimum, fuel %, fee, transit, max pallets, note
RATES = [
    ("fr", "road-pallet", ["65", "85", "105", "140"], "65", "10", "0", 1, 3, 26, ""),
    ("eu-near", "road-pallet", ["95", "120", "145", "190"], "120", "12.5", "0", 2, 5, 26, ""),
    ("eu-far", "road-pallet", ["140", "175", "210", "270"], "175", "12.5", "0", 4, 8, 26, ""),
    ("europe-non-eu", "road-pallet", ["170", "210", "250", "320"], "210", "12.5", "85", 4, 9,
     26, "Includes the export declaration; import duties and taxes are paid on arrival."),
    ("north-america", "sea-freight", ["260", "300", "340", "420"], "600", "8", "150", 18, 30,
     20, "Includes the export declaration; import duties and taxes are paid on arrival."),
    ("rest-of-world", "sea-freight", ["320", "370", "420", "520"], "700", "8", "175", 25, 45,
     20, "Includes the export declaration; import duties and taxes are paid on arrival."),
    ("fr", "collection", ["0", "0", "0", "0"], "0", "0", "0", 1, 2, 26,
     "Ready for collection within 1 to 2 working days; we will send the pick-up reference."),
    ("eu-near", "collection", ["0", "0", "0", "0"], "0", "0", "0", 1, 2, 26,
     "Ready for collection within 1 to 2 working days; we will send the pick-up reference."),
    ("eu-far", "collection", ["0", "0", "0", "0"], "0", "0", "0", 1, 2, 26,
     "Ready for collection within 1 to 2 working days; we will send the pick-up reference."),
]

REVIEWED = datetime.date(2026, 11, 27)
SEEDED = "Seeded default: review against current regulations before relying on it."
SANCTIONS = "Under EU restrictive measures we cannot ship to this destination."
DAP = ("Delivered at place (DAP): import duties and taxes are paid by the consignee on arrival. "
       "Please give us your importer or EORI number.")
RULES = [
    ("RU", False, [], SANCTIONS),
    ("BY", False, [], SANCTIONS),
    ("KP", False, [], SANCTIONS),
    ("IR", False, [], SANCTIONS),
    ("SY", False, [], SANCTIONS),
    ("GB", True, [], DAP),
    ("CH", True, ["certificate_of_origin"], DAP),
    ("NO", True, [], DAP),
    ("US", True, [], DAP),
    ("CA", True, ["certificate_of_origin"], DAP),
    ("AU", True, ["phytosanitary_certificate", "fumigation_certificate"],
     "Used wooden barrels are inspected on arrival by Australian biosecurity; they travel with "
     "a phytosanitary certificate and a fumigation certificate. " + DAP),
    ("NZ", True, ["phytosanitary_certificate"],
     "Used wooden barrels travel with a phytosanitary certificate. " + DAP),
    ("CN", True, ["phytosanitary_certificate", "certificate_of_origin"],
     "Used wooden barrels travel with a phytosanitary certificate. " + DAP),
    ("JP", True, ["certificate_of_origin"], DAP),
    ("ZA", True, ["phytosanitary_certificate"],
     "Used wooden barrels travel with a phytosanitary certificate. " + DAP),
]

CARRIERS = [
    ("own-fleet", "Our own delivery", ""),
    ("dhl-freight", "DHL Freight",
     "https://www.dhl.com/global-en/home/tracking.html?tracking-id={tracking_number}"),
    ("db-schenker", "DB Schenker",
     "https://www.dbschenker.com/app/tracking-public/?refNumber={tracking_number}"),
]


def seed(apps, schema_editor):
    Zone = apps.get_model("commerce", "ShippingZone")
    Method = apps.get_model("commerce", "ShippingMethod")
    Capacity = apps.get_model("commerce", "PalletCapacityBand")
    Rate = apps.get_model("commerce", "RateTable")
    Band = apps.get_model("commerce", "WeightBand")
    Rule = apps.get_model("commerce", "CountryRule")
    Carrier = apps.get_model("commerce", "Carrier")

    zones = {}
    for sort, (code, name, countries, rest) in enumerate(ZONES):
        zones[code], _ = Zone.objects.get_or_create(code=code, defaults={
            "name": name, "countries": countries, "is_rest_of_world": rest, "sort_order": sort})
    methods = {}
    for code, name, kind, description, sort in METHODS:
        method, created = Method.objects.get_or_create(code=code, defaults={
            "name": name, "kind": kind, "description": description, "sort_order": sort})
        methods[code] = method
        if created:
            for max_volume, per_pallet, label in CAPACITY:
                Capacity.objects.create(method=method, max_volume_liters=max_volume,
                                        barrels_per_pallet=per_pallet, label=label)
    for zone, method, prices, minimum, fuel, fee, tmin, tmax, max_pallets, note in RATES:
        table, created = Rate.objects.get_or_create(
            zone=zones[zone], method=methods[method], defaults={
                "minimum_charge": D(minimum), "fuel_surcharge_percent": D(fuel),
                "shipment_fee": D(fee), "transit_days_min": tmin, "transit_days_max": tmax,
                "max_pallets": max_pallets, "note": note})
        if created:
            for weight, price in zip(WEIGHTS, prices, strict=True):
                Band.objects.create(rate_table=table, max_pallet_weight_kg=weight,
                                    price_per_pallet=D(price))
    for country, allowed, documents, note in RULES:
        Rule.objects.get_or_create(country=country, defaults={
            "shipping_allowed": allowed, "required_documents": documents, "buyer_note": note,
            "internal_note": SEEDED, "last_reviewed_at": REVIEWED})
    for code, name, template in CARRIERS:
        Carrier.objects.get_or_create(code=code, defaults={
            "name": name, "tracking_url_template": template})


class Migration(migrations.Migration):
    dependencies = [("commerce", "0002_shipping_freight")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

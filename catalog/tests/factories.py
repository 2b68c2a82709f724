from decimal import Decimal

import factory
from django.utils import timezone

from catalog.models import Barrel, BarrelStatus, BarrelTierPrice


class BarrelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Barrel

    sku = factory.Sequence(lambda n: f"BRL-{n:05d}")
    slug = factory.Sequence(lambda n: f"bordeaux-barrique-{n}")
    name = factory.Sequence(lambda n: f"Bordeaux barrique #{n}")
    description = "A 225 L French oak barrique that held Saint-Émilion for two years."
    status = BarrelStatus.ACTIVE
    origin_country = "FR"
    previous_content = "bordeaux"
    wood_type = "french_oak"
    condition = "very_good"
    volume_liters = 225
    cooperage = "Tonnellerie Nadalié"
    toast_level = "medium"
    previous_fills = 2
    last_fill_year = 2024
    height_cm = Decimal("95.0")
    diameter_cm = Decimal("72.0")
    empty_weight_kg = Decimal("45.00")
    price = Decimal("290.00")
    cost_price = Decimal("150.00")
    stock_quantity = 5
    reserved_quantity = 0
    listed_at = factory.LazyFunction(timezone.now)


class BarrelTierPriceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BarrelTierPrice

    barrel = factory.SubFactory(BarrelFactory)
    min_quantity = 10
    unit_price = Decimal("250.00")

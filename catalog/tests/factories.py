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


def root_collection():
    """Wagtail's root collection (recreated when a transactional test flushed the tables)."""
    from wagtail.models import Collection

    return Collection.get_first_root_node() or Collection.add_root(name="Root")


class WagtailImageFactory(factory.django.DjangoModelFactory):
    """A real (small PNG) Wagtail image, so renditions can be generated."""

    class Meta:
        model = "wagtailimages.Image"

    collection = factory.LazyFunction(root_collection)
    title = factory.Sequence(lambda n: f"Barrel photo {n}")
    file = factory.LazyFunction(
        lambda: __import__("wagtail.images.tests.utils", fromlist=["x"]).get_test_image_file(
            size=(800, 600)
        )
    )


class BarrelImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalog.BarrelImage"

    barrel = factory.SubFactory(BarrelFactory)
    image = factory.SubFactory(WagtailImageFactory)
    caption = "Front view"
    sort_order = 0

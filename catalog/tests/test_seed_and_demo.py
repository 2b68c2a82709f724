from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Max, Min

from catalog import demo
from catalog.models import Barrel, StockMovement

pytestmark = pytest.mark.django_db


def snapshot():
    return list(
        Barrel.objects.order_by("sku").values_list(
            "sku",
            "name",
            "price",
            "volume_liters",
            "wood_type",
            "previous_content",
            "stock_quantity",
        )
    )


def test_seed_catalog_generates_realistic_barrels_in_batches_with_ledgered_stock():
    err = StringIO()
    call_command(
        "seed_catalog",
        "--count",
        "250",
        "--batch-size",
        "100",
        "--seed",
        "7",
        stdout=StringIO(),
        stderr=err,
    )
    assert Barrel.objects.count() == 250
    assert "250/250" in err.getvalue()  # the tqdm progress bar
    stats = Barrel.objects.aggregate(
        Min("volume_liters"),
        Max("volume_liters"),
        Min("price"),
        Max("price"),
        Min("empty_weight_kg"),
        Max("empty_weight_kg"),
    )
    assert stats["volume_liters__min"] >= 200 and stats["volume_liters__max"] <= 500
    assert stats["price__min"] > 40 and stats["price__max"] < 1500
    assert stats["empty_weight_kg__min"] >= 40 and stats["empty_weight_kg__max"] <= 130
    contents = set(Barrel.objects.values_list("previous_content", flat=True))
    assert {"bordeaux", "burgundy", "bourbon", "sherry", "port", "whisky"} <= contents
    woods = set(Barrel.objects.values_list("wood_type", flat=True))
    assert {"french_oak", "american_oak"} <= woods
    for barrel in Barrel.objects.filter(stock_quantity__gt=0)[:20]:
        assert barrel.movements.get().stock_after == barrel.stock_quantity
    assert StockMovement.objects.count() == Barrel.objects.filter(stock_quantity__gt=0).count()


def test_seed_is_deterministic_for_a_seed():
    call_command("seed_catalog", "--count", "30", "--seed", "3", "--no-progress", stdout=StringIO())
    first = snapshot()
    StockMovement.objects.all().delete()
    Barrel.objects.all().delete()
    call_command("seed_catalog", "--count", "30", "--seed", "3", "--no-progress", stdout=StringIO())
    assert snapshot() == first


def test_seed_refuses_absurd_counts():
    with pytest.raises(CommandError):
        call_command("seed_catalog", "--count", "0", stdout=StringIO())


def test_demo_loader_creates_a_few_hundred_once(settings):
    settings.CATALOG_DEMO_BARRELS = 40
    lines = demo.load(stdout=StringIO())
    assert Barrel.objects.count() == 40 and "40 demo barrels" in lines[0]
    demo.load(stdout=StringIO())
    assert Barrel.objects.count() == 40

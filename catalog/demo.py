"""Demo barrels for `make run`: a few hundred generated barrels, created once (idempotent)."""

from django.conf import settings

from catalog import cache_keys
from catalog.models import Barrel
from catalog.seeding import seed

DEMO_PREFIX = "DEMO"


def load(*, stdout) -> list[str]:
    wanted = settings.CATALOG_DEMO_BARRELS
    existing = Barrel.objects.filter(sku__startswith=f"{DEMO_PREFIX}-").count()
    if existing < wanted:
        seed(wanted - existing, seed=2026, sku_prefix=DEMO_PREFIX)
        cache_keys.invalidate_barrels([])
    total = Barrel.objects.filter(sku__startswith=f"{DEMO_PREFIX}-").count()
    return [f"Catalog: {total} demo barrels (GET /v1/barrels, Wagtail admin > Barrels)"]

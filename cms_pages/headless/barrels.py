"""The catalog barrel as the page API shows it: live price, availability and key attributes.

Read from the barrel row at request time (never copied into the page), so a price or stock
change in the catalog shows on the next page API call.
"""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from catalog.models import Barrel


def _choice(barrel: Barrel, field: str) -> dict[str, str]:
    return {"value": getattr(barrel, field), "label": getattr(barrel, f"get_{field}_display")()}


def _decimal(value: Decimal | None, places: str) -> str | None:
    return None if value is None else str(value.quantize(Decimal(places), ROUND_HALF_UP))


def barrel_summary(barrel: Barrel | None) -> dict[str, Any] | None:
    if barrel is None:
        return None
    available = max(barrel.available, 0)
    return {
        "id": barrel.pk,
        "sku": barrel.sku,
        "slug": barrel.slug,
        "name": barrel.name,
        "status": barrel.status,
        # Same names and formats as the catalog API (GET /v1/barrels/{slug}).
        "price": _decimal(barrel.price, "0.01"),
        "currency": barrel.currency,
        "availability": str(barrel.availability),
        "available": available,
        "is_purchasable": barrel.is_purchasable,
        "attributes": {
            "previous_content": _choice(barrel, "previous_content"),
            "wood_type": _choice(barrel, "wood_type"),
            "condition": _choice(barrel, "condition"),
            "toast_level": _choice(barrel, "toast_level"),
            "origin_country": _choice(barrel, "origin_country"),
            "volume_liters": barrel.volume_liters,
            "cooperage": barrel.cooperage,
            "previous_fills": barrel.previous_fills,
            "last_fill_year": barrel.last_fill_year,
            "height_cm": _decimal(barrel.height_cm, "0.1"),
            "diameter_cm": _decimal(barrel.diameter_cm, "0.1"),
            "empty_weight_kg": _decimal(barrel.empty_weight_kg, "0.01"),
        },
    }

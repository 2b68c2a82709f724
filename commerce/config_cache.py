"""Checkout's configuration reads, cached: country rules, shipping zones and rate tables with
their bands, VAT rates.

Every checkout, preview and rate request needs them; they change a few times a year, when an
administrator edits them. The cached values live under one namespace of `vwb_site.cache`:
saving or deleting any of these models bumps its version at once and again after commit (so a
reader that raced the transaction cannot leave an old value in place), and so does `migrate`.
With Redis down every read goes to the database. A lost invalidation (Redis unreachable at that
moment) is bounded by CONFIG_CACHE_TTL.
"""

from collections.abc import Callable
from typing import TypeVar

from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save

from commerce.models import (
    CountryRule,
    PalletCapacityBand,
    RateTable,
    ShippingMethod,
    ShippingZone,
    VatRate,
    WeightBand,
)
from vwb_site.cache import cached_in_namespace, invalidate

T = TypeVar("T")

NAMESPACE = "commerce:checkout-config"
CONFIG_CACHE_TTL = 600  # seconds


def config_cached(name: str, *parts: object, compute: Callable[[], T]) -> T:
    """The value of `compute()` for (name, *parts), from the cache when current."""
    return cached_in_namespace(NAMESPACE, (name, *parts), CONFIG_CACHE_TTL, compute)


def config_changed(**_kwargs) -> None:
    invalidate(NAMESPACE)
    transaction.on_commit(lambda: invalidate(NAMESPACE))


def connect() -> None:
    """Called by CommerceConfig.ready()."""
    for model in (
        CountryRule,
        ShippingZone,
        ShippingMethod,
        PalletCapacityBand,
        RateTable,
        WeightBand,
        VatRate,
    ):
        uid = f"commerce-config-cache-{model._meta.label_lower}"
        post_save.connect(config_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(config_changed, sender=model, dispatch_uid=f"{uid}-delete")
    post_migrate.connect(config_changed, dispatch_uid="commerce-config-cache-migrate")

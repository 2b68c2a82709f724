"""Shipping reads: zones and rate tables for a destination, country rules, tracking timelines."""

from django.db.models import Prefetch, QuerySet

from commerce.models import CountryRule, PalletCapacityBand, RateTable, ShippingZone, WeightBand


def country_rule_get(*, country: str) -> CountryRule | None:
    return CountryRule.objects.filter(country=country).first()


def zone_for_country(*, country: str) -> ShippingZone | None:
    """The zone listing `country`, else the rest-of-the-world zone, else None."""
    zones = list(
        ShippingZone.objects.filter(countries__contains=[country])
        | ShippingZone.objects.filter(is_rest_of_world=True)
    )
    listed = [z for z in zones if country in z.countries]
    if listed:
        return listed[0]
    return zones[0] if zones else None


def rate_tables_for_country(*, country: str) -> QuerySet[RateTable] | list:
    """Active rate tables of active methods to `country`'s zone, bands prefetched (3 queries)."""
    zone = zone_for_country(country=country)
    if zone is None:
        return []
    return (
        RateTable.objects.filter(zone=zone, active=True, method__active=True)
        .select_related("zone", "method")
        .prefetch_related(
            Prefetch("weight_bands", queryset=WeightBand.objects.order_by("max_pallet_weight_kg")),
            Prefetch(
                "method__capacity_bands",
                queryset=PalletCapacityBand.objects.order_by("max_volume_liters"),
            ),
        )
        .order_by("method__sort_order", "method__code")
    )


def country_rule_list() -> QuerySet[CountryRule]:
    return CountryRule.objects.order_by("country")

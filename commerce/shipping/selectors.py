"""Shipping reads: zones and rate tables for a destination, country rules, an order's shipments
and documents."""

from django.db.models import Prefetch

from commerce.config_cache import config_cached
from commerce.models import (
    Carrier,
    CountryRule,
    Order,
    PalletCapacityBand,
    RateTable,
    Shipment,
    ShippingZone,
    WeightBand,
)


def country_rule_get(*, country: str) -> CountryRule | None:
    """The destination's rule, if any (cached: commerce.config_cache)."""
    return config_cached(
        "country-rule", country, compute=lambda: CountryRule.objects.filter(country=country).first()
    )


def zone_for_country(*, country: str) -> ShippingZone | None:
    """The zone listing `country`, else the rest-of-the-world zone, else None."""
    zones = list(ShippingZone.objects.all())  # a handful of rows: one query, matched here
    listed = [z for z in zones if country in z.countries]
    if listed:
        return listed[0]
    return next((z for z in zones if z.is_rest_of_world), None)


def rate_tables_for_country(*, country: str) -> list[RateTable]:
    """Active rate tables of active methods to `country`'s zone, bands prefetched (4 queries,
    or none: cached, see commerce.config_cache)."""
    return config_cached("rate-tables", country, compute=lambda: _rate_tables(country))


def _rate_tables(country: str) -> list[RateTable]:
    zone = zone_for_country(country=country)
    if zone is None:
        return []
    return list(
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


def carriers_list() -> list[Carrier]:
    """Every carrier, active first (the admin's list: codes to ship with)."""
    return list(Carrier.objects.order_by("-active", "code"))


def active_carrier_codes() -> list[str]:
    return list(Carrier.objects.filter(active=True).order_by("code").values_list("code", flat=True))


def live_rate_carriers(*, adapters: list[str]) -> list[Carrier]:
    """Active carriers whose adapter quotes live rates."""
    return list(Carrier.objects.filter(active=True, adapter__in=adapters).order_by("code"))


def shipments_for_order(*, order) -> list:
    """The order's shipments with carrier and events (2 queries)."""
    return list(
        Shipment.objects.filter(order=order)
        .select_related("carrier")
        .prefetch_related("events")
        .order_by("shipped_at", "id")
    )


def order_documents_for_user(*, order_id, user):
    """The order's documents if `user` owns the order or is an administrator; None otherwise."""
    orders = Order.objects.filter(pk=order_id)
    if not getattr(user, "is_admin", False):
        orders = orders.filter(user_id=user.pk)
    order = orders.first()
    if order is None:
        return None, []
    return order, list(order.documents.order_by("created_at", "id"))


def shipments_of(order: Order) -> list[dict]:
    """The order's shipments (carrier, tracking number and URL, events) as plain dicts, for the
    order e-mails, the order serializers and the admin; uses the prefetched `shipments` of
    `commerce.orders.selectors.order_get`."""
    shipments = getattr(order, "shipments", None)
    if shipments is None:
        return []
    result = []
    for shipment in shipments.all():
        carrier = getattr(shipment, "carrier", None)
        events = getattr(shipment, "events", None)
        result.append(
            {
                "carrier": getattr(carrier, "name", ""),
                "carrier_code": getattr(carrier, "code", ""),
                "tracking_number": shipment.tracking_number,
                "tracking_url": getattr(shipment, "tracking_url", "") or "",
                "shipped_at": getattr(shipment, "shipped_at", None) or shipment.created_at,
                "events": [
                    {
                        "kind": e.kind,
                        "occurred_at": e.occurred_at,
                        "location": e.location,
                        "description": e.description,
                    }
                    for e in (events.all() if events is not None else [])
                ],
            }
        )
    return result


def latest_tracking(order: Order) -> dict | None:
    shipments = shipments_of(order)
    return shipments[-1] if shipments else None

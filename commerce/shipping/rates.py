"""Freight arithmetic: barrels onto pallets, pallets priced by weight band, then the extras.

Pure functions over rows already loaded (a rate table with its weight bands, a method with its
capacity bands); no queries here. The steps, for one method to one zone:

1. Each barrel takes `1 / barrels_per_pallet` of a pallet, from the method's capacity band for
   its volume (the smallest band whose `max_volume_liters` is at least the barrel's volume). A
   barrel larger than every band cannot travel by this method.
2. Barrels are packed first-fit-decreasing (largest share first) onto pallets; a pallet is full
   at a share of 1, or when one more barrel would make it heavier than the heaviest weight band.
3. Gross pallet weight = empty weights of its barrels + the method's pallet tare.
4. Each pallet costs the price of the lightest weight band that holds its gross weight.
5. freight = max(sum of pallet prices, minimum charge); fuel surcharge = freight x percent,
   rounded to the cent (ROUND_HALF_UP); price = freight + surcharge + shipment fee.
6. More pallets than the table's `max_pallets`: this method cannot carry the lines.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from math import ceil

from vwb_site.core.money import money


@dataclass
class PalletLoad:
    """One pallet: the barrels on it (barrel, count), its share used, gross weight and price."""

    items: dict = field(default_factory=dict)  # barrel -> count, in loading order
    share: Fraction = Fraction(0)
    net_weight_kg: Decimal = Decimal("0")
    gross_weight_kg: Decimal = Decimal("0")
    price: Decimal = Decimal("0")

    @property
    def barrel_count(self) -> int:
        return sum(self.items.values())


@dataclass(frozen=True)
class RateResult:
    pallets: tuple[PalletLoad, ...]
    total_weight_kg: Decimal
    net_weight_kg: Decimal
    pallet_charges: Decimal
    freight: Decimal
    fuel_surcharge: Decimal
    shipment_fee: Decimal
    price: Decimal


class CannotCarry(Exception):
    """This method cannot carry these lines (too big, too heavy, too many pallets)."""


def barrels_per_pallet(capacity_bands, volume_liters: int) -> int:
    for band in sorted(capacity_bands, key=lambda b: b.max_volume_liters):
        if volume_liters <= band.max_volume_liters:
            return band.barrels_per_pallet
    raise CannotCarry(f"No pallet takes a {volume_liters} L barrel.")


def pack(
    lines,
    *,
    capacity_bands,
    tare_kg: Decimal,
    max_pallet_weight_kg: Decimal | None,
    max_pallets: int | None = None,
) -> list[PalletLoad]:
    """Barrels (lines of `.barrel`, `.quantity`) onto pallets, first fit decreasing."""
    kinds = []
    lower_bound = Fraction(0)
    for line in lines:
        share = Fraction(1, barrels_per_pallet(capacity_bands, line.barrel.volume_liters))
        weight = Decimal(line.barrel.empty_weight_kg)
        if max_pallet_weight_kg is not None and weight + tare_kg > max_pallet_weight_kg:
            raise CannotCarry(f"A {weight} kg barrel is heavier than any pallet band.")
        kinds.append((share, weight, line))
        lower_bound += share * line.quantity
    if max_pallets is not None and ceil(lower_bound) > max_pallets:
        raise CannotCarry(f"At least {ceil(lower_bound)} pallets; at most {max_pallets}.")
    kinds.sort(key=lambda k: (k[0], k[1]), reverse=True)

    pallets: list[PalletLoad] = []
    for share, weight, line in kinds:
        for _ in range(line.quantity):
            target = next(
                (
                    p
                    for p in pallets
                    if p.share + share <= 1
                    and (
                        max_pallet_weight_kg is None
                        or p.gross_weight_kg + weight <= max_pallet_weight_kg
                    )
                ),
                None,
            )
            if target is None:
                if max_pallets is not None and len(pallets) >= max_pallets:
                    raise CannotCarry(f"More than {max_pallets} pallets.")
                target = PalletLoad(gross_weight_kg=tare_kg)
                pallets.append(target)
            target.items[line.barrel] = target.items.get(line.barrel, 0) + 1
            target.share += share
            target.net_weight_kg += weight
            target.gross_weight_kg += weight
    return pallets


def band_price(weight_bands, gross_weight_kg: Decimal) -> Decimal:
    for band in sorted(weight_bands, key=lambda b: b.max_pallet_weight_kg):
        if gross_weight_kg <= band.max_pallet_weight_kg:
            return band.price_per_pallet
    raise CannotCarry(f"A {gross_weight_kg} kg pallet is above every weight band.")


def price_lines(lines, *, rate_table, method) -> RateResult:
    """Price `lines` by `method` with `rate_table` (bands prefetched). Raises CannotCarry."""
    weight_bands = list(rate_table.weight_bands.all())
    if not weight_bands:
        raise CannotCarry("The rate table has no weight bands.")
    heaviest = max(b.max_pallet_weight_kg for b in weight_bands)
    pallets = pack(
        lines,
        capacity_bands=list(method.capacity_bands.all()),
        tare_kg=method.pallet_tare_kg,
        max_pallet_weight_kg=heaviest,
        max_pallets=rate_table.max_pallets,
    )
    for pallet in pallets:
        pallet.price = band_price(weight_bands, pallet.gross_weight_kg)
    pallet_charges = sum((p.price for p in pallets), Decimal("0"))
    freight = max(pallet_charges, rate_table.minimum_charge)
    fuel = money(freight * rate_table.fuel_surcharge_percent / Decimal(100))
    price = money(freight + fuel + rate_table.shipment_fee)
    return RateResult(
        pallets=tuple(pallets),
        total_weight_kg=money(sum((p.gross_weight_kg for p in pallets), Decimal("0"))),
        net_weight_kg=money(sum((p.net_weight_kg for p in pallets), Decimal("0"))),
        pallet_charges=money(pallet_charges),
        freight=money(freight),
        fuel_surcharge=fuel,
        shipment_fee=money(rate_table.shipment_fee),
        price=price,
    )

"""Money helpers: amounts are `Decimal`, rounded to the cent half up, always with a currency."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def money(value: Decimal | int | str) -> Decimal:
    """`value` rounded to the cent, half up (`Decimal("2.345")` -> `Decimal("2.35")`)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)

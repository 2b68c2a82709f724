"""Small pandas helpers shared by the report builders."""

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from vwb_site.core.money import money as core_money

CENT = Decimal("0.01")
RATIO = Decimal("0.0001")


def money(value) -> Decimal:
    """A report cell's amount: missing (None, NaN) counts as zero."""
    if value is None or (not isinstance(value, Decimal) and pd.isna(value)):
        return Decimal("0.00")
    return core_money(value)


def ratio(numerator, denominator) -> Decimal | None:
    """A ratio as a Decimal fraction (0.2500 = 25 %), None when the denominator is zero."""
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(RATIO, rounding=ROUND_HALF_UP)


def frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """A DataFrame from selector rows, with the given columns even when there are no rows."""
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    return pd.DataFrame.from_records(rows)


def money_column(series: pd.Series) -> pd.Series:
    return series.map(money).astype(object)


def day(series: pd.Series) -> pd.Series:
    """Truncated timestamps from SQL to plain dates."""
    return series.map(lambda v: v.date() if hasattr(v, "date") else v).astype(object)

"""What a report is: parameters in, named tables plus a summary (and a chart) out.

Each report is declared once (`ReportDefinition`) and registered under its name. Its selector
functions (`reporting.selectors`) read with the aggregation done by PostgreSQL; its builder shapes
those rows with pandas into `Table`s and `SummaryItem`s; the writers (`reporting.writers`) turn a
`ReportResult` into CSV or XLSX without knowing which report it came from.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd

from reporting.selectors.params import ReportParams

__all__ = ["ReportParams"]  # defined with the reads that take it; re-exported for the reports

# Column kinds the writers know how to format.
TEXT, INT, MONEY, PERCENT, DATE, NUMBER = "text", "int", "money", "percent", "date", "number"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = TEXT
    # For MONEY: the column of the same row holding the ISO currency code.
    currency_key: str = "currency"


@dataclass
class Table:
    name: str  # stable key: CSV `table=` value
    title: str  # sheet name (<= 31 characters)
    columns: list[Column]
    frame: pd.DataFrame

    def __post_init__(self) -> None:
        keys = [c.key for c in self.columns]
        if self.frame.empty:
            self.frame = pd.DataFrame({k: pd.Series(dtype=object) for k in keys})
        missing = [k for k in keys if k not in self.frame.columns]
        if missing:
            raise ValueError(f"Table {self.name} lacks columns {missing}")
        self.frame = self.frame[keys].reset_index(drop=True)

    def rows(self) -> Iterator[list[Any]]:
        """Cells as Python values (Decimal, int, date, str), NaN/NA as None."""
        for record in self.frame.itertuples(index=False, name=None):
            yield [None if _is_missing(v) else _plain(v) for v in record]


@dataclass(frozen=True)
class SummaryItem:
    label: str
    value: Any
    kind: str = TEXT
    currency: str = ""


@dataclass(frozen=True)
class ChartSpec:
    """A native Excel chart on the Summary sheet, drawn from one of the report's tables."""

    kind: str  # "bar" or "line"
    title: str
    table: str
    category: str
    values: tuple[str, ...]
    y_title: str = ""


@dataclass
class ReportResult:
    report: str
    title: str
    params: ReportParams
    tables: list[Table]
    summary: list[SummaryItem]
    charts: list[ChartSpec] = field(default_factory=list)

    def table(self, name: str) -> Table:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)


@dataclass(frozen=True)
class DetailStream:
    """Row-level data (CSV only), streamed: `queryset` is a values_list() whose columns match
    `columns`; PostgreSQL writes the rows itself (COPY ... TO STDOUT) and they flow through."""

    name: str
    columns: list[Column]
    queryset: Any


Progress = Callable[[int], None]


def no_progress(_percent: int) -> None:
    return None


@dataclass(frozen=True)
class ReportDefinition:
    name: str
    title: str
    description: str
    filters: tuple[str, ...]
    build: Callable[[ReportParams, Progress], ReportResult]
    tables: tuple[tuple[str, str], ...]  # (name, title) of the tables, for listings and forms
    detail: Callable[[ReportParams], DetailStream] | None = None
    detail_name: str = ""


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plain(value: Any) -> Any:
    """numpy/pandas scalars to plain Python, so csv and openpyxl see ints, dates and Decimals."""
    if isinstance(value, (Decimal, str, bool, int, float, date)) and not isinstance(
        value, pd.Timestamp
    ):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date() if value == value.normalize() else value.to_pydatetime()
    if hasattr(value, "item"):
        return value.item()
    return value

"""Inventory: stock and reservations per barrel, stock value, ageing, low stock, movements.

Stock figures are a snapshot of now (the barrels' current counters); ageing is counted in days
from `listed_at` to today. The date range selects the stock movements.
"""

import pandas as pd
from django.utils import timezone

from catalog.models import low_stock_threshold
from reporting.reports.base import (
    DATE,
    INT,
    MONEY,
    ChartSpec,
    Column,
    DetailStream,
    Progress,
    ReportDefinition,
    ReportParams,
    ReportResult,
    SummaryItem,
    Table,
)
from reporting.reports.common import day, frame, money, money_column
from reporting.reports.registry import register
from reporting.selectors import inventory as sel

AGE_BUCKETS = [
    (30, "0-30 days"),
    (90, "31-90 days"),
    (180, "91-180 days"),
    (365, "181-365 days"),
    (None, "over 365 days"),
]
NEVER_LISTED = "never listed"
BUCKET_ORDER = [label for _limit, label in AGE_BUCKETS] + [NEVER_LISTED]

STOCK_COLUMNS = [
    Column("sku", "SKU"),
    Column("name", "Name"),
    Column("status", "Status"),
    Column("wood_type", "Wood type"),
    Column("previous_content", "Previous content"),
    Column("origin_country", "Origin"),
    Column("stock_quantity", "In stock", INT),
    Column("reserved_quantity", "Reserved", INT),
    Column("available", "Available", INT),
    Column("currency", "Currency"),
    Column("cost_price", "Cost price", MONEY),
    Column("price", "Price", MONEY),
    Column("value_at_cost", "Stock value at cost", MONEY),
    Column("value_at_price", "Stock value at price", MONEY),
    Column("listed_on", "Listed on", DATE),
    Column("age_days", "Age (days)", INT),
    Column("low_stock", "Low stock"),
]
AGEING_COLUMNS = [
    Column("bucket", "Age"),
    Column("currency", "Currency"),
    Column("barrels", "Barrels", INT),
    Column("units", "Units in stock", INT),
    Column("value_at_cost", "Stock value at cost", MONEY),
    Column("value_at_price", "Stock value at price", MONEY),
]
LOW_STOCK_COLUMNS = [
    Column("sku", "SKU"),
    Column("name", "Name"),
    Column("available", "Available", INT),
    Column("stock_quantity", "In stock", INT),
    Column("reserved_quantity", "Reserved", INT),
    Column("currency", "Currency"),
    Column("price", "Price", MONEY),
]
MOVES_BY_DAY_COLUMNS = [
    Column("day", "Day", DATE),
    Column("reason", "Reason"),
    Column("movements", "Movements", INT),
    Column("stock_delta", "Stock change", INT),
    Column("reserved_delta", "Reserved change", INT),
]
MOVES_BY_BARREL_COLUMNS = [
    Column("barrel__sku", "SKU"),
    Column("barrel__name", "Name"),
    Column("movements", "Movements", INT),
    Column("received", "Received", INT),
    Column("sold", "Sold", INT),
    Column("returned", "Returned", INT),
    Column("adjusted", "Adjusted", INT),
    Column("stock_delta", "Net stock change", INT),
    Column("reserved_delta", "Net reserved change", INT),
]
MOVEMENT_DETAIL_COLUMNS = [
    Column("created_at", "Time (UTC)", DATE),
    Column("sku", "SKU"),
    Column("reason", "Reason"),
    Column("stock_delta", "Stock change", INT),
    Column("reserved_delta", "Reserved change", INT),
    Column("stock_after", "Stock after", INT),
    Column("reserved_after", "Reserved after", INT),
    Column("reference_kind", "Reference kind"),
    Column("reference_id", "Reference"),
    Column("note", "Note"),
]


def age_bucket(age_days) -> str:
    if age_days is None or pd.isna(age_days):
        return NEVER_LISTED
    for limit, label in AGE_BUCKETS:
        if limit is None or age_days <= limit:
            return label
    return AGE_BUCKETS[-1][1]  # pragma: no cover


def _stock_frame(rows: list[dict], threshold: int) -> pd.DataFrame:
    df = frame(rows, [c.key for c in STOCK_COLUMNS] + ["listed_at"])
    if df.empty:
        return df
    today = timezone.localdate()
    df["listed_on"] = (
        df["listed_at"]
        .map(lambda v: timezone.localtime(v).date() if v is not None and not pd.isna(v) else None)
        .astype(object)
    )
    df["age_days"] = (
        df["listed_on"].map(lambda d: (today - d).days if d is not None else None).astype(object)
    )
    for key in ("cost_price", "price", "value_at_cost", "value_at_price"):
        df[key] = df[key].map(lambda v: money(v) if v is not None else None).astype(object)
    df["low_stock"] = ((df["status"] == "active") & (df["available"] <= threshold)).map(
        {True: "yes", False: "no"}
    )
    return df


def _ageing(stock: pd.DataFrame) -> pd.DataFrame:
    if stock.empty:
        return stock
    df = stock.assign(bucket=stock["age_days"].map(age_bucket))
    df["value_at_cost"] = df["value_at_cost"].map(money)
    grouped = (
        df.groupby(["bucket", "currency"], sort=False)
        .agg(
            barrels=("sku", "count"),
            units=("stock_quantity", "sum"),
            value_at_cost=("value_at_cost", "sum"),
            value_at_price=("value_at_price", "sum"),
        )
        .reset_index()
    )
    grouped["order"] = grouped["bucket"].map(BUCKET_ORDER.index)
    grouped = grouped.sort_values(["order", "currency"]).drop(columns="order")
    grouped["value_at_cost"] = money_column(grouped["value_at_cost"])
    grouped["value_at_price"] = money_column(grouped["value_at_price"])
    return grouped


def build(params: ReportParams, progress: Progress) -> ReportResult:
    threshold = low_stock_threshold()
    stock = _stock_frame(sel.stock_rows(params=params), threshold)
    progress(40)
    totals = sel.stock_totals(params=params)
    by_day = frame(sel.movements_by_day(params=params), [c.key for c in MOVES_BY_DAY_COLUMNS])
    if not by_day.empty:
        by_day["day"] = day(by_day["day"])
    by_barrel = frame(
        sel.movements_by_barrel(params=params), [c.key for c in MOVES_BY_BARREL_COLUMNS]
    )
    by_barrel = by_barrel.fillna(0) if not by_barrel.empty else by_barrel
    progress(80)
    low = (
        stock[stock["low_stock"] == "yes"].sort_values(["available", "sku"])
        if not (stock.empty)
        else stock
    )
    summary = [
        SummaryItem("Barrels listed in the report", len(stock), INT),
        SummaryItem("Units in stock", int(sum(t["units"] or 0 for t in totals)), INT),
        SummaryItem("Units reserved", int(sum(t["reserved"] or 0 for t in totals)), INT),
        SummaryItem(f"Low-stock barrels (available <= {threshold})", len(low), INT),
        SummaryItem(
            "Stock movements in the period",
            int(by_day["movements"].sum()) if not by_day.empty else 0,
            INT,
        ),
    ]
    for total in totals:
        cur = total["currency"]
        summary.append(
            SummaryItem(f"Stock value at cost ({cur})", money(total["value_at_cost"]), MONEY, cur)
        )
        summary.append(
            SummaryItem(f"Stock value at price ({cur})", money(total["value_at_price"]), MONEY, cur)
        )
    return ReportResult(
        report="inventory",
        title="Inventory",
        params=params,
        tables=[
            Table("stock", "Stock by barrel", STOCK_COLUMNS, stock),
            Table("ageing", "Ageing", AGEING_COLUMNS, _ageing(stock)),
            Table("low_stock", "Low stock", LOW_STOCK_COLUMNS, low),
            Table("movements_by_day", "Movements by day", MOVES_BY_DAY_COLUMNS, by_day),
            Table("movements_by_barrel", "Movements by barrel", MOVES_BY_BARREL_COLUMNS, by_barrel),
        ],
        summary=summary,
        charts=[
            ChartSpec(
                "bar",
                "Stock value by age",
                "ageing",
                "bucket",
                ("value_at_cost", "value_at_price"),
                "Value",
            ),
        ],
    )


def detail(params: ReportParams) -> DetailStream:
    return DetailStream(
        "movements", MOVEMENT_DETAIL_COLUMNS, sel.movement_detail_rows(params=params)
    )


INVENTORY = register(
    ReportDefinition(
        name="inventory",
        title="Inventory",
        description=(
            "Stock and reservations per barrel, stock value at cost and at price, ageing since "
            "listing, low-stock list, and the stock movements of the period."
        ),
        filters=("country", "wood_type", "previous_content"),
        build=build,
        tables=(
            ("stock", "Stock by barrel"),
            ("ageing", "Ageing"),
            ("low_stock", "Low stock"),
            ("movements_by_day", "Movements by day"),
            ("movements_by_barrel", "Movements by barrel"),
        ),
        detail=detail,
        detail_name="movements",
    )
)

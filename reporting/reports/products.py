"""Product performance: units, orders and revenue by barrel and by barrel attribute, and the
views-to-orders conversion from the catalog's first-party view counts.

Filters on barrel attributes keep only the matching barrels' lines (not whole orders, as in
the sales report). Revenue here is the line total: goods net of VAT, without shipping.
"""

import pandas as pd

from reporting.reports.base import (
    INT,
    MONEY,
    PERCENT,
    ChartSpec,
    Column,
    Progress,
    ReportDefinition,
    ReportParams,
    ReportResult,
    SummaryItem,
    Table,
)
from reporting.reports.common import frame, money, money_column, ratio
from reporting.reports.registry import register
from reporting.selectors import products as sel

BARREL_COLUMNS = [
    Column("sku", "SKU"),
    Column("name", "Barrel"),
    Column("wood_type", "Wood type"),
    Column("previous_content", "Previous content"),
    Column("currency", "Currency"),
    Column("units", "Units", INT),
    Column("orders", "Orders", INT),
    Column("revenue", "Revenue (net of VAT)", MONEY),
    Column("views", "Views", INT),
    Column("conversion", "Orders per view", PERCENT),
]
ATTRIBUTE_TABLES = (
    ("wood_type", "By wood type", "Wood type"),
    ("previous_content", "By previous content", "Previous content"),
    ("condition", "By condition", "Condition"),
    ("origin_country", "By origin", "Origin country"),
)


def attribute_columns(label: str) -> list[Column]:
    return [
        Column("value", label),
        Column("currency", "Currency"),
        Column("barrels", "Barrels sold", INT),
        Column("units", "Units", INT),
        Column("orders", "Orders", INT),
        Column("revenue", "Revenue (net of VAT)", MONEY),
    ]


def by_barrel(rows: list[dict]) -> pd.DataFrame:
    df = frame(rows, ["barrel_id", "order__currency", *[c.key for c in BARREL_COLUMNS]])
    if not df.empty:
        df = df.rename(columns={"order__currency": "currency"})
        df["revenue"] = money_column(df["revenue"])
    return df


def with_views(df: pd.DataFrame, views: dict[int, int], viewed: list[dict]) -> pd.DataFrame:
    """Add barrels viewed but not sold (0 orders), the views and orders per view."""
    sold = set(df["barrel_id"]) if not df.empty else set()
    unsold = [
        {**b, "currency": "", "units": 0, "orders": 0, "revenue": None}
        for b in viewed
        if b["barrel_id"] not in sold
    ]
    if unsold:
        df = (
            pd.concat([df, pd.DataFrame(unsold)], ignore_index=True)
            if not df.empty
            else (pd.DataFrame(unsold))
        )
    if df.empty:
        return df
    df["views"] = df["barrel_id"].map(lambda i: int(views.get(i, 0))).astype("int64")
    df["conversion"] = [ratio(o, v) for o, v in zip(df["orders"], df["views"], strict=True)]
    df["units"] = df["units"].astype("int64")
    df["orders"] = df["orders"].astype("int64")
    return df.sort_values(
        ["orders", "revenue", "sku"], ascending=[False, False, True], na_position="last"
    ).reset_index(drop=True)


def build(params: ReportParams, progress: Progress) -> ReportResult:
    views = sel.views_by_barrel(params=params)
    viewed = sel.viewed_barrels(params=params, barrel_ids=list(views))
    barrels = with_views(by_barrel(sel.sales_by_barrel(params=params)), views, viewed)
    progress(40)
    tables = [Table("by_barrel", "By barrel", BARREL_COLUMNS, barrels)]
    for attribute, title, label in ATTRIBUTE_TABLES:
        df = frame(
            sel.sales_by_attribute(params=params, attribute=attribute),
            [c.key for c in attribute_columns(label)],
        )
        if not df.empty:
            df["revenue"] = money_column(df["revenue"])
        tables.append(Table(f"by_{attribute}", title, attribute_columns(label), df))
    progress(80)
    total_views = int(sum(views.values()))
    sold = barrels[barrels["units"] > 0] if not barrels.empty else barrels
    orders_with_views = (
        int(barrels.loc[barrels["views"] > 0, "orders"].sum()) if (not barrels.empty) else 0
    )
    summary = [
        SummaryItem("Barrels sold", int(sold["sku"].nunique()) if not sold.empty else 0, INT),
        SummaryItem("Units sold", int(sold["units"].sum()) if not sold.empty else 0, INT),
        SummaryItem("Product views", total_views, INT),
        SummaryItem(
            "Orders per view (viewed barrels)", ratio(orders_with_views, total_views), PERCENT
        ),
    ]
    if not sold.empty:
        for currency, revenue in sold.groupby("currency")["revenue"].sum().items():
            summary.append(SummaryItem(f"Revenue ({currency})", money(revenue), MONEY, currency))
    return ReportResult(
        report="products",
        title="Product performance",
        params=params,
        tables=tables,
        summary=summary,
        charts=[
            ChartSpec(
                "bar", "Revenue by wood type", "by_wood_type", "value", ("revenue",), "Revenue"
            )
        ],
    )


PRODUCTS = register(
    ReportDefinition(
        name="products",
        title="Product performance",
        description=(
            "Units, orders and revenue by barrel and by attribute (wood type, previous content, "
            "condition, origin), and views-to-orders conversion from the catalog's view counts."
        ),
        filters=("country", "customer_type", "wood_type", "previous_content"),
        build=build,
        tables=(("by_barrel", "By barrel"), *((f"by_{a}", t) for a, t, _l in ATTRIBUTE_TABLES)),
    )
)

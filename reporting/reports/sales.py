"""Sales: revenue, orders, units and average order value by day, week, month, country and
customer type, with refunds netted (see reporting.selectors.orders for what counts)."""

import pandas as pd

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
from reporting.reports.common import day, money, money_column
from reporting.reports.registry import register
from reporting.selectors import sales as sel

MEASURES = [
    Column("currency", "Currency"),
    Column("orders", "Orders", INT),
    Column("units", "Units", INT),
    Column("goods", "Goods (net of VAT)", MONEY),
    Column("shipping", "Shipping", MONEY),
    Column("tax", "VAT", MONEY),
    Column("gross", "Revenue", MONEY),
    Column("refunds", "Refunds", MONEY),
    Column("net", "Net revenue", MONEY),
    Column("aov", "Average order value", MONEY),
]
GRAINS = (("day", "Day"), ("week", "Week of"), ("month", "Month"))
DIMENSIONS = (("country", "Country"), ("customer_type", "Customer type"))
LINE_COLUMNS = [
    Column("number", "Order"),
    Column("order_date", "Order date (UTC)", DATE),
    Column("status", "Status"),
    Column("customer_type", "Customer type"),
    Column("country", "Country"),
    Column("currency", "Currency"),
    Column("sku", "SKU"),
    Column("name", "Barrel"),
    Column("quantity", "Quantity", INT),
    Column("unit_price", "Unit price", MONEY),
    Column("line_total", "Line total", MONEY),
]


def combine(data: dict[str, list[dict]], key: str) -> pd.DataFrame:
    """Orders, units and refunds (each grouped by key and currency in SQL) side by side."""
    index = [key, "currency"]
    frames = []
    for name, columns in (
        ("orders", ["orders", "goods", "shipping", "tax", "gross"]),
        ("units", ["units"]),
        ("refunds", ["refunds"]),
    ):
        rows = data[name]
        df = pd.DataFrame.from_records(rows) if rows else pd.DataFrame(columns=index + columns)
        frames.append(df[index + columns].set_index(index))
    out = frames[0].join(frames[1:], how="outer").reset_index()
    if out.empty:
        return pd.DataFrame(columns=[key, *[c.key for c in MEASURES]])
    for name in ("orders", "units"):
        out[name] = out[name].fillna(0).astype("int64")
    for name in ("goods", "shipping", "tax", "gross", "refunds"):
        out[name] = money_column(out[name])
    out["net"] = (out["gross"] - out["refunds"]).astype(object)
    out["aov"] = [
        money(g / o) if o else None for g, o in zip(out["gross"], out["orders"], strict=True)
    ]
    return out.sort_values([key, "currency"]).reset_index(drop=True)


def totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Per-currency totals of a combined frame (the by-day frame covers the whole period)."""
    if frame.empty:
        return frame
    grouped = (
        frame.groupby("currency", sort=True)
        .agg(
            orders=("orders", "sum"),
            units=("units", "sum"),
            **{k: (k, "sum") for k in ("goods", "shipping", "tax", "gross", "refunds", "net")},
        )
        .reset_index()
    )
    return grouped


def build(params: ReportParams, progress: Progress) -> ReportResult:
    tables: list[Table] = []
    by_period: dict[str, pd.DataFrame] = {}
    step = 0
    for grain, label in GRAINS:
        df = combine(sel.sales_by_period(params=params, grain=grain), "period")
        if not df.empty:
            df["period"] = day(df["period"])
        by_period[grain] = df
        tables.append(
            Table(f"by_{grain}", f"By {grain}", [Column("period", label, DATE), *MEASURES], df)
        )
        step += 1
        progress(10 + step * 15)
    for dimension, label in DIMENSIONS:
        df = combine(sel.sales_by_dimension(params=params, dimension=dimension), "key")
        if not df.empty:
            df["key"] = df["key"].fillna("").astype(object)
        tables.append(
            Table(f"by_{dimension}", f"By {label.lower()}", [Column("key", label), *MEASURES], df)
        )
        step += 1
        progress(10 + step * 15)
    summary: list[SummaryItem] = []
    for row in totals(by_period["day"]).to_dict("records"):
        cur = row["currency"]
        orders = int(row["orders"])
        summary += [
            SummaryItem(f"Orders ({cur})", orders, INT),
            SummaryItem(f"Units ({cur})", int(row["units"]), INT),
            SummaryItem(f"Revenue ({cur})", money(row["gross"]), MONEY, cur),
            SummaryItem(f"Refunds ({cur})", money(row["refunds"]), MONEY, cur),
            SummaryItem(f"Net revenue ({cur})", money(row["net"]), MONEY, cur),
            SummaryItem(
                f"Average order value ({cur})",
                money(row["gross"] / orders) if orders else None,
                MONEY,
                cur,
            ),
        ]
    if not summary:
        summary.append(SummaryItem("Orders", 0, INT))
    return ReportResult(
        report="sales",
        title="Sales",
        params=params,
        tables=tables,
        summary=summary,
        charts=[
            ChartSpec("line", "Net revenue by day", "by_day", "period", ("net",), "Revenue"),
            ChartSpec("bar", "Net revenue by country", "by_country", "key", ("net",), "Revenue"),
        ],
    )


def detail(params: ReportParams) -> DetailStream:
    return DetailStream("lines", LINE_COLUMNS, sel.sales_line_rows(params=params))


SALES = register(
    ReportDefinition(
        name="sales",
        title="Sales",
        description=(
            "Revenue, orders, units and average order value by day, week, month, shipping country "
            "and customer type, with refunds netted. Counts paid orders placed in the period."
        ),
        filters=("country", "customer_type", "wood_type", "previous_content"),
        build=build,
        tables=(
            ("by_day", "By day"),
            ("by_week", "By week"),
            ("by_month", "By month"),
            ("by_country", "By country"),
            ("by_customer_type", "By customer type"),
        ),
        detail=detail,
        detail_name="lines",
    )
)

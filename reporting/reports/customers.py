"""Customers: new vs returning by month, top customers by revenue, customers by country,
B2B companies with their order and quote totals.

A customer is new in a month when their first paid order ever falls in that month; any other
customer buying in the month is returning. Figures count paid orders placed in the period.
"""

import pandas as pd

from reporting.reports.base import (
    DATE,
    INT,
    MONEY,
    ChartSpec,
    Column,
    Progress,
    ReportDefinition,
    ReportParams,
    ReportResult,
    SummaryItem,
    Table,
)
from reporting.reports.common import day, frame, money, money_column
from reporting.reports.registry import register
from reporting.selectors import customers as sel
from reporting.selectors import quotes as quote_sel

TOP_CUSTOMERS = 25

NEW_RETURNING_COLUMNS = [
    Column("month", "Month", DATE),
    Column("currency", "Currency"),
    Column("new_customers", "New customers", INT),
    Column("returning_customers", "Returning customers", INT),
    Column("new_revenue", "Revenue from new", MONEY),
    Column("returning_revenue", "Revenue from returning", MONEY),
]
TOP_COLUMNS = [
    Column("rank", "Rank", INT),
    Column("email", "E-mail"),
    Column("name", "Name"),
    Column("company", "Company"),
    Column("customer_type", "Customer type"),
    Column("country", "Country"),
    Column("currency", "Currency"),
    Column("orders", "Orders", INT),
    Column("revenue", "Revenue", MONEY),
    Column("status", "New or returning"),
]
COUNTRY_COLUMNS = [
    Column("country", "Country"),
    Column("currency", "Currency"),
    Column("customers", "Customers", INT),
    Column("orders", "Orders", INT),
    Column("revenue", "Revenue", MONEY),
]
COMPANY_COLUMNS = [
    Column("company", "Company"),
    Column("vat_number", "VAT number"),
    Column("company_country", "Country"),
    Column("currency", "Currency"),
    Column("buyers", "Buyers", INT),
    Column("orders", "Orders", INT),
    Column("revenue", "Revenue", MONEY),
    Column("quotes", "Quotes requested", INT),
    Column("quotes_accepted", "Quotes accepted", INT),
    Column("value_quoted", "Value quoted", MONEY),
    Column("value_accepted", "Quote value accepted", MONEY),
]
COMPANY_KEYS = ["company_id", "currency", "company", "vat_number", "company_country"]


def _month(value):
    return value.date().replace(day=1) if value is not None else None


def new_vs_returning(rows: list[dict]) -> pd.DataFrame:
    df = frame(rows, ["user_id", "month", "currency", "orders", "revenue", "first_order"])
    if df.empty:
        return df
    df["month"] = day(df["month"])
    df["is_new"] = [
        _month(first) == month for first, month in zip(df["first_order"], df["month"], strict=True)
    ]
    df["revenue"] = money_column(df["revenue"])
    out = (
        df.groupby(["month", "currency"], sort=True)
        .apply(
            lambda g: pd.Series(
                {
                    "new_customers": int(g.loc[g.is_new, "user_id"].nunique()),
                    "returning_customers": int(g.loc[~g.is_new, "user_id"].nunique()),
                    "new_revenue": money(sum(g.loc[g.is_new, "revenue"], start=0)),
                    "returning_revenue": money(sum(g.loc[~g.is_new, "revenue"], start=0)),
                }
            ),
            include_groups=False,
        )
        .reset_index()
    )
    return out


def top_customers(rows: list[dict], params: ReportParams) -> pd.DataFrame:
    df = frame(rows, [c.key for c in TOP_COLUMNS] + ["first_order", "first_name", "last_name"])
    if df.empty:
        return df
    df["revenue"] = money_column(df["revenue"])
    df["name"] = (df["first_name"].fillna("") + " " + df["last_name"].fillna("")).str.strip()
    df["status"] = [
        "new" if first is not None and first >= params.start else "returning"
        for first in df["first_order"]
    ]
    df = df.sort_values(["currency", "revenue", "email"], ascending=[True, False, True])
    df = df.groupby("currency", sort=True).head(TOP_CUSTOMERS).reset_index(drop=True)
    df["rank"] = df.groupby("currency").cumcount() + 1
    return df


def companies_frame(orders: list[dict], quotes: list[dict]) -> pd.DataFrame:
    """B2B companies with the orders their buyers paid and the quotes they requested."""
    orders_df = frame(orders, [*COMPANY_KEYS, "buyers", "orders", "revenue"])
    quotes_df = frame(
        quotes, [*COMPANY_KEYS, "quotes", "accepted", "value_quoted", "value_accepted"]
    ).rename(columns={"accepted": "quotes_accepted", "company_name": "company"})
    if orders_df.empty and quotes_df.empty:
        return orders_df
    out = (
        orders_df.merge(quotes_df, how="outer", on=COMPANY_KEYS)
        if not (orders_df.empty or quotes_df.empty)
        else (quotes_df if orders_df.empty else orders_df)
    )
    for key in ("buyers", "orders", "quotes", "quotes_accepted"):
        out[key] = out[key].fillna(0).astype("int64") if key in out else 0
    for key in ("revenue", "value_quoted", "value_accepted"):
        out[key] = money_column(out[key]) if key in out else money(0)
    return out.sort_values(["company", "currency"]).reset_index(drop=True)


def build(params: ReportParams, progress: Progress) -> ReportResult:
    months = new_vs_returning(sel.customer_months(params=params))
    progress(30)
    customer_rows = sel.customer_totals(params=params)
    top = top_customers(customer_rows, params)
    progress(55)
    by_country = frame(sel.customers_by_country(params=params), [c.key for c in COUNTRY_COLUMNS])
    if not by_country.empty:
        by_country["revenue"] = money_column(by_country["revenue"])
        by_country["country"] = by_country["country"].fillna("").astype(object)
    quote_rows = (
        []
        if params.filters.get("customer_type") == "b2c"
        else (quote_sel.company_quotes(params=params))
    )
    companies = companies_frame(sel.company_orders(params=params), quote_rows)
    progress(80)
    customers = {r["user_id"] for r in customer_rows}
    new = {
        r["user_id"]
        for r in customer_rows
        if r["first_order"] is not None and r["first_order"] >= params.start
    }
    summary = [
        SummaryItem("Customers who bought", len(customers), INT),
        SummaryItem("New customers (first purchase in the period)", len(new), INT),
        SummaryItem("Returning customers", len(customers - new), INT),
        SummaryItem(
            "B2B companies that bought",
            int(companies["company"].nunique()) if not companies.empty else 0,
            INT,
        ),
    ]
    return ReportResult(
        report="customers",
        title="Customers",
        params=params,
        tables=[
            Table("new_vs_returning", "New vs returning", NEW_RETURNING_COLUMNS, months),
            Table("top_customers", "Top customers", TOP_COLUMNS, top),
            Table("by_country", "By country", COUNTRY_COLUMNS, by_country),
            Table("companies", "B2B companies", COMPANY_COLUMNS, companies),
        ],
        summary=summary,
        charts=[
            ChartSpec(
                "bar",
                "New and returning customers by month",
                "new_vs_returning",
                "month",
                ("new_customers", "returning_customers"),
                "Customers",
            )
        ],
    )


CUSTOMERS = register(
    ReportDefinition(
        name="customers",
        title="Customers",
        description=(
            "New vs returning customers by month, top customers by revenue, customers by country, "
            "and B2B companies with their order and quote totals."
        ),
        filters=("country", "customer_type"),
        build=build,
        tables=(
            ("new_vs_returning", "New vs returning"),
            ("top_customers", "Top customers"),
            ("by_country", "By country"),
            ("companies", "B2B companies"),
        ),
    )
)

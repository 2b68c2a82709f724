"""Quotes: requests, offers, acceptance rate, median time to first offer, value quoted vs
accepted, expired offers.

Counts the quotes requested in the period (by `request_date`). A quote is offered once the
seller sent a first version; the acceptance rate is accepted / offered; the time to first
offer runs from the request to the first version, in hours. Value quoted is the current
version's total (`quoted_price`) of offered quotes; value accepted that of accepted ones.
"""

from decimal import Decimal

import pandas as pd

from reporting.reports.base import (
    DATE,
    INT,
    MONEY,
    NUMBER,
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
from reporting.reports.common import day, frame, money, money_column, ratio
from reporting.reports.registry import register
from reporting.selectors import quotes as sel

MEASURES = [
    Column("currency", "Currency"),
    Column("requests", "Requests", INT),
    Column("offered", "Offered", INT),
    Column("accepted", "Accepted", INT),
    Column("rejected", "Rejected", INT),
    Column("expired", "Expired", INT),
    Column("cancelled", "Cancelled", INT),
    Column("acceptance_rate", "Acceptance rate", PERCENT),
    Column("median_hours_to_offer", "Median hours to first offer", NUMBER),
    Column("value_quoted", "Value quoted", MONEY),
    Column("value_accepted", "Value accepted", MONEY),
]
STATUS_COLUMNS = [
    Column("status", "Status"),
    Column("currency", "Currency"),
    Column("quotes", "Quotes", INT),
    Column("value", "Value", MONEY),
]
EXPIRED_COLUMNS = [
    Column("number", "Quote"),
    Column("company__legal_name", "Company"),
    Column("destination_country", "Destination"),
    Column("requested_on", "Requested", DATE),
    Column("current_version__valid_until", "Valid until", DATE),
    Column("currency", "Currency"),
    Column("quoted_price", "Value", MONEY),
]


def _median_hours(hours: pd.Series) -> Decimal | None:
    hours = hours.dropna()
    if hours.empty:
        return None
    return Decimal(str(round(float(hours.median()), 2)))


def _measures(group: pd.DataFrame) -> pd.Series:
    offered = group[group["offered"]]
    accepted = group[group["status"] == "accepted"]
    return pd.Series(
        {
            "requests": len(group),
            "offered": len(offered),
            "accepted": len(accepted),
            "rejected": int((group["status"] == "rejected").sum()),
            "expired": int((group["status"] == "expired").sum()),
            "cancelled": int((group["status"] == "cancelled").sum()),
            "acceptance_rate": ratio(len(accepted), len(offered)),
            "median_hours_to_offer": _median_hours(offered["hours_to_offer"]),
            "value_quoted": money(sum(offered["quoted_price"], start=Decimal(0))),
            "value_accepted": money(sum(accepted["quoted_price"], start=Decimal(0))),
        }
    )


def grouped(df: pd.DataFrame, key: str) -> pd.DataFrame:
    if df.empty:
        return df
    out = df.groupby([key, "currency"], sort=True).apply(_measures, include_groups=False)
    return out.reset_index()


def quote_frame(rows: list[dict]) -> pd.DataFrame:
    df = frame(
        rows,
        [
            "id",
            "status",
            "currency",
            "quoted_price",
            "request_date",
            "month",
            "destination_country",
            "first_offer_at",
            "versions_count",
        ],
    )
    if df.empty:
        return df
    df["offered"] = df["versions_count"] > 0
    df["quoted_price"] = df["quoted_price"].map(money).astype(object)
    df["hours_to_offer"] = [
        (first - requested).total_seconds() / 3600
        if first is not None and not pd.isna(first)
        else None
        for first, requested in zip(df["first_offer_at"], df["request_date"], strict=True)
    ]
    df["month"] = day(df["month"])
    df["requested_on"] = day(df["request_date"])
    return df


def build(params: ReportParams, progress: Progress) -> ReportResult:
    quotes = quote_frame(sel.quote_rows(params=params))
    progress(50)
    by_status = frame(sel.quotes_by_status(params=params), [c.key for c in STATUS_COLUMNS])
    if not by_status.empty:
        by_status["value"] = money_column(by_status["value"])
    expired = quotes[quotes["status"] == "expired"] if not quotes.empty else quotes
    summary = [SummaryItem("Quote requests", len(quotes), INT)]
    if not quotes.empty:
        for row in grouped(quotes.assign(all="all"), "all").to_dict("records"):
            cur = row["currency"]
            summary += [
                SummaryItem(f"Offers sent ({cur})", int(row["offered"]), INT),
                SummaryItem(f"Accepted ({cur})", int(row["accepted"]), INT),
                SummaryItem(f"Acceptance rate ({cur})", row["acceptance_rate"], PERCENT),
                SummaryItem(
                    f"Median hours to first offer ({cur})", row["median_hours_to_offer"], NUMBER
                ),
                SummaryItem(f"Value quoted ({cur})", row["value_quoted"], MONEY, cur),
                SummaryItem(f"Value accepted ({cur})", row["value_accepted"], MONEY, cur),
                SummaryItem(f"Expired offers ({cur})", int(row["expired"]), INT),
            ]
    return ReportResult(
        report="quotes",
        title="Quotes",
        params=params,
        tables=[
            Table(
                "by_month",
                "By month",
                [Column("month", "Month", DATE), *MEASURES],
                grouped(quotes, "month"),
            ),
            Table(
                "by_country",
                "By destination",
                [Column("destination_country", "Destination"), *MEASURES],
                grouped(quotes, "destination_country"),
            ),
            Table("by_status", "By status", STATUS_COLUMNS, by_status),
            Table("expired", "Expired offers", EXPIRED_COLUMNS, expired),
        ],
        summary=summary,
        charts=[
            ChartSpec(
                "bar",
                "Value quoted and accepted by month",
                "by_month",
                "month",
                ("value_quoted", "value_accepted"),
                "Value",
            )
        ],
    )


QUOTES = register(
    ReportDefinition(
        name="quotes",
        title="Quotes",
        description=(
            "Quote requests, offers, acceptance rate, median time to first offer, value quoted vs "
            "accepted, and expired offers, by month and destination."
        ),
        filters=("country",),
        build=build,
        tables=(
            ("by_month", "By month"),
            ("by_country", "By destination"),
            ("by_status", "By status"),
            ("expired", "Expired offers"),
        ),
    )
)

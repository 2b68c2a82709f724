import io
from datetime import date
from decimal import Decimal

import pandas as pd
from openpyxl import load_workbook
from openpyxl.chart import BarChart, LineChart

from reporting.reports.base import (
    DATE,
    INT,
    MONEY,
    PERCENT,
    ChartSpec,
    Column,
    ReportParams,
    ReportResult,
    SummaryItem,
    Table,
)
from reporting.writers.csv_writer import table_csv_bytes
from reporting.writers.xlsx_writer import write_workbook

COLUMNS = [
    Column("day", "Day", DATE),
    Column("currency", "Currency"),
    Column("revenue", "Revenue", MONEY),
    Column("orders", "Orders", INT),
    Column("share", "Share", PERCENT),
]


def result(rows, title="Sales") -> ReportResult:
    frame = pd.DataFrame(rows, columns=[c.key for c in COLUMNS]) if rows else pd.DataFrame()
    return ReportResult(
        report=title.lower(),
        title=title,
        params=ReportParams(date(2026, 3, 1), date(2026, 3, 2), {"country": "FR"}),
        tables=[Table("by_day", "By day", COLUMNS, frame)],
        summary=[
            SummaryItem("Revenue (EUR)", Decimal("300.50"), MONEY, "EUR"),
            SummaryItem("Orders", 3, INT),
            SummaryItem("Refund rate", Decimal("0.1"), PERCENT),
        ],
        charts=[
            ChartSpec("line", "Revenue by day", "by_day", "day", ("revenue",)),
            ChartSpec("bar", "Orders by day", "by_day", "day", ("orders",)),
        ],
    )


ROWS = [
    (date(2026, 3, 1), "EUR", Decimal("100.25"), 1, Decimal("0.3336")),
    (date(2026, 3, 2), "CHF", Decimal("200.25"), 2, Decimal("0.6664")),
]


def workbook(*results):
    buffer = io.BytesIO()
    write_workbook(list(results), buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))


def test_workbook_has_summary_then_one_sheet_per_table_with_bold_frozen_filtered_header():
    wb = workbook(result(ROWS))
    assert wb.sheetnames == ["Summary", "By day"]
    ws = wb["By day"]
    assert [c.value for c in ws[1]] == ["Day", "Currency", "Revenue", "Orders", "Share"]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:E3"


def test_cells_carry_currency_percentage_date_and_integer_formats():
    ws = workbook(result(ROWS))["By day"]
    assert ws["A2"].value.date() == date(2026, 3, 1)
    assert ws["A2"].number_format == "yyyy-mm-dd"
    assert ws["C2"].value == 100.25
    assert ws["C2"].number_format == "[$EUR ]#,##0.00_-"
    assert ws["C3"].number_format == "[$CHF ]#,##0.00_-"
    assert ws["D3"].number_format == "#,##0"
    assert ws["E2"].number_format == "0.0%"


def test_column_widths_fit_the_content_within_bounds():
    ws = workbook(result(ROWS))["By day"]
    widths = {k: ws.column_dimensions[k].width for k in "ABCDE"}
    assert all(8 <= w <= 50 for w in widths.values())
    assert widths["C"] > widths["D"]


def test_summary_sheet_has_the_figures_and_native_charts():
    wb = workbook(result(ROWS))
    ws = wb["Summary"]
    values = {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row[0]}
    assert values["Period"] == "2026-03-01 to 2026-03-02"
    assert values["Filters"] == "country=FR"
    assert values["Revenue (EUR)"] == 300.5
    charts = ws._charts
    assert [type(c) for c in charts] == [LineChart, BarChart]
    assert charts[0].title.tx.rich.p[0].r[0].t == "Revenue by day"
    ref = charts[0].series[0].val.numRef.f
    assert ref == "'By day'!$C$2:$C$3"


def test_empty_tables_still_give_a_valid_workbook_with_headers_and_charts():
    wb = workbook(result([]))
    ws = wb["By day"]
    assert [c.value for c in ws[1]] == ["Day", "Currency", "Revenue", "Orders", "Share"]
    assert ws.max_row == 1
    assert ws.auto_filter.ref == "A1:E1"
    assert len(wb["Summary"]._charts) == 2


def test_several_reports_share_one_workbook_with_prefixed_sheets():
    wb = workbook(result(ROWS, "Sales"), result(ROWS, "Inventory"))
    assert wb.sheetnames == ["Summary", "Sales - By day", "Inventory - By day"]
    assert len(wb["Summary"]._charts) == 4


def test_csv_writes_plain_values_and_bom_on_request():
    table = result(ROWS).tables[0]
    text = table_csv_bytes(table, bom=True).decode("utf-8")
    assert text.startswith("\ufeffDay,Currency,Revenue,Orders,Share\n")
    assert "2026-03-01,EUR,100.25,1,0.3336\n" in text

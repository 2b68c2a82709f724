"""XLSX workbooks with openpyxl: a Summary sheet with native charts, then one sheet per table.

Every table sheet has a bold header row, frozen below the header, an autofilter over the data,
number formats by column kind (currency per row's ISO code, percentage, date, integer) and column
widths fitted to the content. Several results (the weekly mail: sales and inventory) can share
one workbook; their sheets are then prefixed with the report's title.
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reporting.reports.base import (
    DATE,
    INT,
    MONEY,
    NUMBER,
    PERCENT,
    ChartSpec,
    ReportResult,
    SummaryItem,
    Table,
)

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", start_color="DDE4EE")
TITLE_FONT = Font(bold=True, size=14)
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
PERCENT_FORMAT = "0.0%"
INT_FORMAT = "#,##0"
NUMBER_FORMAT = "#,##0.00"
MIN_WIDTH, MAX_WIDTH = 8, 50
WIDTH_SAMPLE_ROWS = 500


def money_format(currency: str | None) -> str:
    """Excel's currency format with the ISO code, e.g. `[$EUR ]#,##0.00_-`."""
    code = (currency or "").strip().upper()
    return f"[${code} ]#,##0.00_-" if code else NUMBER_FORMAT


def _format_for(kind: str, currency: str | None = None) -> str | None:
    return {
        MONEY: money_format(currency),
        PERCENT: PERCENT_FORMAT,
        DATE: DATE_FORMAT,
        INT: INT_FORMAT,
        NUMBER: NUMBER_FORMAT,
    }.get(kind)


def _sheet_title(title: str, prefix: str, taken: set[str]) -> str:
    name = f"{prefix} - {title}" if prefix else title
    for bad in "[]:*?/\\":
        name = name.replace(bad, " ")
    name = name[:31]
    base, n = name, 2
    while name.lower() in taken:
        suffix = f" {n}"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name.lower())
    return name


def _display_len(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    return len(str(value))


def _write_table(ws: Worksheet, table: Table) -> None:
    columns = table.columns
    ws.append([c.label for c in columns])
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center")
    widths = [len(c.label) + 2 for c in columns]
    currency_index = {
        c.key: [k.key for k in columns].index(c.currency_key)
        for c in columns
        if c.kind == MONEY and c.currency_key in [k.key for k in columns]
    }
    for row_number, values in enumerate(table.rows(), start=2):
        ws.append(values)
        for index, column in enumerate(columns):
            value = values[index]
            if value is None:
                continue
            cell = ws.cell(row=row_number, column=index + 1)
            if column.kind == MONEY:
                position = currency_index.get(column.key)
                cell.number_format = money_format(values[position] if position is not None else "")
            elif column.kind == DATE and isinstance(value, datetime):
                cell.number_format = DATETIME_FORMAT
            elif fmt := _format_for(column.kind):
                cell.number_format = fmt
            if row_number <= WIDTH_SAMPLE_ROWS:
                extra = 6 if column.kind == MONEY else 2
                widths[index] = max(widths[index], _display_len(value) + extra)
    ws.freeze_panes = "A2"
    last_row = max(ws.max_row, 1)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last_row}"
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = max(MIN_WIDTH, min(MAX_WIDTH, width))


def _write_summary_items(ws: Worksheet, row: int, items: Iterable[SummaryItem]) -> int:
    for item in items:
        ws.cell(row=row, column=1, value=item.label)
        cell = ws.cell(row=row, column=2, value=item.value)
        if fmt := _format_for(item.kind, item.currency):
            cell.number_format = fmt
        row += 1
    return row


def _add_chart(
    summary: Worksheet, sheet: Worksheet, table: Table, spec: ChartSpec, anchor: str
) -> None:
    keys = [c.key for c in table.columns]
    chart = BarChart() if spec.kind == "bar" else LineChart()
    chart.title = spec.title
    chart.y_axis.title = spec.y_title
    chart.height, chart.width = 8, 18
    last_row = max(len(table.frame) + 1, 2)  # an empty table still gives a valid (empty) chart
    for value_key in spec.values:
        col = keys.index(value_key) + 1
        data = Reference(sheet, min_col=col, min_row=1, max_row=last_row)
        chart.add_data(data, titles_from_data=True)
    cat_col = keys.index(spec.category) + 1
    chart.set_categories(Reference(sheet, min_col=cat_col, min_row=2, max_row=last_row))
    summary.add_chart(chart, anchor)


def build_workbook(results: list[ReportResult]) -> Workbook:
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Summary"
    taken = {"summary"}
    prefixed = len(results) > 1
    row = 1
    chart_row = 1
    summary.column_dimensions["A"].width = 34
    summary.column_dimensions["B"].width = 22
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    for result in results:
        sheets: dict[str, Worksheet] = {}
        for table in result.tables:
            title = _sheet_title(table.title, result.title if prefixed else "", taken)
            ws = workbook.create_sheet(title)
            _write_table(ws, table)
            sheets[table.name] = ws
        summary.cell(row=row, column=1, value=result.title).font = TITLE_FONT
        row += 1
        params = result.params
        filters = ", ".join(f"{k}={v}" for k, v in sorted(params.filters.items())) or "none"
        for label, value in (
            ("Period", f"{params.date_from.isoformat()} to {params.date_to.isoformat()}"),
            ("Filters", filters),
            ("Generated", generated),
        ):
            summary.cell(row=row, column=1, value=label)
            summary.cell(row=row, column=2, value=value)
            row += 1
        row += 1
        for col, label in enumerate(("Metric", "Value"), start=1):
            cell = summary.cell(row=row, column=col, value=label)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
        row = _write_summary_items(summary, row + 1, result.summary) + 1
        for spec in result.charts:
            _add_chart(summary, sheets[spec.table], result.table(spec.table), spec, f"D{chart_row}")
            chart_row += 17
        row = max(row, chart_row)
    summary.freeze_panes = "A2"
    return workbook


def write_workbook(results: list[ReportResult], target: IO[bytes]) -> None:
    build_workbook(results).save(target)

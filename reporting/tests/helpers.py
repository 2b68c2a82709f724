"""Helpers for the reporting tests: open returned workbooks, pin timestamps."""

import io
from datetime import UTC, datetime

from openpyxl import load_workbook


def at(year: int, month: int, day: int, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def open_workbook(content: bytes):
    return load_workbook(io.BytesIO(content))


def sheet_rows(ws) -> list[list]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


def summary_values(wb) -> dict:
    """Summary sheet metric -> value (first report's block and every later one)."""
    return {
        row[0]: row[1]
        for row in wb["Summary"].iter_rows(values_only=True)
        if row[0] is not None and row[1] is not None
    }

"""CSV in UTF-8, optionally with a byte order mark so that Excel reads accents correctly.

`iter_csv` yields encoded chunks of a few hundred rows: it backs both the in-memory export of a
small table and the `StreamingHttpResponse` of a detail table read from a server-side cursor, so
memory stays flat whatever the number of rows.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from reporting.reports.base import PERCENT, Column, DetailStream, Table

BOM = "\ufeff"
ROWS_PER_CHUNK = 1000


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if kind == PERCENT and isinstance(value, (Decimal, float)):
        return f"{Decimal(str(value)):.4f}"
    return value


def iter_csv(
    columns: list[Column], rows: Iterable[Iterable[Any]], *, bom: bool = False
) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if bom:
        buffer.write(BOM)
    writer.writerow([c.label for c in columns])
    kinds = [c.kind for c in columns]
    for count, row in enumerate(rows, start=1):
        writer.writerow([_cell(v, k) for v, k in zip(row, kinds, strict=True)])
        if count % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate(0)
    tail = buffer.getvalue()
    if tail:
        yield tail.encode("utf-8")


def iter_table_csv(table: Table, *, bom: bool = False) -> Iterator[bytes]:
    return iter_csv(table.columns, table.rows(), bom=bom)


def iter_detail_csv(stream: DetailStream, *, bom: bool = False) -> Iterator[bytes]:
    return iter_csv(stream.columns, stream.rows, bom=bom)


def table_csv_bytes(table: Table, *, bom: bool = False) -> bytes:
    return b"".join(iter_table_csv(table, bom=bom))

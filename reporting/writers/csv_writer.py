"""CSV in UTF-8, optionally with a byte order mark so that Excel reads accents correctly.

Lines end with LF (as PostgreSQL's COPY writes them). `iter_csv` yields encoded chunks of a
thousand rows for the report tables; `iter_detail_csv` streams a detail table straight from
PostgreSQL's COPY ... TO STDOUT, so memory stays flat whatever the number of rows.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connections

from reporting.reports.base import PERCENT, Column, DetailStream, Table

BOM = "\ufeff"
ROWS_PER_CHUNK = 1000
COPY_CHUNK_BYTES = 256 * 1024


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
    writer = csv.writer(buffer, lineterminator="\n")
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
    """The header, then the rows as PostgreSQL writes them with COPY (or row by row from a
    server-side cursor on other databases). Memory stays flat whatever the number of rows."""
    queryset = stream.queryset
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        yield from iter_csv(stream.columns, queryset.iterator(chunk_size=5000), bom=bom)
        return
    yield from iter_csv(stream.columns, [], bom=bom)
    sql, params = queryset.query.sql_with_params()
    pending = bytearray()
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy,
    ):
        for block in copy:
            pending += block
            if len(pending) >= COPY_CHUNK_BYTES:
                yield bytes(pending)
                pending.clear()
    if pending:
        yield bytes(pending)


def table_csv_bytes(table: Table, *, bom: bool = False) -> bytes:
    return b"".join(iter_table_csv(table, bom=bom))

"""Turn a validated report request into a file: XLSX bytes, CSV bytes, or a CSV byte stream."""

import io
from collections.abc import Iterator
from dataclasses import dataclass, replace

from reporting.models import ReportFormat
from reporting.params import ReportRequest
from reporting.reports.base import ReportDefinition, ReportResult, no_progress
from reporting.writers.csv_writer import iter_detail_csv, iter_table_csv
from reporting.writers.xlsx_writer import write_workbook
from vwb_site.core.replica import read_alias, replica_reads

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


@dataclass
class RenderedReport:
    filename: str
    content_type: str
    chunks: Iterator[bytes]
    streamed: bool  # True: read lazily from a server-side cursor

    def read(self) -> bytes:
        return b"".join(self.chunks)


def report_filename(*, definition: ReportDefinition, request: ReportRequest) -> str:
    params = request.params
    parts = [definition.name]
    if request.format == ReportFormat.CSV:
        parts.append(request.table or definition.tables[0][0])
    parts += [params.date_from.isoformat(), params.date_to.isoformat()]
    return "-".join(parts) + f".{request.format}"


def report_build(
    *, definition: ReportDefinition, request: ReportRequest, progress=no_progress
) -> ReportResult:
    """The report's tables, read from the read replica when there is one (reads over past
    periods: a few seconds' lag is acceptable; vwb_site/core/replica.py)."""
    with replica_reads():
        return definition.build(request.params, progress)


def report_render(
    *, definition: ReportDefinition, request: ReportRequest, progress=no_progress
) -> RenderedReport:
    filename = report_filename(definition=definition, request=request)
    if request.format == ReportFormat.CSV:
        if definition.detail is not None and request.table == definition.detail_name:
            stream = definition.detail(request.params)
            # Read as the response streams, after this returns: the replica named explicitly.
            stream = replace(stream, queryset=stream.queryset.using(read_alias()))
            return RenderedReport(
                filename, CSV_CONTENT_TYPE, iter_detail_csv(stream, bom=request.bom), streamed=True
            )
        result = report_build(definition=definition, request=request, progress=progress)
        table = result.table(request.table or definition.tables[0][0])
        return RenderedReport(
            filename, CSV_CONTENT_TYPE, iter_table_csv(table, bom=request.bom), streamed=False
        )
    result = report_build(definition=definition, request=request, progress=progress)
    progress(90)
    buffer = io.BytesIO()
    write_workbook([result], buffer)
    return RenderedReport(filename, XLSX_CONTENT_TYPE, iter([buffer.getvalue()]), streamed=False)

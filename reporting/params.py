"""Validation of a report request's query parameters, shared by the API and the admin forms.

Everything a caller can get wrong is refused here with a 400 problem whose `errors` name the
parameter: unknown parameters, filters the report does not take, unknown filter values, dates
that do not parse, reversed or absurd ranges, unknown formats or tables.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from catalog.models import PreviousContent, WoodType
from reporting import error_codes
from reporting.models import ReportFormat
from reporting.reports.base import ReportDefinition, ReportParams
from vwb_site.core.countries import is_country_code
from vwb_site.exceptions import ApplicationError

EARLIEST_DATE = date(2000, 1, 1)
DEFAULT_PERIOD_DAYS = 30
CUSTOMER_TYPES = ("b2b", "b2c")

# Every filter a report may declare, with the values it accepts.
FILTERS: dict[str, str] = {
    "country": "ISO 3166-1 alpha-2 country code (shipping country; origin for inventory)",
    "customer_type": "b2b or b2c",
    "wood_type": "a catalog wood type, e.g. french_oak",
    "previous_content": "a catalog previous content, e.g. bourbon",
}
COMMON_PARAMETERS = ("from", "to", "format", "bom", "table")


class ReportParameterError(ApplicationError):
    status_code = 400
    default_code = error_codes.INVALID_PARAMETERS


@dataclass(frozen=True)
class ReportRequest:
    report: str
    params: ReportParams
    format: str
    bom: bool
    table: str | None


def _error(field: str, code: str, message: str) -> ReportParameterError:
    return ReportParameterError(
        message, code=code, errors=[{"field": field, "code": code, "message": message}]
    )


def _parse_date(field: str, raw: str) -> date:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise _error(
            field, error_codes.INVALID_DATE_RANGE, f"`{field}` must be a date as YYYY-MM-DD."
        ) from None


def parse_dates(raw_from: str | None, raw_to: str | None) -> tuple[date, date]:
    today = timezone.localdate()
    date_to = _parse_date("to", raw_to) if raw_to else None
    date_from = _parse_date("from", raw_from) if raw_from else None
    if date_to is None:
        date_to = max(today, date_from) if date_from else today
    if date_from is None:
        date_from = date_to - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    if date_from > date_to:
        raise _error(
            "from",
            error_codes.INVALID_DATE_RANGE,
            "`from` is after `to`: the date range is reversed.",
        )
    if date_from < EARLIEST_DATE:
        raise _error(
            "from",
            error_codes.INVALID_DATE_RANGE,
            f"`from` cannot be before {EARLIEST_DATE.isoformat()}.",
        )
    if date_to > today + timedelta(days=366):
        raise _error(
            "to", error_codes.INVALID_DATE_RANGE, "`to` is more than a year in the future."
        )
    max_days = settings.REPORTING_MAX_RANGE_DAYS
    if (date_to - date_from).days + 1 > max_days:
        raise _error(
            "to", error_codes.INVALID_DATE_RANGE, f"The date range is longer than {max_days} days."
        )
    return date_from, date_to


def clean_filter(name: str, raw: str) -> str:
    value = raw.strip()
    if name == "country":
        value = value.upper()
        valid = is_country_code(value)
    elif name == "customer_type":
        value = value.lower()
        valid = value in CUSTOMER_TYPES
    elif name == "wood_type":
        valid = value in WoodType.values
    elif name == "previous_content":
        valid = value in PreviousContent.values
    else:  # pragma: no cover - FILTERS and this function move together
        valid = False
    if not valid:
        raise _error(
            name,
            error_codes.INVALID_PARAMETERS,
            f"{raw!r} is not a valid `{name}`: expected {FILTERS[name]}.",
        )
    return value


def parse_report_request(
    *, report: ReportDefinition, query: Mapping[str, list[str]]
) -> ReportRequest:
    """`query` maps each parameter to its list of values (QueryDict.lists())."""
    for key, values in query.items():
        if key not in COMMON_PARAMETERS and key not in FILTERS:
            raise _error(key, error_codes.UNKNOWN_PARAMETER, f"Unknown parameter `{key}`.")
        if key in FILTERS and key not in report.filters:
            supported = ", ".join(report.filters) or "none"
            raise _error(
                key,
                error_codes.UNSUPPORTED_FILTER,
                f"The {report.name} report has no `{key}` filter (its filters: {supported}).",
            )
        if len(values) > 1:
            raise _error(key, error_codes.INVALID_PARAMETERS, f"`{key}` is given more than once.")

    def one(key: str) -> str | None:
        values = query.get(key) or []
        value = values[0].strip() if values else ""
        return value or None

    fmt = (one("format") or ReportFormat.XLSX).lower()
    if fmt not in ReportFormat.values:
        raise _error(
            "format", error_codes.UNKNOWN_FORMAT, f"Unknown format {fmt!r}: expected csv or xlsx."
        )
    bom_raw = (one("bom") or "false").lower()
    if bom_raw not in ("1", "0", "true", "false", "yes", "no"):
        raise _error("bom", error_codes.INVALID_PARAMETERS, "`bom` must be true or false.")
    table = one("table")
    known_tables = [name for name, _title in report.tables]
    if report.detail_name:
        known_tables.append(report.detail_name)
    if table is not None:
        if fmt != ReportFormat.CSV:
            raise _error(
                "table",
                error_codes.INVALID_PARAMETERS,
                "`table` picks one table of a CSV export; a workbook holds them all.",
            )
        if table not in known_tables:
            raise _error(
                "table",
                error_codes.UNKNOWN_TABLE,
                f"Unknown table {table!r}: expected one of {', '.join(known_tables)}.",
            )
    date_from, date_to = parse_dates(one("from"), one("to"))
    filters = {
        name: clean_filter(name, value)
        for name in report.filters
        if (value := one(name)) is not None
    }
    return ReportRequest(
        report=report.name,
        params=ReportParams(date_from=date_from, date_to=date_to, filters=filters),
        format=fmt,
        bom=bom_raw in ("1", "true", "yes"),
        table=table,
    )

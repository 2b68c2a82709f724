"""The report registry: every report is declared once and looked up by name."""

from reporting import error_codes
from reporting.reports.base import ReportDefinition
from vwb_site.exceptions import NotFoundError

_REGISTRY: dict[str, ReportDefinition] = {}


def register(definition: ReportDefinition) -> ReportDefinition:
    if definition.name in _REGISTRY:
        raise RuntimeError(f"Report {definition.name!r} is registered twice.")
    _REGISTRY[definition.name] = definition
    return definition


def all_reports() -> list[ReportDefinition]:
    return list(_REGISTRY.values())


def get_report(name: str) -> ReportDefinition:
    try:
        return _REGISTRY[name]
    except KeyError:
        # The name is a path segment: no such report is a missing resource (404).
        raise NotFoundError(
            f"There is no report named {name!r}. Known reports: {', '.join(sorted(_REGISTRY))}.",
            code=error_codes.UNKNOWN_REPORT,
            errors=[
                {
                    "field": "name",
                    "code": error_codes.UNKNOWN_REPORT,
                    "message": f"Unknown report {name!r}.",
                }
            ],
        ) from None

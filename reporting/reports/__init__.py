"""Report definitions. Importing this package registers every report."""

from reporting.reports import customers, inventory, products, quotes, sales  # noqa: F401
from reporting.reports.registry import all_reports, get_report

__all__ = ["all_reports", "get_report"]

"""The parameters every report read takes: an inclusive date range and the report's filters.

Defined here, with the selectors that take them, so the reports above import the reads and the
reads import nothing of the reports."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any


@dataclass(frozen=True)
class ReportParams:
    """A validated request: an inclusive date range and the report's filters."""

    date_from: date
    date_to: date
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def start(self) -> datetime:
        return datetime.combine(self.date_from, time.min, tzinfo=UTC)

    @property
    def end(self) -> datetime:
        """Exclusive upper bound: midnight after `date_to`."""
        return datetime.combine(self.date_to + timedelta(days=1), time.min, tzinfo=UTC)

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "filters": dict(self.filters),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ReportParams":
        return cls(
            date_from=date.fromisoformat(data["from"]),
            date_to=date.fromisoformat(data["to"]),
            filters=dict(data.get("filters") or {}),
        )

"""Panel kinds and each user's panel settings."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from reporting.models import DashboardPanelConfig
from reporting.reports.base import ReportParams


@dataclass(frozen=True)
class PanelSettings:
    kind: str
    position: int = 0
    period_days: int = 30
    filters: dict[str, str] = field(default_factory=dict)

    def params(self, today: date | None = None) -> ReportParams:
        today = today or timezone.localdate()
        return ReportParams(today - timedelta(days=self.period_days - 1), today, self.filters)


@dataclass(frozen=True)
class PanelKind:
    key: str
    title: str
    description: str
    template: str
    context: Callable[[PanelSettings, Any], dict]
    filters: tuple[str, ...] = ()
    uses_period: bool = True


_KINDS: dict[str, PanelKind] = {}

# Shown to a user who has not chosen (kinds not registered yet are skipped).
DEFAULT_PANELS: list[PanelSettings] = [
    PanelSettings("revenue_chart", 0, 30),
    PanelSettings("orders_by_status", 1, 30),
    PanelSettings("pending_quotes", 2, 30),
    PanelSettings("low_stock", 3, 30),
]


def register_panel(kind: PanelKind) -> PanelKind:
    _KINDS[kind.key] = kind
    return kind


def panel_kinds() -> dict[str, PanelKind]:
    return dict(_KINDS)


def panels_for_user(user) -> list[tuple[PanelSettings, PanelKind]]:
    rows = list(DashboardPanelConfig.objects.filter(user=user).order_by("position", "id"))
    chosen = (
        [PanelSettings(r.panel, r.position, r.period_days, dict(r.filters or {})) for r in rows]
        if rows
        else DEFAULT_PANELS
    )
    return [(s, _KINDS[s.kind]) for s in chosen if s.kind in _KINDS]

"""The Wagtail home-page component that renders one configured panel."""

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.admin.ui.components import Component

from reporting.dashboard.registry import PanelKind, PanelSettings
from reporting.params import FILTERS


class ReportPanel(Component):
    template_name = "reporting/panels/frame.html"

    def __init__(self, *, settings: PanelSettings, kind: PanelKind, index: int) -> None:
        self.settings = settings
        self.kind = kind
        self.index = index
        # Wagtail sorts home panels by `order`; ours come first, in the user's order.
        self.order = 10 + index
        self.name = f"vwb-{kind.key}-{index}"

    def get_context_data(self, parent_context: Any = None) -> dict:
        request = parent_context["request"]
        context = self.kind.context(self.settings, request.user)
        filters = ", ".join(
            f"{k.replace('_', ' ')}: {v}"
            for k, v in sorted(self.settings.filters.items())
            if k in FILTERS
        )
        period = f"last {self.settings.period_days} days" if self.kind.uses_period else "now"
        body = render_to_string(
            self.kind.template, {**context, "request": request, "settings": self.settings}
        )
        return {
            "panel_id": self.name,
            "heading": f"{self.kind.title} ({period}{'; ' + filters if filters else ''})",
            "body": body,
            "customise_url": reverse("reporting_admin:dashboard"),
        }

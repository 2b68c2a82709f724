"""Dashboard panels for the Wagtail admin home, chosen and ordered per user.

A panel kind is declared once (key, title, which filters it takes, a function computing its
context, a template). `DashboardPanelConfig` rows say which kinds a user shows, in what order,
over what period and with which filters; users with no rows see `DEFAULT_PANELS`.
"""

from reporting.dashboard import inventory_panels, quotes_panels, sales_panels  # noqa: F401
from reporting.dashboard.registry import (
    DEFAULT_PANELS,
    PanelSettings,
    panel_kinds,
    panels_for_user,
)

__all__ = ["DEFAULT_PANELS", "PanelSettings", "panel_kinds", "panels_for_user"]

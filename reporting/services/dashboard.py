"""Saving a user's dashboard panel choices."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from reporting.dashboard import panel_kinds
from reporting.models import DashboardPanelConfig


@transaction.atomic
def dashboard_panels_save(*, user, panels: list[dict]) -> list[DashboardPanelConfig]:
    """Replace the user's panels with `panels` (dicts: panel, position, period_days, filters).

    Positions are renumbered 0..n-1 in the order given (ties keep their listed order).
    """
    kinds = panel_kinds()
    for panel in panels:
        if panel["panel"] not in kinds:
            raise ValidationError({"panel": f"Unknown dashboard panel {panel['panel']!r}."})
        if not 1 <= int(panel["period_days"]) <= 366:
            raise ValidationError({"period_days": "The period is 1 to 366 days."})
    # Lock the user's row so two saves of the same dashboard cannot interleave.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    DashboardPanelConfig.objects.filter(user=user).delete()
    ordered = sorted(enumerate(panels), key=lambda item: (item[1]["position"], item[0]))
    return DashboardPanelConfig.objects.bulk_create(
        [
            DashboardPanelConfig(
                user=user,
                panel=p["panel"],
                position=i,
                period_days=p["period_days"],
                filters=dict(p.get("filters") or {}),
            )
            for i, (_original, p) in enumerate(ordered)
        ]
    )

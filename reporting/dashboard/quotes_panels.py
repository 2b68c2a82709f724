"""Quote panel: quotes awaiting an offer, oldest first, with links to them in the admin."""

from django.utils import timezone
from wagtail.admin.admin_url_finder import AdminURLFinder

from reporting.dashboard.registry import PanelKind, PanelSettings, register_panel
from reporting.selectors.quotes import pending_quotes


def pending_quotes_context(settings: PanelSettings, user) -> dict:
    total, quotes = pending_quotes()
    finder = AdminURLFinder(user)
    now = timezone.now()
    return {
        "total": total,
        "rows": [
            {"quote": q, "url": finder.get_edit_url(q), "waiting_days": (now - q.request_date).days}
            for q in quotes
        ],
    }


register_panel(
    PanelKind(
        key="pending_quotes",
        title="Quotes awaiting an offer",
        description="B2B quote requests waiting for the seller's offer, oldest first.",
        template="reporting/panels/pending_quotes.html",
        context=pending_quotes_context,
        uses_period=False,
    )
)

"""The quote page of the Wagtail admin (#21 item 2): the negotiation on one page.

The header holds the quote's next steps as buttons ("Send offer", "Reject"), each opening its
form in a `{% dialog %}`; the send-offer form starts from the last version (or the request).
Panels: the request; each version side by side with the previous one (quantities, prices,
discounts, freight, totals; changed values marked); the message thread with a reply box; the
validity, the stock held and the PDF of each version; the history. Posts go to the views of
quotes/admin/quotes.py, which call the services.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from quotes import selectors
from quotes.admin.forms import MessageForm, RejectForm, send_forms_initial
from quotes.models import Quote, QuoteStatus, QuoteVersion
from quotes.pdf import render_version_pdf
from quotes.services.holds import quote_held

NS = "quotes_admin"
STATUS_PRIMARY = {QuoteStatus.APPROVED, QuoteStatus.ACCEPTED}


@dataclass
class LineChange:
    sku: str
    description: str
    before: dict | None  # {quantity, unit_price, discount_percent, net_unit_price, line_total}
    after: dict | None
    changed: set[str] = field(default_factory=set)


@dataclass
class VersionComparison:
    version: QuoteVersion
    previous: QuoteVersion | None
    lines: list[LineChange]
    changed: set[str]  # of freight_amount, total, valid_until, payment_terms, holds_stock


LINE_FIELDS = ("quantity", "unit_price", "discount_percent", "net_unit_price", "line_total")
VERSION_FIELDS = ("freight_amount", "net_total", "total", "valid_until", "payment_terms")


def _line_values(line) -> dict:
    return {name: getattr(line, name) for name in LINE_FIELDS}


def _requested(quote: Quote) -> dict[str, dict]:
    """The request's lines, keyed by barrel slug, as the "previous" of version 1."""
    return {
        str(item.get("barrel")): {"quantity": item.get("quantity"), "name": item.get("name", "")}
        for item in (quote.requested_items or {}).get("lines", [])
    }


def compare_versions(quote: Quote) -> list[VersionComparison]:
    """Each version next to the one before it (version 1 next to the request), newest first."""
    comparisons: list[VersionComparison] = []
    previous: QuoteVersion | None = None
    requested = _requested(quote)
    for version in quote.versions.all():  # prefetched in number order
        before = (
            {line.sku: (line.description, _line_values(line)) for line in previous.lines.all()}
            if previous is not None
            else {}
        )
        rows: list[LineChange] = []
        seen: set[str] = set()
        for line in version.lines.all():
            seen.add(line.sku)
            after = _line_values(line)
            if previous is None:
                asked = requested.get(line.barrel.slug) if line.barrel_id else None
                old = {"quantity": asked["quantity"]} if asked else None
            else:
                old = before.get(line.sku, (None, None))[1]
            changed = (
                {n for n in LINE_FIELDS if old.get(n, after[n]) != after[n]}
                if old
                else set(LINE_FIELDS)
            )
            rows.append(LineChange(line.sku, line.description, old, after, changed))
        for sku, (description, old) in before.items():
            if sku not in seen:
                rows.append(LineChange(sku, description, old, None, set(LINE_FIELDS)))
        changed = (
            {n for n in VERSION_FIELDS if getattr(previous, n) != getattr(version, n)}
            if previous is not None
            else set()
        )
        comparisons.append(VersionComparison(version, previous, rows, changed))
        previous = version
    return list(reversed(comparisons))


def held_lines(quote: Quote) -> list[tuple[str, int]]:
    """What stock the quote holds now: [(barrel description, units)]."""
    held = quote_held(quote=quote)
    if not held:
        return []
    names = {}
    version = quote.current_version
    if version is not None:
        names = {line.barrel_id: line.description for line in version.lines.all()}
    return [
        (names.get(barrel_id, f"Barrel {barrel_id}"), units) for barrel_id, units in held.items()
    ]


def request_age(quote: Quote) -> str:
    """How long the request has been waiting, as "3 d 4 h" (or "45 min")."""
    seconds = int((timezone.now() - quote.request_date).total_seconds())
    days, rest = divmod(max(seconds, 0), 86400)
    hours, rest = divmod(rest, 3600)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {rest // 60} min"
    return f"{rest // 60} min"


class QuoteDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "quotes/admin/detail.html"
    header_icon = "doc-full"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.quote = selectors.quote_get(user=request.user, quote_id=kwargs["pk"])
        prefetch_related_objects([self.quote], "versions__lines__barrel")  # one query, not per line

    def get_page_title(self):
        return f"Quote {self.quote.number}"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse(f"{NS}:queue"), "label": "Quotes"},
            {"url": "", "label": self.quote.number},
        ]

    def _buttons(self, actions) -> list[HeaderButton]:
        buttons = []
        if "send_version" in actions:
            buttons.append(
                HeaderButton(
                    "Send offer",
                    icon_name="mail",
                    attrs={
                        "data-a11y-dialog-show": "quote-send-dialog",
                        "data-quote-action": "send",
                    },
                )
            )
        if "reject" in actions:
            buttons.append(
                HeaderButton(
                    "Reject",
                    icon_name="circle-xmark",
                    classname="button-secondary no",
                    attrs={
                        "data-a11y-dialog-show": "quote-reject-dialog",
                        "data-quote-action": "reject",
                    },
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        quote = self.quote
        actions = quote.allowed_actions(self.request.user)
        form, lines = send_forms_initial(quote)
        context = super().get_context_data(**kwargs)
        context.update(
            quote=quote,
            status_primary=quote.status in STATUS_PRIMARY,
            actions=actions,
            header_buttons=self._buttons(actions),
            age=request_age(quote),
            comparisons=compare_versions(quote),
            held=held_lines(quote),
            message_form=kwargs.get("message_form") or MessageForm(),
            reject_form=RejectForm(),
            send_form=form,
            send_lines=lines,
            zero=Decimal("0"),
        )
        return context


def version_pdf(request, pk, number: int):
    """The PDF of one version, as the buyer gets it (render_version_pdf)."""
    version = selectors.quote_version_get(user=request.user, quote_id=pk, number=number)
    response = HttpResponse(render_version_pdf(version), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{version.quote.number}-v{version.number}.pdf"'
    )
    return response

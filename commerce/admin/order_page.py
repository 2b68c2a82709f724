"""The order page of the Wagtail admin (#21 item 1): one page that runs the order.

Wagtail's own pieces: the slim header with the order's status tag and its next steps as header
buttons (ship, deliver, cancel, refund, record a bank transfer), each opening a form in a
`{% dialog %}`; panels for the buyer (linked to the customer and company pages, with the VAT
status), the lines (linked to the barrels), the totals with VAT per rate, payments, refunds,
shipments with their tracking, documents, the quote the order came from, and the timeline. The
forms post to the action views of commerce/admin/orders.py, which call the services.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from accounts.admin.users import COMPANY_NS, CUSTOMERS_NS
from commerce.admin.documents import TrackingEventForm
from commerce.admin.forms import AmountForm, NoteForm, ShipForm
from commerce.models import Order, OrderStatus, PaymentMethod
from commerce.orders import selectors
from commerce.shipping import selectors as shipping_selectors
from commerce.shipping.documents import selectors as document_selectors

# Other apps add links to the order page through this hook (a function of (order, user)
# returning [(label, url)]): quotes adds "the quote it came from" without commerce importing it.
ORDER_SOURCE_HOOK = "vwb_order_source_links"

STATUS_PRIMARY = {OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED}


@dataclass(frozen=True)
class Action:
    """A next step: its header button and the dialog with its form."""

    name: str
    label: str
    icon: str
    url: str
    form: object
    submit: str
    serious: bool = False
    help: str = ""

    @property
    def dialog_id(self) -> str:
        return f"order-{self.name}-dialog"

    def button(self) -> HeaderButton:
        return HeaderButton(
            self.label,
            icon_name=self.icon,
            classname="button-secondary" if not self.serious else "button-secondary no",
            attrs={"data-a11y-dialog-show": self.dialog_id, "data-order-action": self.name},
        )


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str
    text: str


def order_actions(order: Order) -> list[Action]:
    """The steps allowed from the order's status (TRANSITIONS) and its payments."""
    allowed = order.allowed_transitions
    pk = order.pk
    actions: list[Action] = []
    if order.payment_method == PaymentMethod.BANK_TRANSFER and order.status == OrderStatus.PENDING:
        actions.append(
            Action(
                "bank-transfer",
                "Record bank transfer",
                "tick",
                reverse("commerce_admin_order_bank_transfer", args=[pk]),
                AmountForm(
                    initial={"amount": order.amount_due}, prefix="bank", note_label="Reference"
                ),
                "Record the transfer",
                help=f"Reference to look for: {order.payment_reference or order.number}.",
            )
        )
    if OrderStatus.SHIPPED in allowed:
        actions.append(
            Action(
                "ship",
                "Ship",
                "arrow-right-full",
                reverse("commerce_admin_order_ship", args=[pk]),
                ShipForm(prefix="ship"),
                "Ship the order",
            )
        )
    if OrderStatus.DELIVERED in allowed:
        actions.append(
            Action(
                "deliver",
                "Mark delivered",
                "circle-check",
                reverse("commerce_admin_order_deliver", args=[pk]),
                NoteForm(prefix="deliver"),
                "Mark delivered",
            )
        )
    if order.refundable_amount > 0:
        actions.append(
            Action(
                "refund",
                "Refund",
                "rotate",
                reverse("commerce_admin_order_refund", args=[pk]),
                AmountForm(
                    initial={"amount": order.refundable_amount},
                    prefix="refund",
                    note_label="Reason",
                    max_amount=order.refundable_amount,
                ),
                "Refund",
                help=f"Up to {order.refundable_amount} {order.currency} can be refunded.",
            )
        )
    if OrderStatus.CANCELLED in allowed:
        actions.append(
            Action(
                "cancel",
                "Cancel order",
                "circle-xmark",
                reverse("commerce_admin_order_cancel", args=[pk]),
                NoteForm(prefix="cancel", label="Reason"),
                "Cancel and refund" if order.amount_captured else "Cancel the order",
                serious=True,
                help="What was paid is refunded." if order.amount_captured else "",
            )
        )
    return actions


def order_timeline(order: Order, shipments) -> list[TimelineEntry]:
    """Status changes, payments, refunds and tracking events, oldest first."""
    entries = [
        TimelineEntry(
            h.created_at,
            "status",
            f"{h.get_to_status_display()}"
            + (f" by {h.actor}" if h.actor else "")
            + (f": {h.note}" if h.note else ""),
        )
        for h in order.history.all()
    ]
    entries += [
        TimelineEntry(
            p.created_at,
            "payment",
            f"Payment {p.get_provider_display()} {p.get_status_display().lower()}: "
            f"{p.amount_captured} of {p.amount} {p.currency}",
        )
        for p in order.payments.all()
    ]
    entries += [
        TimelineEntry(
            r.created_at,
            "refund",
            f"Refund {r.amount} {r.currency} {r.get_status_display().lower()}"
            + (f": {r.reason}" if r.reason else ""),
        )
        for r in order.refunds.all()
    ]
    for shipment in shipments:
        entries += [
            TimelineEntry(
                e.occurred_at,
                "tracking",
                f"{shipment.carrier.name} {shipment.tracking_number}: {e.get_kind_display()}"
                + (f", {e.location}" if e.location else ""),
            )
            for e in shipment.events.all()
        ]
    return sorted(entries, key=lambda e: e.at)


def source_links(order: Order, user) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    for fn in hooks.get_hooks(ORDER_SOURCE_HOOK):
        links += fn(order, user)
    return links


class OrderDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "commerce/admin/order_detail.html"
    header_icon = "list-ul"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.order = selectors.order_get(order_id=kwargs["order_id"])
        # The lines link to their barrels, the buyer to the company: one query each, not per line.
        prefetch_related_objects([self.order], "lines__barrel", "user__company")

    def get_page_title(self):
        return f"Order {self.order.number}"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("commerce_admin_orders"), "label": "Orders"},
            {"url": "", "label": self.order.number},
        ]

    def get_context_data(self, **kwargs):
        order = self.order
        finder = AdminURLFinder(self.request.user)
        buyer = order.user
        company = buyer.company if buyer is not None and buyer.company_id else None
        shipments = shipping_selectors.shipments_for_order(order=order)
        actions = order_actions(order)
        lines = [(line, finder.get_edit_url(line.barrel)) for line in order.lines.all()]
        context = super().get_context_data(**kwargs)
        context.update(
            order=order,
            status_primary=order.status in STATUS_PRIMARY,
            header_buttons=[a.button() for a in actions],
            actions=actions,
            buyer=buyer,
            buyer_url=reverse(f"{CUSTOMERS_NS}:edit", args=[buyer.pk]) if buyer else None,
            company=company,
            company_url=reverse(f"{COMPANY_NS}:edit", args=[company.pk]) if company else None,
            lines=lines,
            vat_rows=order.vat_by_rate(),
            documents=document_selectors.order_document_rows(order=order),
            shipments=shipments,
            event_form=TrackingEventForm(),
            sources=source_links(order, self.request.user),
            timeline=order_timeline(order, shipments),
        )
        return context

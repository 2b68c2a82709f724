"""Orders in the Wagtail admin, the one admin screen of Order: list, and a detail page with the
timeline, payments, the order's documents and its shipments with their tracking; the lifecycle
actions (ship with carrier and tracking number, deliver, cancel, refund, record a bank transfer)
and the documents and tracking actions (commerce/admin/documents.py) return to it. Every action
calls the same service as the API."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from commerce.admin.documents import TrackingEventForm
from commerce.models import Carrier, CarrierAdapterKind, OrderStatus
from commerce.orders import selectors
from commerce.orders.services import (
    order_bank_transfer_record,
    order_cancel,
    order_deliver,
    order_refund,
    order_ship,
)
from commerce.shipping import selectors as shipping_selectors
from commerce.shipping.documents import selectors as document_selectors
from vwb_site.exceptions import ApplicationError


def _carrier_choices() -> list[tuple[str, str]]:
    return [
        (code, f"{name} ({CarrierAdapterKind(adapter).label.split(' (')[0]})")
        for code, name, adapter in Carrier.objects.filter(active=True).values_list(
            "code", "name", "adapter"
        )
    ]


class ShipForm(forms.Form):
    carrier_code = forms.ChoiceField(label="Carrier", choices=())
    tracking_number = forms.CharField(
        max_length=64,
        required=False,
        help_text="Required for a manual carrier. A carrier API (EasyPost) buys the label "
        "chosen at checkout and returns its tracking number.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carrier_code"].choices = _carrier_choices()


class NoteForm(forms.Form):
    note = forms.CharField(max_length=500, required=False)


class AmountForm(forms.Form):
    amount = forms.DecimalField(max_digits=12, decimal_places=2)
    note = forms.CharField(max_length=500, required=False, label="Reason / reference")


def _admin_only(view):
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_admin):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


@_admin_only
def order_index(request):
    status = request.GET.get("status") or None
    if status not in OrderStatus.values:
        status = None
    page = Paginator(selectors.order_list(user=None, status=status), 50).get_page(
        request.GET.get("p")
    )
    return TemplateResponse(
        request,
        "commerce/admin/order_index.html",
        {
            "page_obj": page,
            "statuses": OrderStatus.choices,
            "status": status,
        },
    )


@_admin_only
def order_detail(request, order_id):
    order = selectors.order_get(order_id=order_id)
    return TemplateResponse(
        request,
        "commerce/admin/order_detail.html",
        {
            "order": order,
            "ship_form": ShipForm(),
            "note_form": NoteForm(),
            "amount_form": AmountForm(),
            "allowed": order.allowed_transitions,
            "documents": document_selectors.order_document_rows(order=order),
            "shipments": shipping_selectors.shipments_for_order(order=order),
            "event_form": TrackingEventForm(),
        },
    )


def _run(request, order_id, action, success: str):
    order = selectors.order_get(order_id=order_id)
    try:
        action(order)
        messages.success(request, success.format(number=order.number))
    except (ApplicationError, ValidationError) as exc:
        text = getattr(exc, "message", None) or "; ".join(getattr(exc, "messages", [str(exc)]))
        messages.error(request, text)
    return redirect("commerce_admin_order_detail", order_id=order.pk)


def _amount(request) -> Decimal:
    try:
        return Decimal(request.POST.get("amount", ""))
    except InvalidOperation as exc:
        raise ValidationError("Enter an amount such as 120.00.") from exc


@_admin_only
@require_POST
def order_ship_view(request, order_id):
    form = ShipForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a carrier and enter the tracking number.")
        return redirect("commerce_admin_order_detail", order_id=order_id)
    return _run(
        request,
        order_id,
        lambda o: order_ship(order=o, actor=request.user, **form.cleaned_data),
        "Order {number} shipped.",
    )


@_admin_only
@require_POST
def order_deliver_view(request, order_id):
    note = request.POST.get("note", "")
    return _run(
        request,
        order_id,
        lambda o: order_deliver(order=o, actor=request.user, note=note),
        "Order {number} delivered.",
    )


@_admin_only
@require_POST
def order_cancel_view(request, order_id):
    note = request.POST.get("note", "") or "Cancelled by staff."
    return _run(
        request,
        order_id,
        lambda o: order_cancel(order=o, actor=request.user, note=note),
        "Order {number} cancelled.",
    )


@_admin_only
@require_POST
def order_refund_view(request, order_id):
    reason = request.POST.get("note", "")
    return _run(
        request,
        order_id,
        lambda o: order_refund(order=o, amount=_amount(request), actor=request.user, reason=reason),
        "Refund recorded for order {number}.",
    )


@_admin_only
@require_POST
def order_bank_transfer_view(request, order_id):
    reference = request.POST.get("note", "")
    return _run(
        request,
        order_id,
        lambda o: order_bank_transfer_record(
            order=o, amount=_amount(request), actor=request.user, reference=reference
        ),
        "Bank transfer recorded for order {number}.",
    )


def admin_urls():
    return [
        path("commerce/orders/", order_index, name="commerce_admin_orders"),
        path("commerce/orders/<uuid:order_id>/", order_detail, name="commerce_admin_order_detail"),
        path(
            "commerce/orders/<uuid:order_id>/ship/",
            order_ship_view,
            name="commerce_admin_order_ship",
        ),
        path(
            "commerce/orders/<uuid:order_id>/deliver/",
            order_deliver_view,
            name="commerce_admin_order_deliver",
        ),
        path(
            "commerce/orders/<uuid:order_id>/cancel/",
            order_cancel_view,
            name="commerce_admin_order_cancel",
        ),
        path(
            "commerce/orders/<uuid:order_id>/refund/",
            order_refund_view,
            name="commerce_admin_order_refund",
        ),
        path(
            "commerce/orders/<uuid:order_id>/bank-transfer/",
            order_bank_transfer_view,
            name="commerce_admin_order_bank_transfer",
        ),
    ]


def orders_menu_url() -> str:
    return reverse("commerce_admin_orders")

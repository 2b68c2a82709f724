"""Orders in the Wagtail admin: the list (commerce/admin/order_list.py), the order page
(commerce/admin/order_page.py) and the lifecycle actions its dialogs post to (ship with carrier
and tracking number, deliver, cancel, refund, record a bank transfer). Every action calls the
same service as the API and returns to the order page with a message; the documents and
tracking actions are in commerce/admin/documents.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from commerce.admin.forms import AmountForm, NoteForm, ShipForm
from commerce.admin.order_list import OrderIndexView
from commerce.admin.order_page import OrderDetailView
from commerce.orders import selectors
from commerce.orders.services import (
    order_bank_transfer_record,
    order_cancel,
    order_deliver,
    order_refund,
    order_ship,
)
from vwb_site.exceptions import ApplicationError


def may_open(user) -> bool:
    """Who runs orders: administrators (the menu entry hides from everyone else)."""
    return bool(user.is_authenticated and getattr(user, "is_admin", False))


def _admin_only(view):
    def wrapped(request, *args, **kwargs):
        if not may_open(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


def _error_text(exc: Exception) -> str:
    return getattr(exc, "message", None) or "; ".join(getattr(exc, "messages", [str(exc)]))


def _form_error_text(form) -> str:
    return "; ".join(
        f"{form.fields[name].label if name in form.fields else 'Form'}: {' '.join(errors)}"
        for name, errors in form.errors.items()
    )


def _run(request, order_id, form, action, success: str):
    """Validate `form`, then call `action(order, data)`: a service. Back to the order page."""
    order = selectors.order_get(order_id=order_id)
    if not form.is_valid():
        messages.error(request, _form_error_text(form))
    else:
        try:
            action(order, form.cleaned_data)
            messages.success(request, success.format(number=order.number))
        except (ApplicationError, ValidationError) as exc:
            messages.error(request, _error_text(exc))
    return redirect("commerce_admin_order_detail", order_id=order.pk)


@_admin_only
@require_POST
def order_ship_view(request, order_id):
    return _run(
        request,
        order_id,
        ShipForm(request.POST, prefix="ship"),
        lambda o, data: order_ship(order=o, actor=request.user, **data),
        "Order {number} shipped.",
    )


@_admin_only
@require_POST
def order_deliver_view(request, order_id):
    return _run(
        request,
        order_id,
        NoteForm(request.POST, prefix="deliver"),
        lambda o, data: order_deliver(order=o, actor=request.user, note=data["note"]),
        "Order {number} delivered.",
    )


@_admin_only
@require_POST
def order_cancel_view(request, order_id):
    return _run(
        request,
        order_id,
        NoteForm(request.POST, prefix="cancel"),
        lambda o, data: order_cancel(
            order=o, actor=request.user, note=data["note"] or "Cancelled by staff."
        ),
        "Order {number} cancelled.",
    )


@_admin_only
@require_POST
def order_refund_view(request, order_id):
    return _run(
        request,
        order_id,
        AmountForm(request.POST, prefix="refund"),
        lambda o, data: order_refund(
            order=o, amount=data["amount"], actor=request.user, reason=data["note"]
        ),
        "Refund recorded for order {number}.",
    )


@_admin_only
@require_POST
def order_bank_transfer_view(request, order_id):
    return _run(
        request,
        order_id,
        AmountForm(request.POST, prefix="bank"),
        lambda o, data: order_bank_transfer_record(
            order=o, amount=data["amount"], actor=request.user, reference=data["note"]
        ),
        "Bank transfer recorded for order {number}.",
    )


def admin_urls():
    index = _admin_only(OrderIndexView.as_view())
    results = _admin_only(OrderIndexView.as_view(results_only=True))
    return [
        path("commerce/orders/", index, name="commerce_admin_orders"),
        path("commerce/orders/results/", results, name="commerce_admin_orders_results"),
        path(
            "commerce/orders/<uuid:order_id>/",
            _admin_only(OrderDetailView.as_view()),
            name="commerce_admin_order_detail",
        ),
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

"""Admin views: an order's shipping (documents, shipments, tracking), where staff regenerate and
download documents and record tracking events. Registered from commerce/wagtail_hooks.py.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from commerce.models import (
    DocumentKind,
    Order,
    OrderStatus,
    Shipment,
    TrackingEventKind,
    TrackingSource,
)
from commerce.shipping import selectors
from commerce.shipping.documents.services import document_generate, is_applicable
from commerce.shipping.tracking import tracking_event_record
from vwb_site.core.countries import COUNTRY_NAMES
from vwb_site.exceptions import ApplicationError


def _staff_only(request) -> None:
    user = request.user
    if not (user.is_superuser or getattr(user, "is_admin", False)):
        raise PermissionDenied


class TrackingEventForm(forms.Form):
    kind = forms.ChoiceField(choices=TrackingEventKind.choices)
    occurred_at = forms.DateTimeField(
        initial=timezone.now,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )
    location = forms.CharField(max_length=200, required=False)
    description = forms.CharField(max_length=300, required=False)


def order_index(request):
    _staff_only(request)
    query = request.GET.get("q", "").strip()
    orders = Order.objects.exclude(status__in=[OrderStatus.PENDING]).order_by("-order_date")
    if query:
        orders = orders.filter(Q(number__icontains=query) | Q(customer_email__icontains=query))
    orders = list(orders.prefetch_related("documents")[:50])
    return TemplateResponse(
        request,
        "commerce/shipping/admin/order_index.html",
        {
            "page_title": "Order shipping and documents",
            "header_title": "Order documents",
            "header_icon": "doc-full",
            "orders": orders,
            "query": query,
        },
    )


def order_detail(request, order_id):
    _staff_only(request)
    order = get_object_or_404(Order, pk=order_id)
    documents = {doc.kind: doc for doc in order.documents.all()}
    rows = [
        {
            "kind": kind,
            "label": label,
            "doc": documents.get(kind),
            "applicable": is_applicable(order, kind),
        }
        for kind, label in DocumentKind.choices
    ]
    country = (order.shipping_address or {}).get("country", "")
    return TemplateResponse(
        request,
        "commerce/shipping/admin/order_detail.html",
        {
            "page_title": f"Order {order.number}",
            "header_title": f"Order {order.number}",
            "header_icon": "doc-full",
            "order": order,
            "rows": rows,
            "destination": f"{COUNTRY_NAMES.get(country, country)} ({country})",
            "shipments": selectors.shipments_for_order(order=order),
            "event_form": TrackingEventForm(),
        },
    )


@require_POST
def document_regenerate(request, order_id, kind: str):
    _staff_only(request)
    order = get_object_or_404(Order, pk=order_id)
    try:
        doc = document_generate(order=order, kind=kind)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{doc.get_kind_display()} {doc.number} generated.")
    return redirect("commerce_shipping_order", order_id=order.pk)


def document_download(request, order_id, kind: str):
    _staff_only(request)
    doc = next(
        (
            d
            for d in get_object_or_404(Order, pk=order_id).documents.all()
            if d.kind == kind and d.is_ready
        ),
        None,
    )
    if doc is None:
        raise Http404
    return FileResponse(
        doc.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=doc.filename,
    )


@require_POST
def tracking_event_add(request, shipment_id: int):
    _staff_only(request)
    shipment = get_object_or_404(Shipment, pk=shipment_id)
    form = TrackingEventForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()),
        )
        return redirect("commerce_shipping_order", order_id=shipment.order_id)
    values = form.cleaned_data
    try:
        _event, created = tracking_event_record(
            shipment=shipment,
            kind=values["kind"],
            occurred_at=values["occurred_at"],
            location=values["location"],
            description=values["description"],
            source=TrackingSource.ADMIN,
            actor=request.user,
        )
    except (ApplicationError, ValidationError) as exc:
        messages.error(request, getattr(exc, "message", None) or "; ".join(exc.messages))
    else:
        messages.success(
            request, "Tracking event recorded." if created else "This event was already recorded."
        )
    return redirect("commerce_shipping_order", order_id=shipment.order_id)


def admin_urls() -> list:
    return [
        path("shipping/orders/", order_index, name="commerce_shipping_orders"),
        path("shipping/orders/<uuid:order_id>/", order_detail, name="commerce_shipping_order"),
        path(
            "shipping/orders/<uuid:order_id>/documents/<slug:kind>/generate",
            document_regenerate,
            name="commerce_shipping_document_generate",
        ),
        path(
            "shipping/orders/<uuid:order_id>/documents/<slug:kind>/download",
            document_download,
            name="commerce_shipping_document_download",
        ),
        path(
            "shipping/shipments/<int:shipment_id>/events",
            tracking_event_add,
            name="commerce_shipping_tracking_event_add",
        ),
    ]


def order_shipping_url(order) -> str:
    """Link the order admin can show: this order's documents and tracking."""
    return reverse("commerce_shipping_order", kwargs={"order_id": order.pk})

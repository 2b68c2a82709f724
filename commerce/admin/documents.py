"""The order page's documents and tracking actions: staff generate (or regenerate) and download
an order's documents and record tracking events. The order page (commerce/admin/orders.py)
lists them; every action returns to it. Registered from commerce/wagtail_hooks.py.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from commerce.models import (
    Order,
    Shipment,
    TrackingEventKind,
    TrackingSource,
)
from commerce.shipping.documents import selectors as document_selectors
from commerce.shipping.documents.services import document_generate
from commerce.shipping.tracking import tracking_event_record
from vwb_site.core.storage import open_private_file
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


@require_POST
def document_regenerate(request, order_id, kind: str):
    _staff_only(request)
    order = get_object_or_404(Order, pk=order_id)
    try:
        doc = document_generate(order=order, kind=kind, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{doc.get_kind_display()} {doc.number} generated.")
    return redirect("commerce_admin_order_detail", order_id=order.pk)


def document_download(request, order_id, kind: str):
    _staff_only(request)
    doc = document_selectors.order_document_ready_get(order_id=order_id, kind=kind)
    if doc is None:
        raise Http404
    return FileResponse(
        open_private_file(doc.file),
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
        return redirect("commerce_admin_order_detail", order_id=shipment.order_id)
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
    return redirect("commerce_admin_order_detail", order_id=shipment.order_id)


def admin_urls() -> list:
    return [
        path(
            "commerce/orders/<uuid:order_id>/documents/<slug:kind>/generate/",
            document_regenerate,
            name="commerce_admin_order_document_generate",
        ),
        path(
            "commerce/orders/<uuid:order_id>/documents/<slug:kind>/download/",
            document_download,
            name="commerce_admin_order_document_download",
        ),
        path(
            "commerce/shipments/<int:shipment_id>/events/",
            tracking_event_add,
            name="commerce_admin_shipment_event_add",
        ),
    ]

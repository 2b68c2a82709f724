"""Carrier webhooks (shared secret) and order documents (owner or administrator)."""

import hmac

from django.conf import settings
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsAdmin
from commerce.api.serializers.shipping import (
    ShippingOrderDocumentOutput,
    ShippingTrackingEventOutput,
    ShippingTrackingWebhookInput,
)
from commerce.models import DocumentKind, Order, TrackingSource
from commerce.shipping import error_codes, selectors
from commerce.shipping.adapters import adapter_for
from commerce.shipping.documents.services import document_generate
from commerce.shipping.tracking import carrier_get, shipment_find, tracking_event_record
from vwb_site.api.renderers import PDF_DOWNLOAD
from vwb_site.core.storage import open_private_file
from vwb_site.exceptions import ApplicationError, ForbiddenError, NotFoundError

PROBLEM = OpenApiResponse(description="Problem details (application/problem+json).")
SECRET_HEADER = "X-Webhook-Secret"  # noqa: S105 (a header name)


class WebhookUnauthorized(ApplicationError):
    status_code = 401
    default_code = error_codes.WEBHOOK_SECRET_MISSING


def check_webhook_secret(*, carrier_code: str, presented: str | None) -> None:
    expected = settings.SHIPPING_CARRIER_WEBHOOK_SECRETS.get(carrier_code, "")
    if not expected:
        raise ForbiddenError(
            "Webhooks are not enabled for this carrier.", code=error_codes.WEBHOOK_DISABLED
        )
    if not presented:
        raise WebhookUnauthorized(f"The {SECRET_HEADER} header is required.")
    if not hmac.compare_digest(presented.encode(), expected.encode()):
        raise ForbiddenError(
            "The webhook secret is not valid.", code=error_codes.WEBHOOK_SECRET_INVALID
        )


class ShippingCarrierWebhookView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="shipping_carrier_webhook",
        summary="A carrier reports a tracking event",
        description=f"Authenticated by the carrier's shared secret in the `{SECRET_HEADER}` "
        "header. A repeat of an event (same event_id, or same kind and time) is "
        "acknowledged with 200 and recorded once.",
        parameters=[
            OpenApiParameter(
                SECRET_HEADER, OpenApiTypes.STR, OpenApiParameter.HEADER, required=True
            )
        ],
        request=ShippingTrackingWebhookInput,
        responses={
            200: ShippingTrackingEventOutput,
            201: ShippingTrackingEventOutput,
            400: PROBLEM,
            401: PROBLEM,
            403: PROBLEM,
            404: PROBLEM,
        },
        tags=["shipping"],
    )
    def post(self, request, code: str):
        carrier = carrier_get(code=code)
        if adapter_for(carrier).books_labels:  # a carrier API signs its own webhooks
            raise ForbiddenError(
                f"{carrier.name} reports through its own signed webhook "
                "(POST /v1/shipping/webhooks/easypost), not this one.",
                code=error_codes.WEBHOOK_DISABLED,
            )
        check_webhook_secret(
            carrier_code=carrier.code, presented=request.headers.get(SECRET_HEADER)
        )
        data = ShippingTrackingWebhookInput(data=request.data)
        data.is_valid(raise_exception=True)
        update = adapter_for(carrier).parse_webhook(payload=data.validated_data)
        shipment = shipment_find(carrier=carrier, tracking_number=update.tracking_number)
        event, created = tracking_event_record(
            shipment=shipment,
            kind=update.kind,
            occurred_at=update.occurred_at,
            location=update.location,
            description=update.description,
            external_id=update.external_id,
            source=TrackingSource.WEBHOOK,
            raw_payload=request.data if isinstance(request.data, dict) else {},
            actor=None,
        )
        body = ShippingTrackingEventOutput(
            {
                "id": event.pk,
                "kind": event.kind,
                "occurred_at": event.occurred_at,
                "location": event.location,
                "description": event.description,
                "source": event.source,
                "created": created,
            }
        ).data
        return Response(body, status=201 if created else 200)


class ShippingOrderDocumentListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="order_documents_list",
        summary="The order's documents (invoice, packing list, commercial invoice)",
        responses={200: ShippingOrderDocumentOutput(many=True), 401: PROBLEM, 404: PROBLEM},
        tags=["orders"],
    )
    def get(self, request, order_id):
        order, documents = selectors.order_documents_for_user(order_id=order_id, user=request.user)
        if order is None:
            raise NotFoundError("No such order.", code="order_not_found")
        ready = [doc for doc in documents if doc.is_ready]
        return Response(ShippingOrderDocumentOutput(ready, many=True).data)


class ShippingOrderDocumentDownloadView(APIView):
    permission_classes = [IsAuthenticated]
    renderer_classes = PDF_DOWNLOAD

    @extend_schema(
        operation_id="order_documents_download",
        summary="Download one of the order's documents as a PDF",
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            401: PROBLEM,
            404: PROBLEM,
            503: PROBLEM,
        },
        tags=["orders"],
    )
    def get(self, request, order_id, kind: str):
        order, documents = selectors.order_documents_for_user(order_id=order_id, user=request.user)
        if order is None:
            raise NotFoundError("No such order.", code="order_not_found")
        doc = next((d for d in documents if d.kind == kind and d.is_ready), None)
        if kind not in DocumentKind.values or doc is None:
            raise NotFoundError(
                f"This order has no {kind.replace('_', ' ')} yet.",
                code=error_codes.DOCUMENT_NOT_FOUND,
            )
        response = FileResponse(
            open_private_file(doc.file),
            content_type="application/pdf",
            as_attachment=True,
            filename=doc.filename,
        )
        response["Cache-Control"] = "private, no-store"
        return response


class ShippingAdminDocumentRegenerateView(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="admin_order_documents_regenerate",
        summary="Generate or regenerate one of an order's documents now (same number)",
        request=None,
        responses={200: ShippingOrderDocumentOutput, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM},
        tags=["admin"],
    )
    def post(self, request, order_id, kind: str):
        order = Order.objects.filter(pk=order_id).first()
        if order is None:
            raise NotFoundError("No such order.", code="order_not_found")
        doc = document_generate(order=order, kind=kind)
        return Response(ShippingOrderDocumentOutput(doc).data)

"""Carriers for those who ship (GET /v1/admin/carriers) and the carrier API's signed tracking
webhook (POST /v1/shipping/webhooks/easypost)."""

import json

import easypost
from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsAdmin
from commerce.api.serializers.shipping import (
    ShippingCarrierOutput,
    ShippingTrackingEventOutput,
    ShippingWebhookReceiptOutput,
)
from commerce.models import CarrierAdapterKind
from commerce.shipping import error_codes, selectors
from commerce.shipping.adapters import adapter_for
from commerce.shipping.tracking import carrier_webhook_receive
from vwb_site.exceptions import ApplicationError, ForbiddenError

PROBLEM = OpenApiResponse(description="Problem details (application/problem+json).")
SIGNATURE_HEADER = "X-Hmac-Signature"


class WebhookSignatureMissing(ApplicationError):
    status_code = 401
    default_code = error_codes.WEBHOOK_SIGNATURE_MISSING


class AdminCarrierListView(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="admin_carriers_list",
        summary="Carriers to ship with: codes, adapters, whether active and configured",
        responses={200: ShippingCarrierOutput(many=True), 401: PROBLEM, 403: PROBLEM},
        tags=["admin-orders"],
    )
    def get(self, request):
        rows = []
        for carrier in selectors.carriers_list():
            adapter = adapter_for(carrier)
            rows.append(
                {
                    "code": carrier.code,
                    "name": carrier.name,
                    "adapter": carrier.adapter,
                    "adapter_label": adapter.label,
                    "active": carrier.active,
                    "configured": adapter.is_configured(),
                    "live_rates": adapter.live_rates,
                    "books_labels": adapter.books_labels,
                    "tracking_url_template": carrier.tracking_url_template,
                }
            )
        return Response(ShippingCarrierOutput(rows, many=True).data)


class EasyPostWebhookView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="shipping_easypost_webhook",
        summary="EasyPost reports a tracker update (signed)",
        description=f"Verified by the `{SIGNATURE_HEADER}` header EasyPost sends "
        '("hmac-sha256-hex=" + HMAC-SHA256 of the raw body with EASYPOST_WEBHOOK_SECRET). '
        "Deduplicated by the event id. An event for a tracking number that is none of our "
        "shipments, or a status we do not track, is answered 200 with outcome `ignored` "
        "(and logged), so that EasyPost does not retry it.",
        parameters=[
            OpenApiParameter(
                SIGNATURE_HEADER, OpenApiTypes.STR, OpenApiParameter.HEADER, required=True
            )
        ],
        request=OpenApiTypes.OBJECT,
        responses={
            200: ShippingWebhookReceiptOutput,
            201: ShippingWebhookReceiptOutput,
            400: PROBLEM,
            401: PROBLEM,
            403: PROBLEM,
        },
        tags=["shipping"],
    )
    def post(self, request):
        body = request.body
        carriers = [
            c
            for c in selectors.live_rate_carriers(adapters=[CarrierAdapterKind.EASYPOST])
            if adapter_for(c).is_configured()
        ]
        if not settings.EASYPOST_WEBHOOK_SECRET or not carriers:
            raise ForbiddenError(
                "The EasyPost webhook is not enabled.", code=error_codes.WEBHOOK_DISABLED
            )
        if not request.headers.get(SIGNATURE_HEADER):
            raise WebhookSignatureMissing(f"The {SIGNATURE_HEADER} header is required.")
        adapter = adapter_for(carriers[0])
        try:
            payload = adapter.verify_webhook(body=body, headers=request.headers)  # type: ignore[attr-defined]
        except easypost.errors.SignatureVerificationError as exc:
            raise ForbiddenError(
                "The webhook signature is not valid.", code=error_codes.WEBHOOK_SIGNATURE_INVALID
            ) from exc
        except json.JSONDecodeError as exc:
            raise ApplicationError("The body is not JSON.", code="invalid_json") from exc
        if not isinstance(payload, dict) or not str(payload.get("description", "")).startswith(
            "tracker."
        ):
            receipt = {"outcome": "ignored", "reason": "not_a_tracker_event", "event": None}
            return Response(ShippingWebhookReceiptOutput(receipt).data)
        update = adapter.parse_webhook(payload=payload)
        outcome, reason, event = carrier_webhook_receive(
            carriers=carriers, update=update, raw_payload=payload
        )
        receipt = {
            "outcome": outcome,
            "reason": reason,
            "event": ShippingTrackingEventOutput(
                {
                    "id": event.pk,
                    "kind": event.kind,
                    "occurred_at": event.occurred_at,
                    "location": event.location,
                    "description": event.description,
                    "source": event.source,
                    "created": outcome == "recorded",
                }
            ).data
            if event is not None
            else None,
        }
        status = 201 if outcome == "recorded" else 200
        return Response(ShippingWebhookReceiptOutput(receipt).data, status=status)

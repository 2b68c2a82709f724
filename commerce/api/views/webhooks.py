"""Payment provider webhooks (no user authentication: the signature is the authentication)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from commerce.api.serializers.outputs import PayPalWebhookOutput, StripeWebhookOutput
from commerce.orders.services import paypal_webhook_handle, stripe_webhook_handle


class StripeWebhookView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    @extend_schema(
        operation_id="payments_stripe_webhook",
        request=OpenApiTypes.OBJECT,
        responses=StripeWebhookOutput,
        tags=["payments"],
        summary="Stripe events (signed with the Stripe-Signature header)",
    )
    def post(self, request):
        # The raw bytes are what Stripe signed: read them, never the parsed JSON.
        outcome = stripe_webhook_handle(
            payload=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
        return Response(StripeWebhookOutput({"received": True, "outcome": outcome}).data)


class PayPalWebhookView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    @extend_schema(
        operation_id="payments_paypal_webhook",
        request=OpenApiTypes.OBJECT,
        responses=PayPalWebhookOutput,
        tags=["payments"],
        summary="PayPal events (verified with PayPal's verify-webhook-signature)",
    )
    def post(self, request):
        outcome = paypal_webhook_handle(payload=request.body, headers=request.headers)
        return Response(PayPalWebhookOutput({"received": True, "outcome": outcome}).data)

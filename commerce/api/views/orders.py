"""Buyer endpoints: checkout (place, preview), order history, detail, cancel, payment."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from commerce import error_codes
from commerce.api.serializers.inputs import (
    OrderCancelInput,
    OrderCreateInput,
    OrderListFilterInput,
    OrderPaymentInput,
    OrderPreviewInput,
)
from commerce.api.serializers.outputs import (
    OrderCheckoutOutput,
    OrderDetailOutput,
    OrderListOutput,
    OrderPaymentInstructionsOutput,
    OrderPreviewOutput,
)
from commerce.models import Order
from commerce.orders import selectors
from commerce.orders.services import (
    checkout_preview,
    order_cancel,
    order_payment_method_change,
    order_paypal_capture,
    order_place,
)
from commerce.payments.base import PaymentProviderError
from commerce.payments.registry import provider_for_order
from commerce.payments.services import payment_start
from vwb_site.api.pagination import PageNumberPagination, paginated_schema
from vwb_site.exceptions import ApplicationError

IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="A unique key per checkout attempt: a retry with the same key and body returns "
    "the same order; the same key with another body is a 422.",
)


def detail_data(order: Order, request) -> dict:
    return OrderDetailOutput(order, context={"request": request}).data


def instructions(order: Order, payment, details: dict) -> dict:
    return {
        "provider": provider_for_order(order).code,
        "payment_id": payment.pk if payment else None,
        **details,
    }


def instructions_data(order: Order, payment, details: dict) -> dict:
    return OrderPaymentInstructionsOutput(instructions(order, payment, details)).data


def checkout_payload(order: Order, request, *, created: bool, payment_method_id: str = "") -> dict:
    """The order, and what the buyer needs to pay it (a failing provider does not undo the
    order: the client retries POST /v1/orders/{id}/payments). A new order is answered from
    what checkout wrote (and the payment opened here); a replayed one is read back."""
    payment_data, payment_error, payment_error_code, payment = None, None, None, None
    if order.status == "pending":
        try:
            payment, details = payment_start(order=order, payment_method_id=payment_method_id)
            payment_data = instructions(order, payment, details)
        except PaymentProviderError as exc:
            payment_error, payment_error_code = exc.message, exc.code
    if created:
        fresh = selectors.order_with_relations(
            order,
            lines=order.lines.all(),
            history=order.history.all(),
            payments=[payment] if payment is not None else [],
        )
    else:
        fresh = selectors.order_get(order_id=order.pk)
    return OrderCheckoutOutput(
        {
            "order": fresh,
            "payment": payment_data,
            "payment_error": payment_error,
            "payment_error_code": payment_error_code,
        },
        context={"request": request},
    ).data


class CheckoutThrottleMixin:
    @property
    def throttle_scope(self):
        request = getattr(self, "request", None)
        return "checkout" if request is not None and request.method == "POST" else None


class OrderListCreateView(CheckoutThrottleMixin, APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="orders_list",
        parameters=[OrderListFilterInput],
        responses=paginated_schema(OrderListOutput),
        tags=["orders"],
        summary="My orders, newest first (filter by status and date)",
    )
    def get(self, request):
        filters = OrderListFilterInput(data=request.query_params)
        filters.is_valid(raise_exception=True)
        qs = selectors.order_list(user=request.user, **filters.validated_data)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(OrderListOutput(page, many=True).data)

    @extend_schema(
        operation_id="orders_create",
        request=OrderCreateInput,
        parameters=[IDEMPOTENCY_HEADER],
        responses={201: OrderCheckoutOutput, 200: OrderCheckoutOutput},
        tags=["orders"],
        summary="Place an order (checkout)",
    )
    def post(self, request):
        key = request.headers.get("Idempotency-Key", "").strip()
        if len(key) > 255:
            raise ApplicationError(
                "The Idempotency-Key is longer than 255 characters.",
                code=error_codes.IDEMPOTENCY_KEY_INVALID,
            )
        serializer = OrderCreateInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        order, created = order_place(
            user=request.user, data=serializer.to_checkout(), idempotency_key=key
        )
        payload = checkout_payload(
            order,
            request,
            created=created,
            payment_method_id=serializer.validated_data.get("stripe_payment_method", ""),
        )
        response = Response(payload, status=status.HTTP_201_CREATED if created else 200)
        response["Location"] = f"/v1/orders/{order.pk}"
        if not created:
            response["Idempotent-Replayed"] = "true"
        return response


def preview_data(result) -> dict:
    available = {line.barrel.id: max(line.barrel.available, 0) for line in result.lines}
    options = [vars(o) for o in result.shipping_options]
    return OrderPreviewOutput(
        {
            "currency": result.currency,
            "lines": [
                {
                    "barrel_id": line.barrel.id,
                    "sku": line.barrel.sku,
                    "name": line.barrel.name,
                    "quantity": line.quantity,
                    "unit_price": line.unit_price,
                    "line_total": line.line_total,
                    "tax_rate": result.tax.decision.rate,
                    "tax_amount": line.tax_amount,
                    "available": available[line.barrel.id],
                }
                for line in result.lines
            ],
            "shipping_options": options,
            "shipping": vars(result.shipping) if result.shipping is not None else None,
            "subtotal": result.subtotal,
            "shipping_amount": result.shipping_amount,
            "tax": {
                "regime": result.tax.decision.regime,
                "country": result.tax.decision.country,
                "rate": result.tax.decision.rate,
                "legal_text": result.tax.decision.legal_text,
                "amount": result.tax_amount,
                "breakdown": result.tax.breakdown(),
            },
            "tax_amount": result.tax_amount,
            "total": result.total,
            "payment_methods": result.payment_methods,
            "problems": result.problems,
            "can_place": not result.problems and result.shipping is not None,
            "live_rates": result.live_rates,
            "live_rates_detail": result.live_rates_detail,
        }
    ).data


class OrderPreviewView(CheckoutThrottleMixin, APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="orders_preview",
        request=OrderPreviewInput,
        responses=OrderPreviewOutput,
        tags=["orders"],
        summary="Compute an order (prices, shipping, VAT, availability) without placing it",
    )
    def post(self, request):
        serializer = OrderPreviewInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = checkout_preview(user=request.user, data=serializer.to_checkout())
        return Response(preview_data(result))


class OrderDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="orders_retrieve",
        responses=OrderDetailOutput,
        tags=["orders"],
        summary="One of my orders: lines, totals, VAT, timeline, payments, tracking",
    )
    def get(self, request, order_id):
        order = selectors.order_get(order_id=order_id, user=request.user)
        return Response(detail_data(order, request))


class OrderCancelView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="orders_cancel",
        request=OrderCancelInput,
        responses=OrderDetailOutput,
        tags=["orders"],
        summary="Cancel my order (pending, or paid and not shipped: refunded)",
    )
    def post(self, request, order_id):
        serializer = OrderCancelInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = selectors.order_get(order_id=order_id, user=request.user)
        order_cancel(
            order=order,
            actor=request.user,
            note=serializer.validated_data["reason"] or "Cancelled by the customer.",
        )
        return Response(detail_data(selectors.order_get(order_id=order.pk), request))


class OrderPaymentView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="orders_payments_create",
        request=OrderPaymentInput,
        responses={201: OrderPaymentInstructionsOutput},
        tags=["orders"],
        summary="Open (or reopen) the payment of my pending order, optionally another way",
        description="A provider that cannot be reached is a 502 problem with the code "
        "`payment_provider_unavailable`; the order stays pending and payable: retry, or send "
        "another `payment_method` (one of the checkout's `payment_methods`).",
    )
    def post(self, request, order_id):
        serializer = OrderPaymentInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = selectors.order_get(order_id=order_id, user=request.user)
        method = serializer.validated_data.get("payment_method")
        if method:
            order = order_payment_method_change(
                order=order, user=request.user, payment_method=method
            )
        payment, details = payment_start(
            order=order, payment_method_id=serializer.validated_data["stripe_payment_method"]
        )
        return Response(instructions_data(order, payment, details), status=201)


class OrderPayPalCaptureView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="orders_payments_paypal_capture",
        request=None,
        responses=OrderDetailOutput,
        tags=["orders"],
        summary="Capture my order's PayPal payment after I approved it at PayPal",
        description="Captures once, however often it is called (and whatever the "
        "CHECKOUT.ORDER.APPROVED webhook did meanwhile): the order is processing when the "
        "capture is COMPLETED, stays pending while PayPal reviews it (PENDING). 409 "
        "`paypal_order_not_approved` before the buyer approved; 502 "
        "`payment_provider_unavailable` when PayPal cannot be reached.",
    )
    def post(self, request, order_id):
        order = selectors.order_get(order_id=order_id, user=request.user)
        order_paypal_capture(order=order)
        return Response(detail_data(selectors.order_get(order_id=order.pk), request))

"""Thin HTTP layer: parse input, call a selector or service, serialise the result."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from quotes import selectors
from quotes.api.serializers import quotes as s
from quotes.models import QuoteStatus
from quotes.pdf import render_version_pdf
from quotes.services.acceptance import quote_accept
from quotes.services.actions import (
    quote_cancel,
    quote_decline,
    quote_message_add,
    quote_reject,
    quote_request_changes,
)
from quotes.services.requests import quote_request_create
from quotes.services.versions import quote_version_send
from vwb_site.api.pagination import PageNumberPagination, paginated_schema
from vwb_site.api.renderers import PDF_DOWNLOAD

TAGS = ["quotes"]


class _QuoteView(APIView):
    permission_classes = [IsAuthenticated]

    def detail_response(self, request, quote_id, *, code=status.HTTP_200_OK) -> Response:
        quote = selectors.quote_get(user=request.user, quote_id=quote_id)
        return Response(s.QuoteDetailOutput(quote, context={"request": request}).data, status=code)

    def quote_and_input(self, request, quote_id, input_class):
        """The caller's quote (404 when it is not theirs) and the validated request body."""
        quote = selectors.quote_get_for_user(user=request.user, quote_id=quote_id)
        data = input_class(data=request.data)
        data.is_valid(raise_exception=True)
        return quote, data.validated_data


class QuoteListCreateView(_QuoteView):
    throttle_scope = "quotes"

    def get_throttles(self):
        # The stricter "quotes" scope counts requests for quotes, not reading them.
        if self.request.method != "POST":
            return [t for t in super().get_throttles() if not isinstance(t, ScopedRateThrottle)]
        return super().get_throttles()

    @extend_schema(
        operation_id="quotes_list",
        tags=TAGS,
        summary="Quotes of the caller's company (staff: all quotes)",
        parameters=[OpenApiParameter("status", OpenApiTypes.STR, enum=QuoteStatus.values)],
        responses={200: paginated_schema(s.QuoteListOutput)},
    )
    def get(self, request):
        status_filter = request.query_params.get("status") or None
        if status_filter and status_filter not in QuoteStatus.values:
            raise ValidationError({"status": [f"Must be one of {', '.join(QuoteStatus.values)}."]})
        queryset = selectors.quote_list(user=request.user, status=status_filter)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        data = s.QuoteListOutput(page, many=True, context={"request": request}).data
        return paginator.get_paginated_response(data)

    @extend_schema(
        operation_id="quotes_create",
        tags=TAGS,
        summary="Request a quote (verified B2B companies only)",
        request=s.QuoteCreateInput,
        responses={201: s.QuoteDetailOutput},
    )
    def post(self, request):
        data = s.QuoteCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        quote = quote_request_create(
            user=request.user,
            items=[dict(i) for i in v["items"]],
            text=v["text"],
            destination_country=v["destination"]["country"],
            destination_postcode=v["destination"]["postcode"],
            desired_delivery_date=v["desired_delivery_date"],
            notes=v["notes"],
        )
        return self.detail_response(request, quote.pk, code=status.HTTP_201_CREATED)


class QuoteDetailView(_QuoteView):
    @extend_schema(
        operation_id="quotes_retrieve",
        tags=TAGS,
        summary="A quote with its versions, messages, history and allowed actions",
        responses={200: s.QuoteDetailOutput},
    )
    def get(self, request, quote_id):
        return self.detail_response(request, quote_id)


class QuoteMessageCreateView(_QuoteView):
    @extend_schema(
        operation_id="quotes_messages_create",
        tags=TAGS,
        summary="Add a message to the quote's thread",
        request=s.QuoteMessageInput,
        responses={201: s.QuoteDetailOutput},
    )
    def post(self, request, quote_id):
        quote, data = self.quote_and_input(request, quote_id, s.QuoteMessageInput)
        quote_message_add(quote=quote, author=request.user, body=data["body"])
        return self.detail_response(request, quote_id, code=status.HTTP_201_CREATED)


class QuoteRequestChangesView(_QuoteView):
    @extend_schema(
        operation_id="quotes_request_changes",
        tags=TAGS,
        summary="Buyer: ask for a different offer (approved -> pending)",
        request=s.QuoteRequestChangesInput,
        responses={200: s.QuoteDetailOutput},
    )
    def post(self, request, quote_id):
        quote, data = self.quote_and_input(request, quote_id, s.QuoteRequestChangesInput)
        quote_request_changes(quote=quote, user=request.user, message=data["message"])
        return self.detail_response(request, quote_id)


class QuoteDeclineView(_QuoteView):
    @extend_schema(
        operation_id="quotes_decline",
        tags=TAGS,
        summary="Buyer: decline the offer (approved -> rejected)",
        request=s.QuoteReasonInput,
        responses={200: s.QuoteDetailOutput},
    )
    def post(self, request, quote_id):
        quote, data = self.quote_and_input(request, quote_id, s.QuoteReasonInput)
        quote_decline(quote=quote, user=request.user, reason=data["reason"])
        return self.detail_response(request, quote_id)


class QuoteCancelView(_QuoteView):
    @extend_schema(
        operation_id="quotes_cancel",
        tags=TAGS,
        summary="Buyer: withdraw the request before an offer (pending -> cancelled)",
        request=s.QuoteReasonInput,
        responses={200: s.QuoteDetailOutput},
    )
    def post(self, request, quote_id):
        quote, data = self.quote_and_input(request, quote_id, s.QuoteReasonInput)
        quote_cancel(quote=quote, user=request.user, reason=data["reason"])
        return self.detail_response(request, quote_id)


class QuoteAcceptView(_QuoteView):
    @extend_schema(
        operation_id="quotes_accept",
        tags=TAGS,
        summary="Buyer: accept the offer; creates one order at the quoted prices",
        request=s.QuoteAcceptInput,
        responses={201: s.QuoteAcceptOutput},
    )
    def post(self, request, quote_id):
        quote, data = self.quote_and_input(request, quote_id, s.QuoteAcceptInput)
        order = quote_accept(
            quote=quote,
            user=request.user,
            shipping_address_id=data["shipping_address"],
            billing_address_id=data["billing_address"],
        )
        detail = selectors.quote_get(user=request.user, quote_id=quote_id)
        body = {
            "quote": detail,
            "order_id": order.pk,
            "order_number": order.number,
            "order_status": order.status,
            "total_amount": order.total_amount,
            "currency": order.currency,
            "payment_method": order.payment_method,
            "payment_reference": order.payment_reference,
        }
        return Response(
            s.QuoteAcceptOutput(body, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class QuoteVersionCreateView(_QuoteView):
    @extend_schema(
        operation_id="quotes_versions_create",
        tags=TAGS,
        summary="Staff: price the quote and send the offer (pending -> approved)",
        request=s.QuoteVersionCreateInput,
        responses={201: s.QuoteDetailOutput},
    )
    def post(self, request, quote_id):
        quote, v = self.quote_and_input(request, quote_id, s.QuoteVersionCreateInput)
        freight = v.get("freight") or {}
        quote_version_send(
            quote=quote,
            actor=request.user,
            lines=[dict(line) for line in v["lines"]],
            valid_until=v["valid_until"],
            payment_terms=v["payment_terms"],
            freight_method_code=freight.get("method_code", ""),
            freight_amount=freight.get("amount"),
            message=v["message"],
            holds_stock=v["holds_stock"],
        )
        return self.detail_response(request, quote_id, code=status.HTTP_201_CREATED)


class QuoteRejectView(_QuoteView):
    @extend_schema(
        operation_id="quotes_reject",
        tags=TAGS,
        summary="Staff: reject the request or withdraw the offer, with a reason",
        request=s.QuoteRejectInput,
        responses={200: s.QuoteDetailOutput},
    )
    def post(self, request, quote_id):
        quote, data = self.quote_and_input(request, quote_id, s.QuoteRejectInput)
        quote_reject(quote=quote, actor=request.user, reason=data["reason"])
        return self.detail_response(request, quote_id)


class QuoteVersionPdfView(_QuoteView):
    renderer_classes = PDF_DOWNLOAD

    @extend_schema(
        operation_id="quotes_versions_pdf",
        tags=TAGS,
        summary="The offer as a PDF",
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    def get(self, request, quote_id, number):
        version = selectors.quote_version_get(user=request.user, quote_id=quote_id, number=number)
        response = HttpResponse(render_version_pdf(version), content_type="application/pdf")
        filename = f"{version.quote.number}-v{version.number}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

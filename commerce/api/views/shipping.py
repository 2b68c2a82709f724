"""Shipping API: freight options for a basket and a destination, destination rules."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from commerce.api.serializers.shipping import (
    ShippingDestinationOutput,
    ShippingRatesInput,
    ShippingRatesOutput,
)
from commerce.shipping import selectors
from commerce.shipping.offers import shipping_rates
from commerce.shipping.postcodes import EXAMPLES, normalize_postcode
from commerce.shipping.services import RateLine, normalize_country, required_documents_for
from vwb_site.core.countries import COUNTRY_NAMES, is_eu

COUNTRY_CODES = sorted(COUNTRY_NAMES)

PROBLEM = OpenApiResponse(description="Problem details (application/problem+json).")


class ShippingRatesView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="shipping_rates",
        summary="Freight options for barrels to a destination: pallets and live parcel rates",
        description="Pallet options from our rate tables, and live parcel rates from the "
        "carrier APIs when the barrels fit one parcel (70 kg). `live_rates` says when the "
        "carrier API was down or slow: the pallet options are then listed alone, within 2 s.",
        request=ShippingRatesInput,
        responses={200: ShippingRatesOutput, 400: PROBLEM, 422: PROBLEM},
        tags=["shipping"],
    )
    def post(self, request):
        data = ShippingRatesInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        lines = [
            RateLine(barrel=line["barrel"], quantity=line["quantity"]) for line in values["lines"]
        ]
        currency = next((line.barrel.currency for line in lines), "EUR")
        answer = shipping_rates(
            lines=lines, country=values["country"], postcode=values["postcode"], currency=currency
        )
        country = normalize_country(values["country"])
        rule = selectors.country_rule_get(country=country)
        body = {
            "country": country,
            "postcode": normalize_postcode(values["postcode"]),
            "buyer_note": rule.buyer_note if rule else "",
            "options": answer.options,
            "live_rates": answer.live,
            "live_rates_detail": answer.live_detail,
        }
        return Response(ShippingRatesOutput(body).data)


class ShippingDestinationView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="shipping_destination_retrieve",
        summary="Whether we ship to a country, and what it requires",
        parameters=[
            OpenApiParameter(
                "country",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=COUNTRY_CODES,
                description="ISO 3166-1 alpha-2 code (case-insensitive).",
            )
        ],
        responses={200: ShippingDestinationOutput, 400: PROBLEM},
        tags=["shipping"],
    )
    def get(self, request, country: str):
        code = normalize_country(country)
        rule = selectors.country_rule_get(country=code)
        body = {
            "country": code,
            "name": COUNTRY_NAMES[code],
            "shipping_allowed": rule.shipping_allowed if rule else True,
            "eu": is_eu(code),
            "required_documents": required_documents_for(country=code, rule=rule),
            "buyer_note": rule.buyer_note if rule else "",
            "postcode_example": EXAMPLES.get(code, ""),
            "last_reviewed_at": rule.last_reviewed_at if rule else None,
        }
        return Response(ShippingDestinationOutput(body).data)

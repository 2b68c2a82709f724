"""Input and output serializers of the shipping API (names prefixed Shipping*)."""

from rest_framework import serializers

from catalog.models import Barrel, BarrelStatus
from commerce.models import DocumentKind, RequiredDocument, TrackingEventKind
from commerce.shipping.services import MAX_LINE_QUANTITY


class ShippingRateLineInput(serializers.Serializer):
    barrel = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Barrel.objects.filter(status=BarrelStatus.ACTIVE),
        help_text="The barrel's slug.",
    )
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_LINE_QUANTITY)


class ShippingRatesInput(serializers.Serializer):
    lines = ShippingRateLineInput(many=True, allow_empty=False, max_length=100)
    country = serializers.CharField(max_length=10, help_text="ISO 3166-1 alpha-2 code.")
    postcode = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")


class ShippingOptionOutput(serializers.Serializer):
    method_code = serializers.CharField()
    method_kind = serializers.CharField()
    name = serializers.CharField()
    zone = serializers.CharField()
    price = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="Excluding VAT.")
    currency = serializers.CharField()
    pallets = serializers.IntegerField()
    total_weight_kg = serializers.DecimalField(
        max_digits=10, decimal_places=2, help_text="Gross: barrels and pallet tare."
    )
    transit_days_min = serializers.IntegerField()
    transit_days_max = serializers.IntegerField()
    required_documents = serializers.ListField(
        child=serializers.ChoiceField(choices=RequiredDocument.choices)
    )
    note = serializers.CharField()
    freight = serializers.DecimalField(max_digits=12, decimal_places=2)
    fuel_surcharge = serializers.DecimalField(max_digits=12, decimal_places=2)
    shipment_fee = serializers.DecimalField(max_digits=12, decimal_places=2)
    pallet_prices = serializers.ListField(
        child=serializers.DecimalField(max_digits=12, decimal_places=2)
    )
    carrier = serializers.CharField(help_text="Parcel options: UPS, DHLExpress, FedEx, ...")
    service = serializers.CharField()
    quote_id = serializers.CharField(help_text="Parcel options: send it back at checkout.")
    quote_expires_at = serializers.DateTimeField(allow_null=True)
    original_price = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True, help_text="In the carrier's currency."
    )
    original_currency = serializers.CharField()
    fx_rate = serializers.DecimalField(
        max_digits=14, decimal_places=6, allow_null=True, help_text="original x fx_rate = price."
    )


class ShippingRatesOutput(serializers.Serializer):
    country = serializers.CharField()
    postcode = serializers.CharField(allow_blank=True)
    buyer_note = serializers.CharField(allow_blank=True)
    options = ShippingOptionOutput(many=True)
    live_rates = serializers.ChoiceField(
        choices=["ok", "unavailable", "off", "not_applicable"],
        help_text="Live parcel rates: unavailable = the carrier API is down or slow (the "
        "pallet options are listed alone); not_applicable = too heavy or large for a parcel.",
    )
    live_rates_detail = serializers.CharField(allow_blank=True)


class ShippingCarrierOutput(serializers.Serializer):
    code = serializers.CharField(help_text="The carrier_code to ship an order with.")
    name = serializers.CharField()
    adapter = serializers.CharField()
    adapter_label = serializers.CharField()
    active = serializers.BooleanField()
    configured = serializers.BooleanField(help_text="False: its API keys are not set.")
    live_rates = serializers.BooleanField()
    books_labels = serializers.BooleanField(
        help_text="True: shipping needs no tracking number, the carrier API books the label."
    )
    tracking_url_template = serializers.CharField(allow_blank=True)


class ShippingDestinationOutput(serializers.Serializer):
    country = serializers.CharField()
    name = serializers.CharField()
    shipping_allowed = serializers.BooleanField()
    eu = serializers.BooleanField()
    required_documents = serializers.ListField(
        child=serializers.ChoiceField(choices=RequiredDocument.choices)
    )
    buyer_note = serializers.CharField(allow_blank=True)
    postcode_example = serializers.CharField(allow_blank=True)
    last_reviewed_at = serializers.DateField(allow_null=True)


class ShippingTrackingWebhookInput(serializers.Serializer):
    tracking_number = serializers.CharField(max_length=64)
    kind = serializers.ChoiceField(choices=TrackingEventKind.choices)
    occurred_at = serializers.DateTimeField()
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    description = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    event_id = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text="The carrier's id of this event.",
    )


class ShippingTrackingEventOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    location = serializers.CharField()
    description = serializers.CharField()
    source = serializers.CharField()
    created = serializers.BooleanField(help_text="False when this event was already recorded.")


class ShippingOrderDocumentOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    number = serializers.CharField()
    issued_at = serializers.DateTimeField(source="created_at")
    generated_at = serializers.DateTimeField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, doc) -> str:
        return f"/v1/orders/{doc.order_id}/documents/{doc.kind}"


class ShippingWebhookReceiptOutput(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=["recorded", "duplicate", "ignored"],
        help_text="ignored: not a tracking update of ours (unknown tracking number, a status "
        "we do not track); logged.",
    )
    reason = serializers.CharField(allow_blank=True)
    event = ShippingTrackingEventOutput(allow_null=True)

"""Explicit input and output shapes of the quotes API (names are unique OpenAPI components)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.serializers.common import StrictInputSerializer
from commerce.models import PaymentTerms
from quotes.models import QuoteStatus

# ----------------------------------------------------------------------------- inputs


class QuoteRequestedItemInput(StrictInputSerializer):
    barrel = serializers.SlugField(max_length=120, help_text="The barrel's slug.")
    quantity = serializers.IntegerField(min_value=1, max_value=10000)


class QuoteDestinationInput(StrictInputSerializer):
    country = serializers.CharField(
        max_length=2, min_length=2, help_text="ISO 3166-1 alpha-2 code."
    )
    postcode = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")


class QuoteCreateInput(StrictInputSerializer):
    items = QuoteRequestedItemInput(many=True, required=False, default=list, max_length=100)
    text = serializers.CharField(
        max_length=4000,
        required=False,
        allow_blank=True,
        default="",
        help_text='A free-text request, e.g. "40 ex-bourbon barrels, 200 L, for March".',
    )
    destination = QuoteDestinationInput()
    desired_delivery_date = serializers.DateField(required=False, allow_null=True, default=None)
    notes = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class QuoteMessageInput(StrictInputSerializer):
    body = serializers.CharField(max_length=5000, allow_blank=True)


class QuoteRequestChangesInput(StrictInputSerializer):
    message = serializers.CharField(
        max_length=5000, allow_blank=True, help_text="What should change in the offer."
    )


class QuoteReasonInput(StrictInputSerializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class QuoteRejectInput(StrictInputSerializer):
    reason = serializers.CharField(
        max_length=2000, allow_blank=True, help_text="Shown to the buyer."
    )


class QuoteAcceptInput(StrictInputSerializer):
    shipping_address = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Id of one of the buyer's addresses in the quoted destination country "
        "(default: the default shipping address).",
    )
    billing_address = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Id of one of the buyer's addresses (default: the company's address).",
    )


class QuoteVersionLineInput(StrictInputSerializer):
    barrel = serializers.SlugField(max_length=120)
    quantity = serializers.IntegerField(min_value=1, max_value=10000)
    unit_price = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        default=None,
        help_text="Net unit price before the discount (default: the barrel's B2B price).",
    )
    discount_percent = serializers.DecimalField(
        max_digits=6, decimal_places=2, required=False, default=None, allow_null=True
    )


class QuoteFreightInput(StrictInputSerializer):
    method_code = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    amount = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        default=None,
        help_text="Overrides the shipping-rate service's price (EUR, excl. VAT).",
    )


class QuoteVersionCreateInput(StrictInputSerializer):
    lines = QuoteVersionLineInput(many=True, allow_empty=True, max_length=100)
    freight = QuoteFreightInput(required=False)
    valid_until = serializers.DateField()
    payment_terms = serializers.ChoiceField(choices=PaymentTerms.choices)
    message = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    holds_stock = serializers.BooleanField(required=False, default=False)


# ----------------------------------------------------------------------------- outputs


class QuoteRequestedLineOutput(serializers.Serializer):
    barrel = serializers.CharField()
    sku = serializers.CharField()
    name = serializers.CharField()
    quantity = serializers.IntegerField()


class QuoteRequestedItemsOutput(serializers.Serializer):
    lines = QuoteRequestedLineOutput(many=True)
    text = serializers.CharField()


class QuoteDestinationOutput(serializers.Serializer):
    country = serializers.CharField(source="destination_country")
    postcode = serializers.CharField(source="destination_postcode")


class QuoteVersionLineOutput(serializers.Serializer):
    position = serializers.IntegerField()
    barrel = serializers.CharField(source="barrel.slug")
    sku = serializers.CharField()
    description = serializers.CharField()
    quantity = serializers.IntegerField()
    list_unit_price = serializers.DecimalField(max_digits=12, decimal_places=2)
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2)
    discount_percent = serializers.DecimalField(max_digits=5, decimal_places=2)
    net_unit_price = serializers.DecimalField(max_digits=12, decimal_places=2)
    line_total = serializers.DecimalField(max_digits=12, decimal_places=2)


class QuoteFreightOutput(serializers.Serializer):
    method_code = serializers.CharField(source="freight_method_code")
    name = serializers.CharField(source="freight_name")
    rate_price = serializers.DecimalField(
        source="freight_rate_price", max_digits=12, decimal_places=2, allow_null=True
    )
    amount = serializers.DecimalField(source="freight_amount", max_digits=12, decimal_places=2)
    overridden = serializers.BooleanField(source="freight_overridden")


class QuoteVatOutput(serializers.Serializer):
    treatment = serializers.CharField(source="vat_treatment")
    rate = serializers.DecimalField(source="vat_rate", max_digits=5, decimal_places=2)
    amount = serializers.DecimalField(source="vat_amount", max_digits=12, decimal_places=2)
    wording = serializers.CharField(source="vat_wording")


class QuoteVersionOutput(serializers.Serializer):
    number = serializers.IntegerField()
    currency = serializers.CharField()
    lines = QuoteVersionLineOutput(many=True)
    lines_subtotal = serializers.DecimalField(max_digits=12, decimal_places=2)
    freight = QuoteFreightOutput(source="*")
    net_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    vat = QuoteVatOutput(source="*")
    total = serializers.DecimalField(max_digits=12, decimal_places=2)
    valid_until = serializers.DateField()
    payment_terms = serializers.ChoiceField(choices=PaymentTerms.choices)
    message = serializers.CharField()
    holds_stock = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    pdf_url = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField())
    def get_pdf_url(self, version) -> str:
        return f"/v1/quotes/{version.quote_id}/versions/{version.number}/pdf"


class QuoteMessageOutput(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.SerializerMethodField()
    from_staff = serializers.BooleanField()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()

    @extend_schema_field(serializers.CharField())
    def get_author(self, message) -> str:
        if message.author is None:
            return ""
        return message.author.get_full_name() or message.author.email


class QuoteHistoryOutput(serializers.Serializer):
    from_status = serializers.CharField()
    to_status = serializers.ChoiceField(choices=QuoteStatus.choices)
    actor = serializers.SerializerMethodField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor(self, entry) -> str | None:
        return entry.actor.email if entry.actor else None


class QuoteOrderRefOutput(serializers.Serializer):
    id = serializers.UUIDField(source="order_id")
    number = serializers.CharField(source="order_number")


class QuoteListOutput(serializers.Serializer):
    id = serializers.UUIDField()
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=QuoteStatus.choices)
    request_date = serializers.DateTimeField()
    company = serializers.CharField(source="company.legal_name")
    buyer = serializers.EmailField(source="user.email")
    quoted_price = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    currency = serializers.CharField()
    current_version = serializers.IntegerField(
        source="current_version.number", allow_null=True, default=None
    )
    valid_until = serializers.DateField(
        source="current_version.valid_until", allow_null=True, default=None
    )
    allowed_actions = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_actions(self, quote) -> list[str]:
        return quote.allowed_actions(self.context["request"].user)


class QuoteDetailOutput(QuoteListOutput):
    requested_items = QuoteRequestedItemsOutput()
    destination = QuoteDestinationOutput(source="*")
    desired_delivery_date = serializers.DateField(allow_null=True)
    notes = serializers.CharField()
    order = serializers.SerializerMethodField()
    allowed_transitions = serializers.ListField(child=serializers.CharField())
    versions = QuoteVersionOutput(many=True)
    messages = QuoteMessageOutput(many=True)
    history = QuoteHistoryOutput(many=True)

    @extend_schema_field(QuoteOrderRefOutput(allow_null=True))
    def get_order(self, quote):
        return QuoteOrderRefOutput(quote).data if quote.order_id else None


class QuoteAcceptOutput(serializers.Serializer):
    quote = QuoteDetailOutput()
    order_id = serializers.UUIDField()
    order_number = serializers.CharField()
    order_status = serializers.CharField()
    total_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    payment_method = serializers.CharField()
    payment_reference = serializers.CharField(allow_blank=True)

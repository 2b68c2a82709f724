"""Output serializers of the orders and payments API (the frontend contract)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from commerce.models import TRANSITIONS, OrderStatus, PaymentMethod
from commerce.shipping.selectors import shipments_of

__all__ = [
    "BankTransferRecordOutput",
    "OrderAddressOutput",
    "OrderCheckoutOutput",
    "OrderDetailOutput",
    "OrderListOutput",
    "OrderPaymentInstructionsOutput",
    "OrderPaymentOutput",
    "OrderPreviewOutput",
    "OrderRefundOutput",
    "RefundCreateOutput",
    "StripeWebhookOutput",
    "allowed_transitions_for",
]


def allowed_transitions_for(order, user) -> list[str]:
    """What this viewer may do next: administrators the whole map, buyers only cancel."""
    allowed = list(TRANSITIONS.get(order.status, ()))
    if user is not None and user.is_authenticated and user.is_admin:
        return allowed
    return [s for s in allowed if s == OrderStatus.CANCELLED]


class OrderAddressOutput(serializers.Serializer):
    recipient_name = serializers.CharField()
    company_name = serializers.CharField()
    street = serializers.CharField()
    city = serializers.CharField()
    zip_code = serializers.CharField()
    country = serializers.CharField()
    phone = serializers.CharField()


class OrderLineOutput(serializers.Serializer):
    barrel_id = serializers.IntegerField()
    sku = serializers.CharField()
    name = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_price = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="Price at purchase (net of VAT)."
    )
    line_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    tax_rate = serializers.DecimalField(max_digits=5, decimal_places=2)
    tax_amount = serializers.DecimalField(max_digits=12, decimal_places=2)


class OrderTaxLineOutput(serializers.Serializer):
    label = serializers.CharField()
    base = serializers.DecimalField(max_digits=12, decimal_places=2)
    rate = serializers.DecimalField(max_digits=5, decimal_places=2)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)


class OrderTaxOutput(serializers.Serializer):
    regime = serializers.CharField()
    country = serializers.CharField()
    rate = serializers.DecimalField(max_digits=5, decimal_places=2)
    legal_text = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    breakdown = OrderTaxLineOutput(many=True)


class OrderLiveRateOutput(serializers.Serializer):
    carrier = serializers.CharField()
    service = serializers.CharField()
    original_price = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="In the carrier's currency."
    )
    original_currency = serializers.CharField()
    fx_rate = serializers.DecimalField(
        max_digits=14, decimal_places=6, help_text="original_price x fx_rate = the price."
    )
    quoted_at = serializers.DateTimeField()


class OrderShippingOutput(serializers.Serializer):
    method_code = serializers.CharField()
    name = serializers.CharField()
    price = serializers.DecimalField(max_digits=12, decimal_places=2)
    pallets = serializers.IntegerField()
    total_weight_kg = serializers.DecimalField(max_digits=10, decimal_places=2)
    transit_days_min = serializers.IntegerField(allow_null=True)
    transit_days_max = serializers.IntegerField(allow_null=True)
    live_rate = OrderLiveRateOutput(
        allow_null=True, help_text="A live parcel rate chosen at checkout; null for pallets."
    )


class OrderTimelineOutput(serializers.Serializer):
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    at = serializers.DateTimeField(source="created_at")
    by = serializers.SerializerMethodField()
    note = serializers.CharField()

    def get_by(self, entry) -> str:
        if entry.actor_id is None:
            return "system"
        if entry.actor_id == entry.order.user_id:
            return "customer"
        return "staff"


class OrderPaymentOutput(serializers.Serializer):
    id = serializers.UUIDField()
    provider = serializers.CharField()
    status = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    amount_captured = serializers.DecimalField(max_digits=12, decimal_places=2)
    amount_refunded = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    reference = serializers.CharField(
        source="provider_reference",
        help_text="Stripe PaymentIntent id, PayPal order id, or the bank transfer reference.",
    )
    capture_id = serializers.CharField(
        source="capture_reference", help_text="PayPal capture id (empty until captured)."
    )
    provider_status = serializers.CharField(
        help_text="The provider's own status, as last read (PayPal: COMPLETED, PENDING...)."
    )
    failure_code = serializers.CharField()
    failure_message = serializers.CharField()
    failure_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    succeeded_at = serializers.DateTimeField(allow_null=True)


class OrderRefundOutput(serializers.Serializer):
    id = serializers.UUIDField()
    payment_id = serializers.UUIDField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    status = serializers.CharField()
    reference = serializers.CharField(source="provider_reference")
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class OrderTrackingEventOutput(serializers.Serializer):
    kind = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    location = serializers.CharField()
    description = serializers.CharField()


class OrderTrackingOutput(serializers.Serializer):
    carrier = serializers.CharField()
    carrier_code = serializers.CharField()
    tracking_number = serializers.CharField()
    tracking_url = serializers.CharField()
    shipped_at = serializers.DateTimeField()
    events = OrderTrackingEventOutput(many=True)


PAID_WITH = {"stripe": "card", "paypal": "PayPal", "bank_transfer": "bank transfer"}


class OrderListOutput(serializers.Serializer):
    id = serializers.UUIDField()
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=OrderStatus.choices)
    order_date = serializers.DateTimeField()
    currency = serializers.CharField()
    total_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices)
    line_count = serializers.IntegerField()
    customer_email = serializers.EmailField()


class OrderDetailOutput(serializers.Serializer):
    id = serializers.UUIDField()
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=OrderStatus.choices)
    allowed_transitions = serializers.SerializerMethodField()
    order_date = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(allow_null=True)
    customer_email = serializers.EmailField()
    customer_type = serializers.CharField()
    currency = serializers.CharField()
    subtotal = serializers.DecimalField(max_digits=12, decimal_places=2)
    shipping_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    tax_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    total_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    amount_paid = serializers.DecimalField(
        source="amount_captured", max_digits=12, decimal_places=2
    )
    amount_refunded = serializers.DecimalField(max_digits=12, decimal_places=2)
    amount_due = serializers.DecimalField(max_digits=12, decimal_places=2)
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices)
    payment_reference = serializers.CharField()
    paid_with = serializers.SerializerMethodField(
        help_text='How the order was paid, for people ("Paid with PayPal"); null until paid.'
    )
    tax = serializers.SerializerMethodField()
    shipping = serializers.SerializerMethodField()
    shipping_address = OrderAddressOutput()
    billing_address = OrderAddressOutput()
    lines = OrderLineOutput(many=True)
    timeline = OrderTimelineOutput(many=True, source="history.all")
    payments = OrderPaymentOutput(many=True, source="payments.all")
    refunds = OrderRefundOutput(many=True, source="refunds.all")
    tracking = serializers.SerializerMethodField()

    def get_paid_with(self, order) -> str | None:
        providers = [p for p in order.payments.all() if p.status == "succeeded"]
        if not providers:
            return None
        return f"Paid with {PAID_WITH.get(providers[0].provider, providers[0].provider)}"

    def get_allowed_transitions(self, order) -> list[str]:
        request = self.context.get("request")
        return allowed_transitions_for(order, getattr(request, "user", None))

    @extend_schema_field(OrderTaxOutput)
    def get_tax(self, order) -> dict:
        return OrderTaxOutput(
            {
                "regime": order.tax_regime,
                "country": order.tax_country,
                "rate": order.tax_rate,
                "legal_text": order.tax_legal_text,
                "amount": order.tax_amount,
                "breakdown": order.tax_breakdown,
            }
        ).data

    @extend_schema_field(OrderShippingOutput)
    def get_shipping(self, order) -> dict:
        return OrderShippingOutput(
            {
                "method_code": order.shipping_method_code,
                "name": order.shipping_method_name,
                "price": order.shipping_amount,
                "pallets": order.shipping_pallets,
                "total_weight_kg": order.shipping_weight_kg,
                "transit_days_min": order.shipping_transit_days_min,
                "transit_days_max": order.shipping_transit_days_max,
                "live_rate": order.shipping_quote or None,
            }
        ).data

    @extend_schema_field(OrderTrackingOutput(allow_null=True))
    def get_tracking(self, order) -> dict | None:
        """The latest shipment (carrier, tracking number and link, events), or null."""
        shipments = shipments_of(order)
        return OrderTrackingOutput(shipments[-1]).data if shipments else None


class OrderPaymentInstructionsOutput(serializers.Serializer):
    provider = serializers.CharField()
    payment_id = serializers.UUIDField(allow_null=True)
    client_secret = serializers.CharField(
        required=False, help_text="Stripe: confirm it with Stripe.js."
    )
    payment_intent_id = serializers.CharField(required=False)
    paypal_order_id = serializers.CharField(
        required=False, help_text="PayPal: the order id for the PayPal JS buttons."
    )
    approve_url = serializers.CharField(
        required=False, help_text="PayPal: where to send the buyer to approve (redirect flow)."
    )
    account_holder = serializers.CharField(required=False)
    iban = serializers.CharField(required=False)
    bic = serializers.CharField(required=False)
    bank_name = serializers.CharField(required=False)
    reference = serializers.CharField(required=False)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    currency = serializers.CharField(required=False)


class OrderCheckoutOutput(serializers.Serializer):
    order = OrderDetailOutput()
    payment = OrderPaymentInstructionsOutput(allow_null=True)
    payment_error = serializers.CharField(
        allow_null=True,
        help_text="Set when the payment could not be opened; retry POST /orders/{id}/payments.",
    )
    payment_error_code = serializers.CharField(
        allow_null=True,
        help_text="The error's stable code (payment_provider_unavailable: the provider cannot "
        "be reached; retry, or POST /orders/{id}/payments with another payment_method).",
    )


class OrderPreviewLineOutput(OrderLineOutput):
    available = serializers.IntegerField()


class OrderPreviewShippingOptionOutput(serializers.Serializer):
    method_code = serializers.CharField()
    name = serializers.CharField()
    price = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    pallets = serializers.IntegerField()
    total_weight_kg = serializers.DecimalField(max_digits=10, decimal_places=2)
    transit_days_min = serializers.IntegerField()
    transit_days_max = serializers.IntegerField()
    required_documents = serializers.ListField(child=serializers.CharField())
    note = serializers.CharField()
    method_kind = serializers.CharField(help_text="road, sea, ... for pallets; parcel: live rate.")
    carrier = serializers.CharField(help_text="Parcel options: UPS, DHLExpress, FedEx, ...")
    service = serializers.CharField()
    quote_id = serializers.CharField(help_text="Parcel options: send it back at checkout.")
    quote_expires_at = serializers.DateTimeField(allow_null=True)
    original_price = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True, help_text="In the carrier's currency."
    )
    original_currency = serializers.CharField()
    fx_rate = serializers.DecimalField(max_digits=14, decimal_places=6, allow_null=True)


class OrderPreviewProblemOutput(serializers.Serializer):
    barrel_id = serializers.IntegerField(allow_null=True)
    code = serializers.CharField()
    message = serializers.CharField()
    available = serializers.IntegerField(allow_null=True)


class OrderPreviewOutput(serializers.Serializer):
    currency = serializers.CharField()
    lines = OrderPreviewLineOutput(many=True)
    shipping_options = OrderPreviewShippingOptionOutput(many=True)
    shipping = OrderPreviewShippingOptionOutput(allow_null=True)
    subtotal = serializers.DecimalField(max_digits=12, decimal_places=2)
    shipping_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    tax = OrderTaxOutput()
    tax_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    total = serializers.DecimalField(max_digits=12, decimal_places=2)
    payment_methods = serializers.ListField(child=serializers.CharField())
    problems = OrderPreviewProblemOutput(many=True)
    can_place = serializers.BooleanField()
    live_rates = serializers.ChoiceField(
        choices=["ok", "unavailable", "off", "not_applicable"],
        help_text="Live parcel rates: unavailable = the carrier API is down or slow, the "
        "pallet options are listed alone.",
    )
    live_rates_detail = serializers.CharField(allow_blank=True)


class RefundCreateOutput(serializers.Serializer):
    refunds = OrderRefundOutput(many=True)
    order = OrderDetailOutput()


class BankTransferRecordOutput(serializers.Serializer):
    payment = OrderPaymentOutput()
    order = OrderDetailOutput()


class StripeWebhookOutput(serializers.Serializer):
    received = serializers.BooleanField()
    outcome = serializers.CharField()


class PayPalWebhookOutput(serializers.Serializer):
    received = serializers.BooleanField()
    outcome = serializers.CharField()

"""Input serializers of the orders and payments API (shape checks only; rules live in
services)."""

from rest_framework import serializers

from accounts.api.serializers.common import StrictInputSerializer
from commerce.models import OrderStatus, PaymentMethod
from commerce.orders.services import CheckoutInput, CheckoutLine
from commerce.shipping.services import MAX_LINE_QUANTITY
from vwb_site.api.fields import QuantityField, country_field

__all__ = [
    "AddressInput",
    "BankTransferRecordInput",
    "OrderCancelInput",
    "OrderCreateInput",
    "OrderLineInput",
    "OrderListFilterInput",
    "OrderPaymentInput",
    "OrderPreviewInput",
    "OrderShipInput",
    "OrderTransitionNoteInput",
    "RefundCreateInput",
]


class AddressInput(StrictInputSerializer):
    recipient_name = serializers.CharField(max_length=200)
    company_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    street = serializers.CharField(max_length=200)
    city = serializers.CharField(max_length=100)
    zip_code = serializers.CharField(max_length=20)
    country = country_field()
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)


class OrderLineInput(StrictInputSerializer):
    barrel = serializers.IntegerField(
        help_text="The barrel's `id`, as the catalog API (`/v1/barrels`) gives it."
    )
    quantity = QuantityField(
        max_value=MAX_LINE_QUANTITY, help_text=f"Whole number, 1 to {MAX_LINE_QUANTITY}."
    )


class OrderPreviewInput(StrictInputSerializer):
    lines = OrderLineInput(many=True, allow_empty=True)
    shipping_address_id = serializers.IntegerField(required=False, allow_null=True)
    shipping_address = AddressInput(required=False, allow_null=True)
    billing_address_id = serializers.IntegerField(required=False, allow_null=True)
    billing_address = AddressInput(required=False, allow_null=True)
    shipping_method_code = serializers.CharField(
        max_length=40, required=False, allow_blank=True, default=""
    )
    shipping_quote_id = serializers.RegexField(
        r"^q_[a-f0-9]{24}$",
        required=False,
        allow_blank=True,
        default="",
        help_text="For a live parcel option: the quote_id shown with it. Honoured while valid; "
        "after that a changed price answers 409 shipping_price_changed with the new quote_id.",
    )
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices)
    stripe_payment_method = serializers.RegexField(
        r"^pm_[A-Za-z0-9_]+$",
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text="Optional Stripe PaymentMethod id created by Stripe.js (never card data).",
    )

    def validate(self, attrs):
        errors = {}
        for kind in ("shipping", "billing"):
            has_id = attrs.get(f"{kind}_address_id") is not None
            has_inline = attrs.get(f"{kind}_address") is not None
            if has_id and has_inline:
                errors[f"{kind}_address"] = f"Give either {kind}_address_id or {kind}_address."
            if kind == "shipping" and not has_id and not has_inline:
                errors["shipping_address"] = "A shipping address (id or inline) is required."
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def to_checkout(self) -> CheckoutInput:
        data = self.validated_data
        return CheckoutInput(
            lines=[
                CheckoutLine(barrel_id=line["barrel"], quantity=line["quantity"])
                for line in data["lines"]
            ],
            payment_method=data["payment_method"],
            shipping_method_code=data.get("shipping_method_code") or "",
            shipping_address_id=data.get("shipping_address_id"),
            shipping_address=dict(data["shipping_address"])
            if data.get("shipping_address")
            else None,
            billing_address_id=data.get("billing_address_id"),
            billing_address=dict(data["billing_address"]) if data.get("billing_address") else None,
            shipping_quote_id=data.get("shipping_quote_id") or "",
        )


class OrderCreateInput(OrderPreviewInput):
    shipping_method_code = serializers.CharField(max_length=40)


class OrderListFilterInput(serializers.Serializer):  # query parameters (page too)
    status = serializers.ChoiceField(choices=OrderStatus.choices, required=False)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)


class OrderCancelInput(StrictInputSerializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class OrderPaymentInput(StrictInputSerializer):
    stripe_payment_method = serializers.RegexField(
        r"^pm_[A-Za-z0-9_]+$",
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
    )
    payment_method = serializers.ChoiceField(
        choices=PaymentMethod.choices,
        required=False,
        help_text="Pay this pending order another way (its open payments are stopped).",
    )


class OrderShipInput(StrictInputSerializer):
    carrier_code = serializers.CharField(
        max_length=40, help_text="One of the codes GET /v1/admin/carriers lists."
    )
    tracking_number = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required for a manual carrier; a carrier API (books_labels) books the "
        "shipment and returns its own.",
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class OrderTransitionNoteInput(StrictInputSerializer):
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class RefundCreateInput(StrictInputSerializer):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class BankTransferRecordInput(StrictInputSerializer):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    reference = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

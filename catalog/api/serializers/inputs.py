"""Input serializers of the administrator write endpoints: explicit bounds on every number."""

from django.utils import timezone
from rest_framework import serializers

from catalog.models import BarrelStatus, Condition, PreviousContent, ToastLevel, WoodType
from vwb_site.api.fields import country_field


class BarrelTierPriceInput(serializers.Serializer):
    min_quantity = serializers.IntegerField(min_value=2, max_value=10_000)
    unit_price = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, max_value=1_000_000
    )


def _max_year() -> int:
    return timezone.now().year


class BarrelCreateInput(serializers.Serializer):
    sku = serializers.RegexField(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$", max_length=32)
    slug = serializers.SlugField(max_length=120, required=False)
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    status = serializers.ChoiceField(
        choices=BarrelStatus.choices,
        required=False,
        help_text="draft (default) or active; archive with POST /v1/barrels/{slug}/archive.",
    )
    origin_country = country_field()
    previous_content = serializers.ChoiceField(choices=PreviousContent.choices)
    wood_type = serializers.ChoiceField(choices=WoodType.choices)
    condition = serializers.ChoiceField(choices=Condition.choices)
    volume_liters = serializers.IntegerField(min_value=1, max_value=5000)
    cooperage = serializers.CharField(required=False, allow_blank=True, max_length=120)
    toast_level = serializers.ChoiceField(choices=ToastLevel.choices, required=False)
    previous_fills = serializers.IntegerField(required=False, min_value=0, max_value=50)
    last_fill_year = serializers.IntegerField(
        required=False, allow_null=True, min_value=1900, max_value=2100
    )
    height_cm = serializers.DecimalField(
        max_digits=6, decimal_places=1, min_value=10, max_value=500
    )
    diameter_cm = serializers.DecimalField(
        max_digits=6, decimal_places=1, min_value=10, max_value=400
    )
    empty_weight_kg = serializers.DecimalField(
        max_digits=7, decimal_places=2, min_value=1, max_value=2000
    )
    hs_code = serializers.RegexField(r"^\d{4,10}$", required=False, max_length=10)
    price = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, max_value=1_000_000
    )
    cost_price = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        max_value=1_000_000,
        required=False,
        allow_null=True,
    )
    tier_prices = BarrelTierPriceInput(many=True, required=False, max_length=20)
    image_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        max_length=30,
        help_text="Wagtail image ids, in display order.",
    )
    initial_stock = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=100_000,
        help_text="Units received; written to the stock ledger as a receipt.",
    )

    def validate_status(self, value):
        if value == BarrelStatus.ARCHIVED:
            raise serializers.ValidationError(
                "Archive a barrel with POST /v1/barrels/{slug}/archive.", code="use_archive"
            )
        return value

    def validate_last_fill_year(self, value):
        if value is not None and value > _max_year():
            raise serializers.ValidationError("The last fill cannot be in the future.")
        return value

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                hint = {
                    "stock_quantity": "Change stock with POST .../stock-adjustments.",
                    "reserved_quantity": "Reservations belong to orders and quotes.",
                }
                raise serializers.ValidationError(
                    {name: [hint.get(name, "Unknown field.")] for name in unknown}
                )
            if isinstance(data.get("origin_country"), str):
                data = {**data, "origin_country": data["origin_country"].upper()}
        return super().to_internal_value(data)


class BarrelUpdateInput(BarrelCreateInput):
    """Every field optional (PATCH); stock changes go through stock-adjustments."""

    def __init__(self, *args, **kwargs):
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)
        self.fields.pop("initial_stock")


class StockAdjustmentInput(serializers.Serializer):
    delta = serializers.IntegerField(
        min_value=-100_000, max_value=100_000, help_text="Units added (+) or removed (-)."
    )
    reason = serializers.CharField(max_length=500, help_text="Why the stock changes.")
    kind = serializers.ChoiceField(
        choices=["adjustment", "receipt", "return"],
        required=False,
        default="adjustment",
        help_text="Ledger reason: adjustment (count correction), receipt or return.",
    )

    def validate_delta(self, value):
        if value == 0:
            raise serializers.ValidationError("The adjustment must not be zero.")
        return value

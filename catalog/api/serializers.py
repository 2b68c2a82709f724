"""Output serializers of the barrel API (public list and detail, administrator views)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalog.models import Availability, Barrel, StockMovement
from catalog.selectors import LARGE_SPEC, THUMBNAIL_SPEC


class BarrelRenditionOutput(serializers.Serializer):
    url = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class BarrelImageOutput(serializers.Serializer):
    alt = serializers.CharField()
    thumbnail = BarrelRenditionOutput()
    large = BarrelRenditionOutput()


class BarrelTierPriceOutput(serializers.Serializer):
    min_quantity = serializers.IntegerField()
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2)


def rendition(image, spec: str) -> dict:
    r = image.get_rendition(spec)
    return {"url": r.url, "width": r.width, "height": r.height}


def image_urls(barrel: Barrel) -> list[dict]:
    return [
        {"alt": bi.caption or bi.image.title,
         "thumbnail": rendition(bi.image, THUMBNAIL_SPEC),
         "large": rendition(bi.image, LARGE_SPEC)}
        for bi in barrel.images.all()
    ]


class _TiersMixin:
    @extend_schema_field(BarrelTierPriceOutput(many=True, allow_null=True))
    def get_tier_prices(self, barrel):
        if not self.context.get("show_tiers"):
            return None
        return [{"min_quantity": t.min_quantity, "unit_price": f"{t.unit_price:.2f}"}
                for t in barrel.tier_prices.all()]


class BarrelListItemOutput(_TiersMixin, serializers.ModelSerializer):
    availability = serializers.ChoiceField(choices=Availability.choices)
    available = serializers.IntegerField()
    thumbnail = serializers.SerializerMethodField()
    tier_prices = serializers.SerializerMethodField(
        help_text="B2B unit prices from a minimum quantity; null unless the viewer is a "
        "verified B2B buyer."
    )

    class Meta:
        model = Barrel
        fields = [
            "slug", "sku", "name", "price", "currency", "volume_liters", "wood_type",
            "previous_content", "condition", "origin_country", "cooperage", "availability",
            "available", "thumbnail", "tier_prices",
        ]

    @extend_schema_field(BarrelRenditionOutput(allow_null=True))
    def get_thumbnail(self, barrel):
        images = barrel.images.all()
        return rendition(images[0].image, THUMBNAIL_SPEC) if images else None


class BarrelDetailOutput(_TiersMixin, serializers.ModelSerializer):
    availability = serializers.ChoiceField(choices=Availability.choices)
    available = serializers.IntegerField()
    wood_type_label = serializers.CharField(source="get_wood_type_display")
    previous_content_label = serializers.CharField(source="get_previous_content_display")
    condition_label = serializers.CharField(source="get_condition_display")
    toast_level_label = serializers.CharField(source="get_toast_level_display")
    image_urls = serializers.SerializerMethodField()
    tier_prices = serializers.SerializerMethodField(
        help_text="B2B unit prices from a minimum quantity; null unless the viewer is a "
        "verified B2B buyer."
    )

    class Meta:
        model = Barrel
        fields = [
            "slug", "sku", "name", "description", "status", "price", "currency",
            "origin_country", "previous_content", "previous_content_label", "wood_type",
            "wood_type_label", "condition", "condition_label", "volume_liters", "cooperage",
            "toast_level", "toast_level_label", "previous_fills", "last_fill_year", "height_cm",
            "diameter_cm", "empty_weight_kg", "hs_code", "availability", "available",
            "image_urls", "tier_prices", "listed_at",
        ]

    @extend_schema_field(BarrelImageOutput(many=True))
    def get_image_urls(self, barrel):
        return image_urls(barrel)


class BarrelAdminOutput(BarrelDetailOutput):
    class Meta(BarrelDetailOutput.Meta):
        fields = [*BarrelDetailOutput.Meta.fields, "stock_quantity", "reserved_quantity",
                  "cost_price", "created_at", "updated_at"]


class BarrelFacetValueOutput(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class BarrelFacetsOutput(serializers.Serializer):
    wood_type = BarrelFacetValueOutput(many=True)
    previous_content = BarrelFacetValueOutput(many=True)
    condition = BarrelFacetValueOutput(many=True)
    origin_country = BarrelFacetValueOutput(many=True)


class BarrelListOutput(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = BarrelListItemOutput(many=True)
    facets = BarrelFacetsOutput()
    search_corrected_to = serializers.CharField(
        allow_null=True,
        help_text="When the search text matched nothing and was corrected for typos, the "
        "corrected text the results are for (\"burbon\" -> \"bourbon\"); else null.",
    )


class StockMovementOutput(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()

    class Meta:
        model = StockMovement
        fields = [
            "id", "reason", "stock_delta", "reserved_delta", "stock_after", "reserved_after",
            "reference_kind", "reference_id", "note", "actor", "created_at",
        ]

    @extend_schema_field(OpenApiTypes.EMAIL)
    def get_actor(self, movement):
        return movement.actor.email if movement.actor_id else None


class StockAdjustmentOutput(serializers.Serializer):
    movement = StockMovementOutput()
    stock_quantity = serializers.IntegerField()
    reserved_quantity = serializers.IntegerField()
    available = serializers.IntegerField()
    availability = serializers.ChoiceField(choices=Availability.choices)

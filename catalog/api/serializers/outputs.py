"""Output of the barrel API (public list and detail, administrator views).

The public list items and details are built by plain functions (`barrel_list_item_data`,
`barrel_detail_data`): they run on every uncached catalog request, and a DRF serializer costs
far more than the dictionary it returns (a ModelSerializer builds its fields, a deep copy of
each, on every instantiation). The serializer classes below stay the declaration of the same
shapes: the OpenAPI document is generated from them, administrators' responses use them, and
the tests hold the functions to exactly the serializers' output.
"""

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


def _rendition_data(r) -> dict:
    return {"url": r.url, "width": r.width, "height": r.height}


def rendition(image, spec: str) -> dict:
    # get_renditions (plural), not get_rendition: the latter writes every rendition back to the
    # cache, one cache SET per image and size per request, even when it was prefetched.
    return _rendition_data(image.get_renditions(spec)[spec])


def image_urls(barrel: Barrel) -> list[dict]:
    urls = []
    for bi in barrel.images.all():
        found = bi.image.get_renditions(THUMBNAIL_SPEC, LARGE_SPEC)
        urls.append(
            {
                "alt": bi.caption or bi.image.title,
                "thumbnail": _rendition_data(found[THUMBNAIL_SPEC]),
                "large": _rendition_data(found[LARGE_SPEC]),
            }
        )
    return urls


def tier_prices_data(barrel: Barrel, *, show_tiers: bool) -> list[dict] | None:
    if not show_tiers:
        return None
    return [
        {"min_quantity": t.min_quantity, "unit_price": f"{t.unit_price:.2f}"}
        for t in barrel.tier_prices.all()
    ]


class _TiersMixin:
    @extend_schema_field(BarrelTierPriceOutput(many=True, allow_null=True))
    def get_tier_prices(self, barrel):
        return tier_prices_data(barrel, show_tiers=bool(self.context.get("show_tiers")))


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
            "id",
            "slug",
            "sku",
            "name",
            "price",
            "currency",
            "volume_liters",
            "wood_type",
            "previous_content",
            "condition",
            "origin_country",
            "cooperage",
            "availability",
            "available",
            "thumbnail",
            "tier_prices",
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
            "id",
            "slug",
            "sku",
            "name",
            "description",
            "status",
            "price",
            "currency",
            "origin_country",
            "previous_content",
            "previous_content_label",
            "wood_type",
            "wood_type_label",
            "condition",
            "condition_label",
            "volume_liters",
            "cooperage",
            "toast_level",
            "toast_level_label",
            "previous_fills",
            "last_fill_year",
            "height_cm",
            "diameter_cm",
            "empty_weight_kg",
            "hs_code",
            "availability",
            "available",
            "image_urls",
            "tier_prices",
            "listed_at",
        ]

    @extend_schema_field(BarrelImageOutput(many=True))
    def get_image_urls(self, barrel):
        return image_urls(barrel)


# Formatting exactly as the serializers' model fields do (quantized decimals as strings, ISO 8601
# times with "Z"): DRF's own field instances, which hold no state between calls.
_PRICE = serializers.DecimalField(max_digits=12, decimal_places=2)
_CM = serializers.DecimalField(max_digits=6, decimal_places=1)
_KG = serializers.DecimalField(max_digits=7, decimal_places=2)
_DATETIME = serializers.DateTimeField()


def barrel_list_item_data(barrel: Barrel, *, show_tiers: bool) -> dict:
    """What BarrelListItemOutput(barrel, context={"show_tiers": ...}).data holds."""
    images = barrel.images.all()
    return {
        "id": barrel.id,
        "slug": barrel.slug,
        "sku": barrel.sku,
        "name": barrel.name,
        "price": _PRICE.to_representation(barrel.price),
        "currency": barrel.currency,
        "volume_liters": barrel.volume_liters,
        "wood_type": barrel.wood_type,
        "previous_content": barrel.previous_content,
        "condition": barrel.condition,
        "origin_country": barrel.origin_country,
        "cooperage": barrel.cooperage,
        "availability": str(barrel.availability),
        "available": barrel.available,
        "thumbnail": rendition(images[0].image, THUMBNAIL_SPEC) if images else None,
        "tier_prices": tier_prices_data(barrel, show_tiers=show_tiers),
    }


def barrel_detail_data(barrel: Barrel, *, show_tiers: bool) -> dict:
    """What BarrelDetailOutput(barrel, context={"show_tiers": ...}).data holds."""
    return {
        "id": barrel.id,
        "slug": barrel.slug,
        "sku": barrel.sku,
        "name": barrel.name,
        "description": barrel.description,
        "status": barrel.status,
        "price": _PRICE.to_representation(barrel.price),
        "currency": barrel.currency,
        "origin_country": barrel.origin_country,
        "previous_content": barrel.previous_content,
        "previous_content_label": barrel.get_previous_content_display(),
        "wood_type": barrel.wood_type,
        "wood_type_label": barrel.get_wood_type_display(),
        "condition": barrel.condition,
        "condition_label": barrel.get_condition_display(),
        "volume_liters": barrel.volume_liters,
        "cooperage": barrel.cooperage,
        "toast_level": barrel.toast_level,
        "toast_level_label": barrel.get_toast_level_display(),
        "previous_fills": barrel.previous_fills,
        "last_fill_year": barrel.last_fill_year,
        "height_cm": _CM.to_representation(barrel.height_cm),
        "diameter_cm": _CM.to_representation(barrel.diameter_cm),
        "empty_weight_kg": _KG.to_representation(barrel.empty_weight_kg),
        "hs_code": barrel.hs_code,
        "availability": str(barrel.availability),
        "available": barrel.available,
        "image_urls": image_urls(barrel),
        "tier_prices": tier_prices_data(barrel, show_tiers=show_tiers),
        "listed_at": _DATETIME.to_representation(barrel.listed_at),
    }


class BarrelAdminOutput(BarrelDetailOutput):
    class Meta(BarrelDetailOutput.Meta):
        fields = [
            *BarrelDetailOutput.Meta.fields,
            "stock_quantity",
            "reserved_quantity",
            "cost_price",
            "created_at",
            "updated_at",
        ]


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
        'corrected text the results are for ("burbon" -> "bourbon"); else null.',
    )


class StockMovementOutput(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()

    class Meta:
        model = StockMovement
        fields = [
            "id",
            "reason",
            "stock_delta",
            "reserved_delta",
            "stock_after",
            "reserved_after",
            "reference_kind",
            "reference_id",
            "note",
            "actor",
            "created_at",
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

"""Strict parsing of the barrel list's query string: every bad value is a 400, none ignored.

Multi-value filters accept repeated parameters or comma-separated values
(`wood_type=french_oak&wood_type=american_oak` or `wood_type=french_oak,american_oak`).
Unknown parameters are refused too, so a misspelt filter never silently returns everything.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from rest_framework import serializers

from catalog.models import BarrelStatus, Condition, PreviousContent, WoodType
from catalog.selectors import ORDERING_CHOICES, BarrelFilters
from vwb_site.api.fields import SharedChoiceField
from vwb_site.core.countries import COUNTRY_CHOICES

LIST_PARAMS = ("wood_type", "previous_content", "condition", "origin_country", "status")
MAX_VOLUME = 100_000
MAX_PRICE = 10_000_000


def _choices(choices, name):
    return serializers.ListField(
        child=SharedChoiceField(choices=choices),
        required=False,
        max_length=30,
        help_text=f"One or more {name} codes (repeat the parameter or separate with commas).",
    )


class BarrelListQueryInput(serializers.Serializer):
    search = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Full-text search over name, description, previous content and cooperage; "
        "tolerates small typos.",
    )
    wood_type = _choices(WoodType.choices, "wood type")
    previous_content = _choices(PreviousContent.choices, "previous content")
    condition = _choices(Condition.choices, "condition")
    origin_country = _choices(COUNTRY_CHOICES, "ISO 3166-1 alpha-2 country")
    volume_min = serializers.IntegerField(required=False, min_value=0, max_value=MAX_VOLUME)
    volume_max = serializers.IntegerField(required=False, min_value=0, max_value=MAX_VOLUME)
    price_min = serializers.DecimalField(
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=0,
        max_value=MAX_PRICE,
        coerce_to_string=False,  # a number in the schema, with its bounds (no negative pattern)
    )
    price_max = serializers.DecimalField(
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=0,
        max_value=MAX_PRICE,
        coerce_to_string=False,  # a number in the schema, with its bounds (no negative pattern)
    )
    in_stock = serializers.BooleanField(
        required=False, default=False, help_text="Only barrels with at least one available."
    )
    ordering = serializers.ChoiceField(
        choices=ORDERING_CHOICES,
        required=False,
        help_text="price, -price, volume, -volume, newest, relevance (default: relevance with "
        "a search term, newest otherwise).",
    )
    status = _choices(BarrelStatus.choices, "status (administrators only)")
    page = serializers.IntegerField(required=False, min_value=1, max_value=1_000_000)
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=settings.PAGE_SIZE_MAX
    )

    def validate_page_size(self, value):
        if value > settings.PAGE_SIZE_MAX:
            raise serializers.ValidationError(
                f"Must be a whole number from 1 to {settings.PAGE_SIZE_MAX}."
            )
        return value

    def validate_status(self, value):
        if value and not self.context.get("is_admin"):
            raise serializers.ValidationError(
                "Only administrators can filter by status.", code="forbidden_filter"
            )
        return value

    def validate(self, attrs):
        errors = {}
        for low, high in (("volume_min", "volume_max"), ("price_min", "price_max")):
            if (
                attrs.get(low) is not None
                and attrs.get(high) is not None
                and attrs[low] > attrs[high]
            ):
                errors[low] = [f"{low} must not be above {high}."]
        if errors:
            raise serializers.ValidationError(errors, code="invalid_range")
        return attrs


KNOWN_PARAMS = frozenset(BarrelListQueryInput._declared_fields)


def _flat(errors: dict, data: dict) -> dict:
    """Report a bad item of a multi-value filter under the filter's own name, with the value."""
    flat = {}
    for name, detail in errors.items():
        if isinstance(detail, dict):  # {index: [errors]} from a ListField
            flat[name] = [
                f"{data[name][int(i)]!r}: {msg}" for i, msgs in detail.items() for msg in msgs
            ]
        else:
            flat[name] = detail
    return flat


@dataclass(frozen=True)
class ListQuery:
    filters: BarrelFilters
    page: int
    page_size: int | None


def parse_list_query(query_params, *, is_admin: bool) -> ListQuery:
    """Validate the query string into BarrelFilters (raises DRF ValidationError -> 400).

    Parsing is pure, so results (and refusals) are memoised per process: a storefront sends the
    same few hundred queries over and over, and DRF field validation costs about a millisecond.
    """
    items = tuple((name, tuple(query_params.getlist(name))) for name in query_params)
    result = _parse(items, is_admin, settings.PAGE_SIZE_MAX)
    if isinstance(result, dict):
        raise serializers.ValidationError(result, code="invalid")
    return result


@lru_cache(maxsize=2048)
def _parse(items: tuple, is_admin: bool, page_size_max: int) -> "ListQuery | dict":
    params = dict(items)
    unknown = sorted(set(params) - KNOWN_PARAMS)
    errors = {name: ["Unknown parameter."] for name in unknown}
    data: dict = {}
    for name, values in params.items():
        if name in unknown:
            continue
        if name in LIST_PARAMS:
            entries = [v.strip() for raw in values for v in raw.split(",") if v.strip()]
            if name == "origin_country":
                entries = [v.upper() for v in entries]
            data[name] = entries
        elif len(values) > 1:
            errors[name] = ["Give this parameter once."]
        else:
            data[name] = values[0]
    if errors:
        return errors
    serializer = BarrelListQueryInput(data=data, context={"is_admin": is_admin})
    if not serializer.is_valid():
        return _flat(serializer.errors, data)
    v = serializer.validated_data
    filters = BarrelFilters(
        search=v.get("search", "").strip(),
        wood_type=tuple(dict.fromkeys(v.get("wood_type", []))),
        previous_content=tuple(dict.fromkeys(v.get("previous_content", []))),
        condition=tuple(dict.fromkeys(v.get("condition", []))),
        origin_country=tuple(dict.fromkeys(v.get("origin_country", []))),
        volume_min=v.get("volume_min"),
        volume_max=v.get("volume_max"),
        price_min=v.get("price_min"),
        price_max=v.get("price_max"),
        in_stock=v.get("in_stock", False),
        ordering=v.get("ordering", ""),
        status=tuple(dict.fromkeys(v.get("status") or [BarrelStatus.ACTIVE])),
    )
    return ListQuery(filters=filters, page=v.get("page", 1), page_size=v.get("page_size"))

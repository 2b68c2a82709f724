"""Page-number pagination with a capped, validated page size."""

import functools

from django.conf import settings
from rest_framework import pagination
from rest_framework.exceptions import ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"

    @property
    def max_page_size(self) -> int:  # read at request time so tests can override settings
        return settings.PAGE_SIZE_MAX

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if size < 1 or size > self.max_page_size:
            raise ValidationError(
                {"page_size": [f"Must be a whole number from 1 to {self.max_page_size}."]},
                code="invalid",
            )
        return size

    def get_schema_operation_parameters(self, view):
        # The schema says what get_page_size accepts: 1 to PAGE_SIZE_MAX, and pages from 1.
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            bounds = {
                "page": {"minimum": 1},
                "page_size": {"minimum": 1, "maximum": self.max_page_size},
            }
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters

    def get_paginated_response_schema(self, schema):
        base = super().get_paginated_response_schema(schema)
        base["required"] = ["count", "results"]
        return base


@functools.cache
def paginated_schema(serializer_class, *, name: str | None = None):
    """The response schema of a page of `serializer_class`, for views that paginate by hand.

    `@extend_schema(responses=paginated_schema(OrderListOutput))` documents what
    `PageNumberPagination.get_paginated_response` returns: count, next, previous, results.
    Cached, so every view documenting the same page shares one component.
    """
    from drf_spectacular.utils import inline_serializer
    from rest_framework import serializers

    base = serializer_class.__name__.removesuffix("Serializer")
    return inline_serializer(
        name=name or f"Paginated{base}List",
        fields={
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer_class(many=True),
        },
    )

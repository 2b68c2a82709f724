"""Page-number pagination with a capped, validated page size."""

from django.conf import settings
from rest_framework import pagination, serializers
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

    def get_paginated_response_schema(self, schema):
        base = super().get_paginated_response_schema(schema)
        base["required"] = ["count", "results"]
        return base


_PAGE_SERIALIZERS: dict[type, type] = {}


def paginated(serializer_class: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The response schema of one page of `serializer_class`, for views that paginate by hand.

        @extend_schema(responses=paginated(OrderListOutput))
        def get(self, request):
            paginator = PageNumberPagination()
            page = paginator.paginate_queryset(qs, request, view=self)
            return paginator.get_paginated_response(OrderListOutput(page, many=True).data)

    (`responses=OrderListOutput(many=True)` would document a bare array, which is not what
    `get_paginated_response` returns; the contract fuzzer reports that as a schema violation.)
    """
    if serializer_class not in _PAGE_SERIALIZERS:
        name = f"Paginated{serializer_class.__name__.removesuffix('Serializer')}List"
        _PAGE_SERIALIZERS[serializer_class] = type(name, (serializers.Serializer,), {
            "__module__": serializer_class.__module__,
            "__doc__": f"One page of {serializer_class.__name__}.",
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer_class(many=True),
        })
    return _PAGE_SERIALIZERS[serializer_class]

"""A small API used only by the frontend_contract tests, to prove the drift test and the fuzzer.

`urlpatterns` is a well-behaved API; `broken_urlpatterns` adds two operations that break their
contract (a crash, and a response that does not match its schema).
"""

import uuid
from decimal import Decimal

from django.urls import include, path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from vwb_site.api.pagination import PageNumberPagination

BARRELS = [
    {
        "id": uuid.UUID(int=n),
        "name": f"Oak barrel {n}",
        "volume_litres": 100 * n,
        "price": Decimal("95.00") * n,
    }
    for n in range(1, 6)
]


class ProbeBarrelOutput(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    volume_litres = serializers.IntegerField()
    price = serializers.DecimalField(max_digits=12, decimal_places=2)


class ProbeBarrelPageOutput(serializers.Serializer):
    """Declared as a class (not paginated_schema's cached instance) so that the drift tests,
    which edit ProbeBarrelOutput in-process, see the edit in every operation."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ProbeBarrelOutput(many=True)


class ProbeBarrelCreateInput(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    volume_litres = serializers.IntegerField(min_value=1, max_value=1000)


class ProbeBarrelListView(APIView):
    permission_classes = [AllowAny]

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method == "POST" else [AllowAny()]

    @extend_schema(
        operation_id="probe_barrel_list",
        parameters=[OpenApiParameter("min_volume", int, description="Smallest volume (l).")],
        responses={200: ProbeBarrelPageOutput},
    )
    def get(self, request):
        raw = request.query_params.get("min_volume", "0")
        minimum = serializers.IntegerField(min_value=0).run_validation(raw)
        rows = [b for b in BARRELS if b["volume_litres"] >= minimum]
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(ProbeBarrelOutput(page, many=True).data)

    @extend_schema(
        operation_id="probe_barrel_create",
        request=ProbeBarrelCreateInput,
        responses={201: ProbeBarrelOutput},
    )
    def post(self, request):
        data = ProbeBarrelCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        barrel = {"id": uuid.uuid4(), "price": Decimal("0.00"), **data.validated_data}
        return Response(ProbeBarrelOutput(barrel).data, status=201)


class ProbeBarrelDetailView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(operation_id="probe_barrel_detail", responses={200: ProbeBarrelOutput})
    def get(self, request, barrel_id: uuid.UUID):
        for barrel in BARRELS:
            if barrel["id"] == barrel_id:
                return Response(ProbeBarrelOutput(barrel).data)
        raise NotFound


class ProbeCrashingView(APIView):
    """Crashes on large numbers: the fuzzer must find it."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="probe_crashing",
        parameters=[OpenApiParameter("n", int, required=True)],
        responses={200: ProbeBarrelOutput},
    )
    def get(self, request):
        n = serializers.IntegerField().run_validation(request.query_params.get("n"))
        if n > 10:
            raise ZeroDivisionError("a bug only large inputs reach")
        return Response(ProbeBarrelOutput(BARRELS[0]).data)


class ProbeLyingView(APIView):
    """Answers with a shape its schema does not describe: the fuzzer must find it."""

    permission_classes = [AllowAny]

    @extend_schema(operation_id="probe_lying", responses={200: ProbeBarrelOutput})
    def get(self, request):
        return Response({"id": 42, "name": None})


v1_patterns = [
    path("probe-barrels", ProbeBarrelListView.as_view()),
    path("probe-barrels/<uuid:barrel_id>", ProbeBarrelDetailView.as_view()),
]
broken_v1_patterns = [
    *v1_patterns,
    path("probe-crashing", ProbeCrashingView.as_view()),
    path("probe-lying", ProbeLyingView.as_view()),
]

urlpatterns = [path("v1/", include((v1_patterns, "v1"), namespace="v1"))]
broken_urlpatterns = [path("v1/", include((broken_v1_patterns, "v1"), namespace="v1"))]

"""Administrator actions on one barrel: archive, stock adjustments, the stock ledger."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog.api.caching import json_response
from catalog.api.permissions import IsAdmin
from catalog.api.serializers.inputs import StockAdjustmentInput
from catalog.api.serializers.outputs import (
    BarrelAdminOutput,
    StockAdjustmentOutput,
    StockMovementOutput,
)
from catalog.api.views.barrels import admin_detail
from catalog.selectors import barrel_get, stock_movement_list
from catalog.services.barrels import barrel_archive
from catalog.services.inventory import stock_adjust
from vwb_site.api.pagination import PageNumberPagination


class BarrelArchiveView(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="barrels_archive",
        summary="Archive a barrel: off sale for good, kept for its orders (409 if archived)",
        request=None,
        responses={200: BarrelAdminOutput},
    )
    def post(self, request, slug: str, *args, **kwargs):
        barrel = barrel_get(slug=slug, user=request.user, any_status=True)
        barrel = barrel_archive(barrel=barrel, actor=request.user)
        return json_response(admin_detail(barrel, request))


class BarrelStockAdjustmentsView(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="barrels_stock_adjustments_create",
        summary="Adjust a barrel's stock with a reason (never below what is reserved: 409)",
        request=StockAdjustmentInput,
        responses={201: StockAdjustmentOutput},
    )
    def post(self, request, slug: str, *args, **kwargs):
        barrel = barrel_get(slug=slug, user=request.user, any_status=True)
        serializer = StockAdjustmentInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        movement = stock_adjust(
            barrel=barrel,
            delta=data["delta"],
            actor=request.user,
            note=data["reason"],
            reason=data["kind"],
        )
        output = StockAdjustmentOutput(
            {
                "movement": movement,
                "stock_quantity": barrel.stock_quantity,
                "reserved_quantity": barrel.reserved_quantity,
                "available": barrel.available,
                "availability": barrel.availability,
            }
        )
        return Response(output.data, status=201)


class BarrelStockMovementsView(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="barrels_stock_movements_list",
        summary="The stock ledger of a barrel, newest first (administrators)",
        responses={200: StockMovementOutput(many=True)},
    )
    def get(self, request, slug: str, *args, **kwargs):
        barrel = barrel_get(slug=slug, user=request.user, any_status=True)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(stock_movement_list(barrel=barrel), request, self)
        return paginator.get_paginated_response(StockMovementOutput(page, many=True).data)

"""Administrator endpoints: every order, lifecycle actions, refunds, received bank transfers."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsAdmin
from commerce.api.serializers.inputs import (
    BankTransferRecordInput,
    OrderListFilterInput,
    OrderShipInput,
    OrderTransitionNoteInput,
    RefundCreateInput,
)
from commerce.api.serializers.outputs import (
    BankTransferRecordOutput,
    OrderDetailOutput,
    OrderListOutput,
    RefundCreateOutput,
)
from commerce.api.views.orders import detail_data
from commerce.orders import selectors
from commerce.orders.services import (
    order_bank_transfer_record,
    order_cancel,
    order_deliver,
    order_refund,
    order_ship,
)
from vwb_site.api.pagination import PageNumberPagination, paginated_schema


class AdminOrderListView(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="admin_orders_list",
        parameters=[OrderListFilterInput],
        responses=paginated_schema(OrderListOutput),
        tags=["admin-orders"],
        summary="All orders, newest first",
    )
    def get(self, request):
        filters = OrderListFilterInput(data=request.query_params)
        filters.is_valid(raise_exception=True)
        qs = selectors.order_list(user=None, **filters.validated_data)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(OrderListOutput(page, many=True).data)


class AdminOrderDetailView(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="admin_orders_retrieve",
        responses=OrderDetailOutput,
        tags=["admin-orders"],
        summary="Any order",
    )
    def get(self, request, order_id):
        return Response(detail_data(selectors.order_get(order_id=order_id), request))


class AdminOrderShipView(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="admin_orders_ship",
        request=OrderShipInput,
        responses=OrderDetailOutput,
        tags=["admin-orders"],
        summary="Ship a paid order with a carrier and tracking number",
    )
    def post(self, request, order_id):
        serializer = OrderShipInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = selectors.order_get(order_id=order_id)
        order_ship(order=order, actor=request.user, **serializer.validated_data)
        return Response(detail_data(selectors.order_get(order_id=order.pk), request))


class AdminOrderDeliverView(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="admin_orders_deliver",
        request=OrderTransitionNoteInput,
        responses=OrderDetailOutput,
        tags=["admin-orders"],
        summary="Mark a shipped order delivered",
    )
    def post(self, request, order_id):
        serializer = OrderTransitionNoteInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = selectors.order_get(order_id=order_id)
        order_deliver(order=order, actor=request.user, note=serializer.validated_data["note"])
        return Response(detail_data(selectors.order_get(order_id=order.pk), request))


class AdminOrderCancelView(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="admin_orders_cancel",
        request=OrderTransitionNoteInput,
        responses=OrderDetailOutput,
        tags=["admin-orders"],
        summary="Cancel an order (a paid one is refunded in full)",
    )
    def post(self, request, order_id):
        serializer = OrderTransitionNoteInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = selectors.order_get(order_id=order_id)
        order_cancel(
            order=order,
            actor=request.user,
            note=serializer.validated_data["note"] or "Cancelled by staff.",
        )
        return Response(detail_data(selectors.order_get(order_id=order.pk), request))


class AdminOrderRefundView(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="admin_orders_refunds_create",
        request=RefundCreateInput,
        responses={201: RefundCreateOutput},
        tags=["admin-orders"],
        summary="Refund part or all of what was captured",
    )
    def post(self, request, order_id):
        serializer = RefundCreateInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = selectors.order_get(order_id=order_id)
        refunds = order_refund(order=order, actor=request.user, **serializer.validated_data)
        fresh = selectors.order_get(order_id=order.pk)
        return Response(
            RefundCreateOutput(
                {"refunds": refunds, "order": fresh}, context={"request": request}
            ).data,
            status=201,
        )


class AdminOrderBankTransferView(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="admin_orders_bank_transfers_create",
        request=BankTransferRecordInput,
        responses={201: BankTransferRecordOutput},
        tags=["admin-orders"],
        summary="Record an amount received by bank transfer",
    )
    def post(self, request, order_id):
        serializer = BankTransferRecordInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = selectors.order_get(order_id=order_id)
        payment = order_bank_transfer_record(
            order=order, actor=request.user, **serializer.validated_data
        )
        fresh = selectors.order_get(order_id=order.pk)
        return Response(
            BankTransferRecordOutput(
                {"payment": payment, "order": fresh}, context={"request": request}
            ).data,
            status=201,
        )

from django.urls import include, path

from commerce.api.views import admin, orders, webhooks

app_name = "commerce"

urlpatterns = [
    path("orders", orders.OrderListCreateView.as_view(), name="orders"),
    path("orders/preview", orders.OrderPreviewView.as_view(), name="order-preview"),
    path("orders/<uuid:order_id>", orders.OrderDetailView.as_view(), name="order-detail"),
    path("orders/<uuid:order_id>/cancel", orders.OrderCancelView.as_view(), name="order-cancel"),
    path(
        "orders/<uuid:order_id>/payments", orders.OrderPaymentView.as_view(), name="order-payments"
    ),
    path("payments/stripe/webhook", webhooks.StripeWebhookView.as_view(), name="stripe-webhook"),
    path("admin/orders", admin.AdminOrderListView.as_view(), name="admin-orders"),
    path(
        "admin/orders/<uuid:order_id>",
        admin.AdminOrderDetailView.as_view(),
        name="admin-order-detail",
    ),
    path(
        "admin/orders/<uuid:order_id>/ship",
        admin.AdminOrderShipView.as_view(),
        name="admin-order-ship",
    ),
    path(
        "admin/orders/<uuid:order_id>/deliver",
        admin.AdminOrderDeliverView.as_view(),
        name="admin-order-deliver",
    ),
    path(
        "admin/orders/<uuid:order_id>/cancel",
        admin.AdminOrderCancelView.as_view(),
        name="admin-order-cancel",
    ),
    path(
        "admin/orders/<uuid:order_id>/refunds",
        admin.AdminOrderRefundView.as_view(),
        name="admin-order-refunds",
    ),
    path(
        "admin/orders/<uuid:order_id>/bank-transfers",
        admin.AdminOrderBankTransferView.as_view(),
        name="admin-order-bank-transfers",
    ),
]

# --- shipping (commerce.shipping.api.urls) ---------------------------------------------------
urlpatterns += [path("", include("commerce.shipping.api.urls"))]

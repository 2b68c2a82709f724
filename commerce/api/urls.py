from django.urls import path

from commerce.api.views import admin, carriers, orders, shipping, shipping_tracking, webhooks

app_name = "commerce"

urlpatterns = [
    path("orders", orders.OrderListCreateView.as_view(), name="orders"),
    path("orders/preview", orders.OrderPreviewView.as_view(), name="order-preview"),
    path("orders/<uuid:order_id>", orders.OrderDetailView.as_view(), name="order-detail"),
    path("orders/<uuid:order_id>/cancel", orders.OrderCancelView.as_view(), name="order-cancel"),
    path(
        "orders/<uuid:order_id>/payments", orders.OrderPaymentView.as_view(), name="order-payments"
    ),
    path(
        "orders/<uuid:order_id>/payments/paypal/capture",
        orders.OrderPayPalCaptureView.as_view(),
        name="order-paypal-capture",
    ),
    path("payments/stripe/webhook", webhooks.StripeWebhookView.as_view(), name="stripe-webhook"),
    path("payments/paypal/webhook", webhooks.PayPalWebhookView.as_view(), name="paypal-webhook"),
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

# --- shipping: rates, destinations, carrier webhooks, order documents -------------------------
urlpatterns += [
    path("shipping/rates", shipping.ShippingRatesView.as_view(), name="shipping-rates"),
    path(
        "shipping/destinations/<str:country>",
        shipping.ShippingDestinationView.as_view(),
        name="shipping-destination",
    ),
    path(
        "shipping/webhooks/easypost",
        carriers.EasyPostWebhookView.as_view(),
        name="shipping-easypost-webhook",
    ),
    path("admin/carriers", carriers.AdminCarrierListView.as_view(), name="admin-carriers"),
    path(
        "shipping/carriers/<slug:code>/webhook",
        shipping_tracking.ShippingCarrierWebhookView.as_view(),
        name="shipping-carrier-webhook",
    ),
    path(
        "orders/<uuid:order_id>/documents",
        shipping_tracking.ShippingOrderDocumentListView.as_view(),
        name="shipping-order-documents",
    ),
    path(
        "orders/<uuid:order_id>/documents/<slug:kind>",
        shipping_tracking.ShippingOrderDocumentDownloadView.as_view(),
        name="shipping-order-document",
    ),
    path(
        "admin/orders/<uuid:order_id>/documents/<slug:kind>/regenerate",
        shipping_tracking.ShippingAdminDocumentRegenerateView.as_view(),
        name="shipping-admin-order-document-regenerate",
    ),
]

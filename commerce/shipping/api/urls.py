"""Shipping routes, included from commerce/api/urls.py (names: v1:commerce:shipping-...)."""

from django.urls import path

from commerce.shipping.api import tracking_views, views

urlpatterns = [
    path("shipping/rates", views.ShippingRatesView.as_view(), name="shipping-rates"),
    path(
        "shipping/destinations/<str:country>",
        views.ShippingDestinationView.as_view(),
        name="shipping-destination",
    ),
    path(
        "shipping/carriers/<slug:code>/webhook",
        tracking_views.ShippingCarrierWebhookView.as_view(),
        name="shipping-carrier-webhook",
    ),
    path(
        "orders/<uuid:order_id>/documents",
        tracking_views.ShippingOrderDocumentListView.as_view(),
        name="shipping-order-documents",
    ),
    path(
        "orders/<uuid:order_id>/documents/<slug:kind>",
        tracking_views.ShippingOrderDocumentDownloadView.as_view(),
        name="shipping-order-document",
    ),
    path(
        "admin/orders/<uuid:order_id>/documents/<slug:kind>/regenerate",
        tracking_views.ShippingAdminDocumentRegenerateView.as_view(),
        name="shipping-admin-order-document-regenerate",
    ),
]

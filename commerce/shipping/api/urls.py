"""Shipping routes, included from commerce/api/urls.py (names: v1:commerce:shipping-...)."""

from django.urls import path

from commerce.shipping.api import views

urlpatterns = [
    path("shipping/rates", views.ShippingRatesView.as_view(), name="shipping-rates"),
    path(
        "shipping/destinations/<str:country>",
        views.ShippingDestinationView.as_view(),
        name="shipping-destination",
    ),
]

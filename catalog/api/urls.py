from django.urls import path

from catalog.api.views import barrels as views
from catalog.api.views import stock as views_stock

app_name = "catalog"

urlpatterns = [
    path("barrels", views.BarrelCollectionView.as_view(), name="barrels"),
    path("barrels/<slug:slug>", views.BarrelItemView.as_view(), name="barrel"),
    path(
        "barrels/<slug:slug>/archive",
        views_stock.BarrelArchiveView.as_view(),
        name="barrel-archive",
    ),
    path(
        "barrels/<slug:slug>/stock-adjustments",
        views_stock.BarrelStockAdjustmentsView.as_view(),
        name="barrel-stock-adjustments",
    ),
    path(
        "barrels/<slug:slug>/stock-movements",
        views_stock.BarrelStockMovementsView.as_view(),
        name="barrel-stock-movements",
    ),
]

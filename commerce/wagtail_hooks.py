"""Wagtail admin registration for commerce. Each area keeps its own block."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from commerce.admin.documents import admin_urls as shipping_admin_urls

# --- shipping (commerce.admin.shipping_menu, commerce.admin.documents) ----------------------
from commerce.admin.shipping_menu import ShippingViewSetGroup

register_snippet(ShippingViewSetGroup)


@hooks.register("register_admin_urls")
def _shipping_admin_urls():
    return shipping_admin_urls()


@hooks.register("register_admin_menu_item")
def _shipping_documents_menu_item():
    return MenuItem(
        "Order documents", reverse("commerce_shipping_orders"), icon_name="doc-full", order=305
    )


# --- orders, payments, tax (commerce.admin.orders, commerce.admin.tax) ---------------------
from commerce.admin.orders import admin_urls as orders_admin_urls  # noqa: E402
from commerce.admin.orders import orders_menu_url  # noqa: E402
from commerce.admin.tax import VatRateViewSet  # noqa: E402

register_snippet(VatRateViewSet)


@hooks.register("register_admin_urls")
def _orders_admin_urls():
    return orders_admin_urls()


@hooks.register("register_admin_menu_item")
def _orders_menu_item():
    return MenuItem("Orders", orders_menu_url(), icon_name="list-ul", order=290)

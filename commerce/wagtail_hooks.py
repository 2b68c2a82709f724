"""Wagtail admin registration for commerce. Each area keeps its own block."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

# --- shipping (commerce.shipping.admin) ------------------------------------------------------
from commerce.shipping.admin.menu import ShippingViewSetGroup
from commerce.shipping.admin.orders import admin_urls as shipping_admin_urls

register_snippet(ShippingViewSetGroup)


@hooks.register("register_admin_urls")
def _shipping_admin_urls():
    return shipping_admin_urls()


@hooks.register("register_admin_menu_item")
def _shipping_documents_menu_item():
    return MenuItem("Order documents", reverse("commerce_shipping_orders"), icon_name="doc-full",
                    order=305)

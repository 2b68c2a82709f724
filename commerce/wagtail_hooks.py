"""Wagtail admin registration for commerce: one screen per model (Orders, with the order's
documents and tracking on its page), the Shipping snippets and Settings > VAT rates."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.admin_url_finder import register_admin_url_finder
from wagtail.snippets.models import register_snippet

from commerce.admin import documents, orders
from commerce.admin.bulk import GenerateInvoicesBulkAction
from commerce.admin.shipping_menu import ShippingViewSetGroup
from commerce.admin.tax import VatRateViewSet
from commerce.models import Order
from vwb_site.core.admin_menu import PermittedMenuItem

register_snippet(ShippingViewSetGroup)
register_snippet(VatRateViewSet)
hooks.register("register_bulk_action", GenerateInvoicesBulkAction)


@hooks.register("register_admin_urls")
def _orders_admin_urls():
    return orders.admin_urls() + documents.admin_urls()


@hooks.register("register_admin_menu_item")
def _orders_menu_item():
    return PermittedMenuItem(
        "Orders",
        orders.orders_menu_url(),
        name="orders",
        icon_name="list-ul",
        order=290,
        shown_to=orders.may_open,
    )


class OrderAdminURLFinder:
    """An order's admin page, for those who may open it (links from the dashboard panels)."""

    def __init__(self, user=None):
        self.user = user

    def get_edit_url(self, instance):
        if self.user is not None and not orders.may_open(self.user):
            return None
        return reverse("commerce_admin_order_detail", args=[instance.pk])


register_admin_url_finder(Order, OrderAdminURLFinder)

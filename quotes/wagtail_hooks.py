"""Registers the staff's quote screens (queue, detail, price and send, reject) in the admin."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet

from quotes.admin import quotes as admin_views
from vwb_site.core.admin_menu import PermittedMenuMixin


class QuoteAdminViewSet(PermittedMenuMixin, ViewSet):
    name = admin_views.NS
    url_prefix = "quotes"
    icon = "doc-full"
    menu_label = "Quotes"
    menu_order = 220
    add_to_admin_menu = True

    def user_may_open(self, user) -> bool:
        return admin_views.may_open(user)

    def get_urlpatterns(self):
        return [
            path("", admin_views.queue, name="queue"),
            path("<uuid:pk>/", admin_views.detail, name="detail"),
            path("<uuid:pk>/send/", admin_views.send_version, name="send"),
            path("<uuid:pk>/reject/", admin_views.reject, name="reject"),
        ]


@hooks.register("register_admin_viewset")
def register_quote_viewset():
    return QuoteAdminViewSet()

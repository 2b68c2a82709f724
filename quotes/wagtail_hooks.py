"""Registers the staff's quote screens (queue, detail, price and send, reject) in the admin."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.admin_url_finder import register_admin_url_finder
from wagtail.admin.viewsets.base import ViewSet

from commerce.admin.order_page import ORDER_SOURCE_HOOK
from quotes.admin import quotes as admin_views
from quotes.models import Quote
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
            path("results/", admin_views.queue_results, name="queue_results"),
            path("<uuid:pk>/", admin_views.detail, name="detail"),
            path("<uuid:pk>/send/", admin_views.send_version, name="send"),
            path("<uuid:pk>/reject/", admin_views.reject, name="reject"),
            path("<uuid:pk>/versions/<int:number>/pdf/", admin_views.pdf, name="pdf"),
        ]


@hooks.register("register_admin_viewset")
def register_quote_viewset():
    return QuoteAdminViewSet()


@hooks.register(ORDER_SOURCE_HOOK)
def order_source_quote(order, user) -> list[tuple[str, str]]:
    """The order page's "Source": the quote the order was accepted from (commerce cannot
    import quotes; it asks through this hook)."""
    quote = Quote.objects.filter(order=order).only("pk", "number").first()
    if quote is None:
        return []
    return [(f"Quote {quote.number}", reverse(f"{admin_views.NS}:detail", args=[quote.pk]))]


class QuoteAdminURLFinder:
    """A quote's admin page, for those who may open it (links from the dashboard panels)."""

    def __init__(self, user=None):
        self.user = user

    def get_edit_url(self, instance):
        if self.user is not None and not admin_views.may_open(self.user):
            return None
        return reverse(f"{admin_views.NS}:detail", args=[instance.pk])


register_admin_url_finder(Quote, QuoteAdminURLFinder)

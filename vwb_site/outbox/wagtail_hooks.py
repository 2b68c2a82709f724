"""Wagtail admin registration: Settings > Outbox."""

from wagtail import hooks

from vwb_site.outbox.admin.views import OutboxMessageViewSet


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboxMessageViewSet()

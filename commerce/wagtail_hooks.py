"""Wagtail admin registration for commerce. Each area keeps its own block."""

from wagtail.snippets.models import register_snippet

# --- shipping (commerce.shipping.admin) ------------------------------------------------------
from commerce.shipping.admin.menu import ShippingViewSetGroup

register_snippet(ShippingViewSetGroup)

"""Wagtail admin registration of the CMS app: the contact messages inbox, and the names of
Wagtail's own content menus ("Content reports", "CMS documents"), so that they read apart from
the shop's "Shop reports" and an order's documents (#21)."""

from wagtail import hooks
from wagtail.admin.menu import SubmenuMenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from cms_pages.models import ContactMessage


class ContactMessageViewSet(ModelViewSet):
    """Read-mostly inbox of contact-form messages (Moderators hold only the view permission)."""

    model = ContactMessage
    icon = "mail"
    menu_label = "Contact messages"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "email", "topic", "created_at", "notified_at"]
    list_filter = ["topic"]
    search_fields = ["name", "email", "company"]  # the message is encrypted at rest
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["name", "email", "company", "phone", "topic", "message"]


@hooks.register("register_admin_viewset")
def register_contact_message_viewset():
    return ContactMessageViewSet("contact_messages")


# Wagtail's menu entries (by their `name`) and the label each gets in this admin.
CONTENT_MENU_LABELS = {"reports": "Content reports", "documents": "CMS documents"}


@hooks.register("construct_main_menu")
def name_content_menus(request, menu_items):
    for item in menu_items:
        label = CONTENT_MENU_LABELS.get(item.name)
        if label is None:
            continue
        if item.name == "reports" and not isinstance(item, SubmenuMenuItem):
            continue  # only Wagtail's own Reports submenu
        item.label = label

"""Wagtail admin registration of the CMS app: the contact messages inbox."""

from wagtail import hooks
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

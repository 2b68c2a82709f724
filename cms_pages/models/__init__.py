"""Page models of the storefront (served headless) and the contact messages."""

from cms_pages.models.base import BasePage
from cms_pages.models.contact import ContactMessage, ContactTopic
from cms_pages.models.pages import (
    ContactPage,
    FAQCategory,
    FAQItem,
    FAQPage,
    HomePage,
    StandardPage,
)

__all__ = [
    "BasePage",
    "ContactMessage",
    "ContactPage",
    "ContactTopic",
    "FAQCategory",
    "FAQItem",
    "FAQPage",
    "HomePage",
    "StandardPage",
]

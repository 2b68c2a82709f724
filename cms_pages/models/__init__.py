"""Page models of the storefront (served headless) and the contact messages."""

from cms_pages.models.barrels import BarrelIndexPage, BarrelPage, HomePageFeaturedBarrel
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
    "BarrelIndexPage",
    "BarrelPage",
    "BasePage",
    "ContactMessage",
    "ContactPage",
    "ContactTopic",
    "FAQCategory",
    "FAQItem",
    "FAQPage",
    "HomePage",
    "HomePageFeaturedBarrel",
    "StandardPage",
]

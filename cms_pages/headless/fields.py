"""DRF fields used in the page models' `api_fields` (Wagtail API v2).

They decide the exact JSON the storefront gets: sanitised HTML for rich text, renditions for
images, one `seo` object on every page.
"""

from collections.abc import Sequence

from django.conf import settings
from rest_framework import serializers

from cms_pages.renditions import SOCIAL_SPEC, rendition_data
from cms_pages.rich_text import render_safe_html


def frontend_url(page, request=None) -> str | None:
    """The page's address on the storefront (its path in Wagtail, on the storefront's host)."""
    parts = page.get_url_parts(request=request) if page else None
    if parts is None:
        return None
    return settings.FRONTEND_BASE_URL.rstrip("/") + parts[2]


class SafeRichTextField(serializers.Field):
    """A RichTextField as sanitised display HTML, whatever `?rich_text_format=` says."""

    def __init__(self, *, features: Sequence[str], **kwargs):
        self.features = list(features)
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return render_safe_html(value, features=self.features)


class SeoField(serializers.Field):
    """Title, description, social image and canonical storefront URL of any page."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return {
            "title": page.seo_title or page.title,
            "description": page.search_description or "",
            "image": rendition_data(page.social_image, SOCIAL_SPEC),
            "canonical_url": frontend_url(page, self.context.get("request")),
        }


class ComputedField(serializers.Field):
    """A field computed by a model method `api_<name>(request)`: read-only, any JSON."""

    def __init__(self, method_name: str, **kwargs):
        self.method_name = method_name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return getattr(page, self.method_name)(self.context.get("request"))

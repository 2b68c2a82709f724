"""The page API's base serializer: Wagtail's, with the page links on the storefront's host.

Kept out of `fields.py`: the page models import that module, and Wagtail's API serializers need
the models loaded.
"""

from wagtail.api.v2.serializers import (
    PageHtmlUrlField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)

from cms_pages.headless.fields import frontend_url


class StorefrontHtmlUrlField(PageHtmlUrlField):
    """`meta.html_url` on the storefront's host (FRONTEND_BASE_URL), like every other page link
    the API gives, rather than on the Wagtail Site's hostname, which is the backend's."""

    def to_representation(self, page):
        return frontend_url(page, self.context.get("request"))


class StorefrontPageParentField(PageParentField):
    """`meta.parent`, serialised with the storefront links too (Wagtail's uses PageSerializer)."""

    def to_representation(self, value):
        serializer_class = get_serializer_class(
            value.__class__,
            ["id", "type", "detail_url", "html_url", "title"],
            meta_fields=["type", "detail_url", "html_url"],
            base=StorefrontPageSerializer,
        )
        return serializer_class(context=self.context).to_representation(value)


class StorefrontPageSerializer(PageSerializer):
    html_url = StorefrontHtmlUrlField(read_only=True)
    parent = StorefrontPageParentField(read_only=True)

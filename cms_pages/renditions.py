"""Images in the page API: always a rendition (resized file) with its URL and dimensions."""

from typing import Any

from wagtail.images.models import SourceImageIOError

# One spec per use, so the storefront gets predictable sizes.
HERO_SPEC = "fill-1600x900"
BODY_SPEC = "max-1200x1200"
GALLERY_SPEC = "max-1600x1600"
SOCIAL_SPEC = "fill-1200x630"
THUMBNAIL_SPEC = "fill-600x400"


def rendition_data(image, spec: str) -> dict[str, Any] | None:
    """`{"url", "full_url", "width", "height", "alt"}` of `image` resized by `spec`."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(spec)
    except SourceImageIOError:
        # The original file is missing: the page still renders, without this image.
        return None
    return {
        "url": rendition.url,
        "full_url": rendition.full_url,
        "width": rendition.width,
        "height": rendition.height,
        "alt": rendition.alt,
    }

"""Expected shapes shared by the page API tests."""

from django.conf import settings
from wagtail.images.models import Image


def page_meta(page, *, parent, path: str) -> dict:
    """The `meta` object of a page's detail response (Wagtail API v2, i18n off)."""
    return {
        "type": page.specific_class._meta.label,
        "detail_url": f"http://127.0.0.1:8000/api/v2/pages/{page.pk}/",
        "html_url": f"{settings.FRONTEND_BASE_URL}{path}",
        "slug": page.slug,
        "show_in_menus": page.show_in_menus,
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "first_published_at": page.first_published_at.isoformat().replace("+00:00", "Z"),
        "alias_of": None,
        "parent": {
            "id": parent.pk,
            "meta": {
                "type": parent.specific_class._meta.label,
                "detail_url": f"http://127.0.0.1:8000/api/v2/pages/{parent.pk}/",
                "html_url": f"{settings.FRONTEND_BASE_URL}{parent.url}",
            },
            "title": parent.title,
        }
        if parent is not None
        else None,
    }


def rendition(image: Image, spec: str, width: int, height: int) -> dict:
    """What the API gives for `image` at `spec`; also checks the rendition's size."""
    r = image.get_rendition(spec)
    assert (r.width, r.height) == (width, height)
    return {
        "url": r.url,
        "full_url": r.full_url,
        "width": width,
        "height": height,
        "alt": image.default_alt_text,
    }


def seo(page, path: str, image: dict | None = None) -> dict:
    return {
        "title": page.seo_title or page.title,
        "description": page.search_description,
        "image": image,
        "canonical_url": f"http://localhost:3000{path}",
    }

"""CDN purge by surrogate key when a page changes (the keys the page API sets: see
cms_pages/headless/views.py): after commit of a publish, an unpublish or a delete, through the
outbox (vwb_site.tasks.cdn_purge_on_commit; off while CDN_PURGE_URL is empty)."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from vwb_site.tasks import cdn_purge_on_commit


def page_purge_keys(page_id: int) -> list[str]:
    return ["page-list", f"page-{page_id}"]


def _purge(sender, instance, **kwargs) -> None:
    cdn_purge_on_commit(page_purge_keys(instance.pk))


def connect() -> None:
    page_published.connect(_purge, dispatch_uid="cms_pages.cdn.published")
    page_unpublished.connect(_purge, dispatch_uid="cms_pages.cdn.unpublished")
    post_delete.connect(_purge, sender=Page, dispatch_uid="cms_pages.cdn.deleted")

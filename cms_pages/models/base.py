"""What every CMS page shares: SEO fields, headless preview and storefront sitemap URLs."""

from django.db import models
from django.http import HttpResponse, HttpResponseRedirect
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page

from cms_pages.headless.fields import SeoField, frontend_url
from cms_pages.headless.preview import frontend_preview_url


class BasePage(Page):
    """Abstract base of the storefront's pages.

    SEO: Wagtail's `seo_title` and `search_description` plus a social image, served together as
    `seo` in the API. Preview: the admin's preview opens the storefront (FRONTEND_PREVIEW_URL)
    with a signed token for the page's latest saved revision instead of rendering a template.
    """

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when the page is shared (cropped to 1200×630).",
    )

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("social_image"),
            ],
            heading="SEO and social sharing",
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading="For site menus"),
    ]

    api_fields = [APIField("seo", serializer=SeoField())]

    class Meta:
        abstract = True

    # --- headless preview --------------------------------------------------------------------
    def serve_preview(self, request, mode_name):
        revision_id = None
        if self.pk:
            revision_id = (
                Page.objects.filter(pk=self.pk).values_list("latest_revision_id", flat=True).first()
            )
        if not revision_id:
            return HttpResponse(
                "Save a draft of this page first: the storefront previews saved drafts.",
                content_type="text/plain; charset=utf-8",
            )
        return HttpResponseRedirect(frontend_preview_url(page=self, revision_id=revision_id))

    # --- sitemap: storefront URLs --------------------------------------------------------------
    def get_sitemap_urls(self, request=None):
        location = frontend_url(self, request)
        if location is None:
            return []
        return [
            {
                "location": location,
                "lastmod": self.last_published_at or self.latest_revision_created_at,
            }
        ]

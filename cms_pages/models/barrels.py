"""Barrel story pages (one per catalog barrel), their index, and the home page's picks."""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from catalog.models import Barrel
from cms_pages.blocks import BodyStreamBlock, GalleryImageBlock
from cms_pages.headless.barrels import barrel_summary
from cms_pages.headless.fields import ComputedField, SafeRichTextField, frontend_url
from cms_pages.models.base import BasePage
from cms_pages.models.pages import HomePage
from cms_pages.renditions import THUMBNAIL_SPEC, rendition_data
from cms_pages.rich_text import ANSWER_FEATURES


class BarrelIndexPage(BasePage):
    """The parent of every barrel page (e.g. /barrels/); lists its live barrel pages."""

    intro = models.TextField(blank=True, max_length=600)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    api_fields = [
        *BasePage.api_fields,
        APIField("intro"),
        APIField("barrel_pages", serializer=ComputedField("api_barrel_pages")),
    ]

    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.BarrelPage"]
    max_count = 1

    class Meta:
        verbose_name = "barrel index page"

    def api_barrel_pages(self, request):
        pages = (
            BarrelPage.objects.child_of(self)
            .live()
            .public()
            .select_related("barrel", "listing_image")
            .order_by("path")
        )
        return [page.card(request) for page in pages]


class BarrelPage(BasePage):
    """The rich product page of exactly one catalog barrel.

    The API output carries the barrel's live price, availability and key attributes, so the
    storefront renders a product page from one call. A draft may be saved without a barrel;
    publishing requires one (the field is required on publish, and `clean` checks it).
    """

    barrel = models.OneToOneField(
        Barrel,
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="cms_page",
        help_text="The catalog barrel this page sells (required to publish).",
    )
    teaser = models.CharField(max_length=250, blank=True, help_text="One line for listings.")
    listing_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    story = StreamField(BodyStreamBlock(), blank=True)
    provenance = RichTextField(
        features=ANSWER_FEATURES,
        blank=True,
        help_text="Where the barrel comes from: estate, distillery, what it held and for how long.",
    )
    tasting_notes = RichTextField(features=ANSWER_FEATURES, blank=True)
    use_notes = RichTextField(
        features=ANSWER_FEATURES, blank=True, help_text="What it suits: finishing, ageing, décor."
    )
    gallery = StreamField([("image", GalleryImageBlock())], blank=True, max_num=20)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("barrel"),
        MultiFieldPanel([FieldPanel("teaser"), FieldPanel("listing_image")], heading="Listing"),
        FieldPanel("story"),
        FieldPanel("provenance"),
        FieldPanel("tasting_notes"),
        FieldPanel("use_notes"),
        FieldPanel("gallery"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("teaser"),
        index.SearchField("story"),
        index.SearchField("provenance"),
        index.SearchField("tasting_notes"),
        index.FilterField("barrel_id"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("barrel", serializer=ComputedField("api_barrel")),
        APIField("teaser"),
        APIField("listing_image", serializer=ComputedField("api_listing_image")),
        APIField("story"),
        APIField("provenance", serializer=SafeRichTextField(features=ANSWER_FEATURES)),
        APIField("tasting_notes", serializer=SafeRichTextField(features=ANSWER_FEATURES)),
        APIField("use_notes", serializer=SafeRichTextField(features=ANSWER_FEATURES)),
        APIField("gallery"),
    ]

    parent_page_types = ["cms_pages.BarrelIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "barrel page"

    def clean(self):
        # Page.save() runs full_clean only when the page goes live (drafts get minimal_clean),
        # and `barrel` is blank=False: a barrel-less page cannot be published by any path.
        super().clean()
        if self.live and self.barrel_id is None:
            raise ValidationError({"barrel": "Choose the catalog barrel before publishing."})

    def api_barrel(self, request):
        return barrel_summary(self.barrel)

    def api_listing_image(self, request):
        return rendition_data(self.listing_image, THUMBNAIL_SPEC)

    def card(self, request=None) -> dict:
        """The short form used by listings and the home page's featured barrels."""
        url_parts = self.get_url_parts(request)
        return {
            "id": self.pk,
            "title": self.title,
            "path": url_parts[2] if url_parts else None,
            "url": frontend_url(self, request),
            "teaser": self.teaser,
            "image": rendition_data(self.listing_image, THUMBNAIL_SPEC),
            "barrel": barrel_summary(self.barrel),
        }


class HomePageFeaturedBarrel(Orderable):
    """A barrel page editors put on the home page, in their order."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_barrels")
    barrel_page = models.ForeignKey(BarrelPage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("barrel_page")]

    class Meta(Orderable.Meta):
        verbose_name = "featured barrel"

"""Home, standard (About us...), contact and FAQ pages."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms_pages.blocks import BodyStreamBlock, HighlightBlock
from cms_pages.headless.fields import ComputedField, SafeRichTextField
from cms_pages.models.base import BasePage
from cms_pages.models.contact import ContactTopic
from cms_pages.renditions import HERO_SPEC, rendition_data
from cms_pages.rich_text import ANSWER_FEATURES, INLINE_FEATURES, render_safe_html


class HomePage(BasePage):
    hero_title = models.CharField(max_length=120)
    hero_text = models.TextField(blank=True, max_length=400)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_cta_label = models.CharField("call to action label", max_length=40, blank=True)
    hero_cta_path = models.CharField(
        "call to action path",
        max_length=200,
        blank=True,
        help_text="A storefront path, e.g. /barrels/",
    )
    highlights = StreamField([("highlight", HighlightBlock())], blank=True, max_num=6)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_path"),
            ],
            heading="Hero",
        ),
        InlinePanel("featured_barrels", label="Featured barrels", max_num=12),
        FieldPanel("highlights"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("hero_text")]
    api_fields = [
        *BasePage.api_fields,
        APIField("hero", serializer=ComputedField("api_hero")),
        APIField("featured_barrels", serializer=ComputedField("api_featured_barrels")),
        APIField("highlights"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms_pages.StandardPage",
        "cms_pages.ContactPage",
        "cms_pages.FAQPage",
        "cms_pages.BarrelIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def api_hero(self, request):
        return {
            "title": self.hero_title,
            "text": self.hero_text,
            "image": rendition_data(self.hero_image, HERO_SPEC),
            "cta_label": self.hero_cta_label,
            "cta_path": self.hero_cta_path,
        }

    def api_featured_barrels(self, request):
        """Cards of the live barrel pages editors picked, in their order."""
        featured = self.featured_barrels.all().select_related(
            "barrel_page__barrel", "barrel_page__listing_image"
        )
        return [
            item.barrel_page.card(request)
            for item in sorted(featured, key=lambda item: item.sort_order or 0)
            if item.barrel_page.live
        ]

    def clean(self):
        super().clean()
        if self.hero_cta_path and not self.hero_cta_path.startswith("/"):
            raise ValidationError({"hero_cta_path": "Use a storefront path starting with /."})


class StandardPage(BasePage):
    """About us, terms, guides: an introduction and a body of blocks."""

    intro = models.TextField(blank=True, max_length=600)
    body = StreamField(BodyStreamBlock(), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [*BasePage.api_fields, APIField("intro"), APIField("body")]

    parent_page_types = ["cms_pages.HomePage", "cms_pages.StandardPage"]

    class Meta:
        verbose_name = "standard page"


class ContactPage(BasePage):
    """The contact page; its form posts to /v1/contact-messages."""

    intro = RichTextField(features=INLINE_FEATURES, blank=True)
    contact_email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True, max_length=400)
    success_message = models.CharField(
        max_length=250, default="Thank you: we answer within one business day."
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("phone"), FieldPanel("address")],
            heading="How to reach us",
        ),
        FieldPanel("success_message"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    api_fields = [
        *BasePage.api_fields,
        APIField("intro", serializer=SafeRichTextField(features=INLINE_FEATURES)),
        APIField("contact_email"),
        APIField("phone"),
        APIField("address"),
        APIField("form", serializer=ComputedField("api_form")),
    ]

    parent_page_types = ["cms_pages.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = "contact page"

    def api_form(self, request):
        return {
            "endpoint": "/v1/contact-messages",
            "topics": [{"value": value, "label": label} for value, label in ContactTopic.choices],
            "max_message_length": settings.CMS_CONTACT_MESSAGE_MAX_LENGTH,
            "success_message": self.success_message,
        }


class FAQCategory(models.TextChoices):
    SHIPPING = "shipping", "Shipping and delivery"
    PAYMENT = "payment", "Payment and pricing"
    B2B = "b2b", "Business (B2B) buyers"
    BARREL_CARE = "barrel_care", "Barrel care"


class FAQPage(BasePage):
    intro = models.TextField(blank=True, max_length=600)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        InlinePanel("faq_items", label="Questions", min_num=1),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.RelatedFields("faq_items", [index.SearchField("question")]),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("intro"),
        APIField("categories", serializer=ComputedField("api_categories")),
    ]

    parent_page_types = ["cms_pages.HomePage", "cms_pages.StandardPage"]

    class Meta:
        verbose_name = "FAQ page"

    def api_categories(self, request):
        """Questions grouped by category, categories in their declared order, then items'."""
        items = sorted(self.faq_items.all(), key=lambda item: item.sort_order or 0)
        groups = []
        for value, label in FAQCategory.choices:
            entries = [
                {
                    "question": item.question,
                    "answer": render_safe_html(item.answer, features=ANSWER_FEATURES),
                }
                for item in items
                if item.category == value
            ]
            if entries:
                groups.append({"key": value, "label": label, "items": entries})
        return groups


class FAQItem(Orderable):
    page = ParentalKey(FAQPage, on_delete=models.CASCADE, related_name="faq_items")
    category = models.CharField(max_length=20, choices=FAQCategory.choices)
    question = models.CharField(max_length=250)
    answer = RichTextField(features=ANSWER_FEATURES)

    panels = [FieldPanel("category"), FieldPanel("question"), FieldPanel("answer")]

    class Meta(Orderable.Meta):
        verbose_name = "question"

    def __str__(self) -> str:
        return self.question

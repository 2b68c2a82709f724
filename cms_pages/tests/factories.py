"""Builders of CMS page trees for tests (pages are created in code, never from fixtures)."""

from io import BytesIO

import factory
import PIL.Image
from django.core.files.images import ImageFile
from wagtail.images.models import Image
from wagtail.models import Page, Site

from catalog.tests.factories import BarrelFactory
from cms_pages.models import (
    BarrelIndexPage,
    BarrelPage,
    ContactPage,
    FAQItem,
    FAQPage,
    HomePage,
    StandardPage,
)


def make_image(title: str = "Barrel cellar", size=(1600, 1000), colour="saddlebrown") -> Image:
    buffer = BytesIO()
    PIL.Image.new("RGB", size, colour).save(buffer, "PNG")
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.png")
    )


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    title = factory.Sequence(lambda n: f"Image {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return make_image(title=kwargs.get("title", "Image"))


def add_child(parent: Page, page: Page, *, publish: bool = True) -> Page:
    """Add `page` under `parent`, saving a revision and publishing it (unless told not to)."""
    page.live = False
    parent.add_child(instance=page)
    # Drafts are saved as the admin saves them (required fields are checked on publish).
    revision = page.save_revision(clean=publish)
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def build_home(**fields) -> HomePage:
    """A live HomePage under the tree root, made the default site's root."""
    root = Page.get_first_root_node()
    defaults = {
        "title": "Vintage Without Borders",
        "slug": "vwb-home",
        "hero_title": "Barrels with a past, for your next spirit",
        "hero_text": "Used wine and spirits barrels, shipped worldwide.",
        "hero_cta_label": "Browse barrels",
        "hero_cta_path": "/barrels/",
    }
    home = add_child(root, HomePage(**{**defaults, **fields}))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()
    return home


def build_standard(parent: Page, *, publish: bool = True, **fields) -> StandardPage:
    defaults = {"title": "About us", "slug": "about", "intro": "Who we are."}
    return add_child(parent, StandardPage(**{**defaults, **fields}), publish=publish)


def build_contact(parent: Page, **fields) -> ContactPage:
    defaults = {
        "title": "Contact",
        "slug": "contact",
        "intro": "<p>Write to us.</p>",
        "contact_email": "hello@vintagewithoutborders.example",
        "phone": "+33 5 56 00 00 00",
        "address": "12 quai des Chartrons\n33000 Bordeaux\nFrance",
    }
    return add_child(parent, ContactPage(**{**defaults, **fields}))


def build_faq(parent: Page, items: list[tuple[str, str, str]], **fields) -> FAQPage:
    """`items`: (category, question, answer db-html) in order."""
    defaults = {"title": "FAQ", "slug": "faq", "intro": "Answers to common questions."}
    page = FAQPage(**{**defaults, **fields})
    page.faq_items = [
        FAQItem(category=category, question=question, answer=answer, sort_order=index)
        for index, (category, question, answer) in enumerate(items)
    ]
    return add_child(parent, page)


def build_barrel_index(parent: Page, **fields) -> BarrelIndexPage:
    defaults = {"title": "Barrels", "slug": "barrels", "intro": "Every barrel has a story."}
    return add_child(parent, BarrelIndexPage(**{**defaults, **fields}))


_NEW = object()


def build_barrel_page(
    parent: BarrelIndexPage, *, barrel=_NEW, publish: bool = True, **fields
) -> BarrelPage:
    """A barrel page for `barrel` (a new catalog barrel by default; None for no barrel)."""
    if barrel is _NEW:
        barrel = BarrelFactory()
    defaults = {
        "title": barrel.name if barrel else "A barrel",
        "slug": barrel.slug if barrel else "a-barrel",
        "teaser": "Two years of Saint-Émilion in French oak.",
        "provenance": "<p>From a <b>Saint-Émilion</b> estate.</p>",
        "tasting_notes": "<p>Red fruit, vanilla.</p>",
        "use_notes": "<ul><li>Whisky finishing</li></ul>",
    }
    return add_child(parent, BarrelPage(barrel=barrel, **{**defaults, **fields}), publish=publish)

"""Demo pages for `make run`: home, About us, Contact, FAQ and barrel pages. Idempotent.

Pages are looked up by slug under their parent before anything is created. Barrel pages are
made for a few active catalog barrels when the catalog has demo data (catalog.demo runs first).
"""

from wagtail.models import Page, Site

from catalog.models import Barrel, BarrelStatus
from cms_pages.demo_faq import FAQ
from cms_pages.models import (
    BarrelIndexPage,
    BarrelPage,
    ContactPage,
    FAQItem,
    FAQPage,
    HomePage,
    HomePageFeaturedBarrel,
    StandardPage,
)

BARREL_PAGES = 3


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _child(parent: Page, model, slug: str, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    return existing or _publish(parent, model(slug=slug, **fields))


def _home() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = _publish(
            root,
            HomePage(
                title="Vintage Without Borders",
                slug="vwb-home",
                seo_title="Used wine and spirits barrels, shipped worldwide",
                search_description="Ex-Bordeaux, ex-bourbon and ex-sherry barrels for "
                "distilleries, breweries and makers, delivered across borders.",
                hero_title="Barrels with a past, for your next spirit",
                hero_text="Hand-picked wine and spirits casks from European cellars, checked "
                "one by one and shipped to more than 40 countries.",
                hero_cta_label="Browse barrels",
                hero_cta_path="/barrels/",
                highlights=[
                    (
                        "highlight",
                        {
                            "title": "Smell-checked",
                            "icon": "shield",
                            "text": "Every barrel is inspected and nosed before it ships.",
                        },
                    ),
                    (
                        "highlight",
                        {
                            "title": "Worldwide",
                            "icon": "globe",
                            "text": "Road freight across Europe, sea freight overseas.",
                        },
                    ),
                    (
                        "highlight",
                        {
                            "title": "For trade",
                            "icon": "handshake",
                            "text": "Tier prices and quotes for distilleries.",
                        },
                    ),
                ],
            ),
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            root_page=home,
            is_default_site=True,
            site_name="Vintage Without Borders",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Vintage Without Borders"
        site.save()
    # Wagtail's placeholder "Welcome" page is no longer any site's root: remove it.
    Page.objects.filter(depth=2, content_type__model="page", sites_rooted_here=None).delete()
    return home


def _faq(home: HomePage) -> FAQPage:
    existing = FAQPage.objects.child_of(home).filter(slug="faq").first()
    if existing:
        return existing
    page = FAQPage(
        title="Frequently asked questions",
        slug="faq",
        intro="Buying a used barrel from another country raises practical questions: here are "
        "the ones we hear most.",
    )
    page.faq_items = [
        FAQItem(category=category, question=question, answer=answer, sort_order=index)
        for index, (category, question, answer) in enumerate(FAQ)
    ]
    return _publish(home, page)


def _barrel_pages(home: HomePage) -> list[BarrelPage]:
    index = _child(
        home,
        BarrelIndexPage,
        "barrels",
        title="Barrels",
        intro="Every barrel has a story: here are some of them.",
    )
    pages = list(BarrelPage.objects.child_of(index))
    if pages:
        return pages
    barrels = Barrel.objects.filter(status=BarrelStatus.ACTIVE, cms_page__isnull=True)
    for barrel in barrels.order_by("id")[:BARREL_PAGES]:
        content = barrel.get_previous_content_display()
        pages.append(
            _publish(
                index,
                BarrelPage(
                    title=barrel.name,
                    slug=barrel.slug,
                    barrel=barrel,
                    teaser=f"{barrel.volume_liters} L {barrel.get_wood_type_display().lower()}, "
                    f"ex-{content.lower()}.",
                    story=[
                        (
                            "paragraph",
                            f"<p>This cask spent {barrel.previous_fills} fill(s) holding "
                            f"{content.lower()} before we bought it from its cellar.</p>",
                        )
                    ],
                    provenance=f"<p>Coopered by {barrel.cooperage or 'an independent cooper'}, "
                    f"from {barrel.get_origin_country_display()}.</p>",
                    tasting_notes="<p>Expect the wood to give back what it held: fruit, spice and "
                    "a soft tannic grip.</p>",
                    use_notes="<ul><li>Finishing whisky or rum for 6 to 18 months</li>"
                    "<li>Ageing stouts and sour beers</li></ul>",
                ),
            )
        )
    if pages and not home.featured_barrels.exists():
        home.featured_barrels = [
            HomePageFeaturedBarrel(barrel_page=page, sort_order=n) for n, page in enumerate(pages)
        ]
        home.save_revision().publish()
    return pages


def load(*, stdout) -> list[str]:
    home = _home()
    _child(
        home,
        StandardPage,
        "about",
        title="About us",
        intro="We give good barrels a second life, wherever the next distiller is.",
        body=[
            ("heading", {"text": "From Bordeaux cellars to the world", "level": "h2"}),
            (
                "paragraph",
                "<p>Vintage Without Borders started in 2019 with a simple "
                "observation: thousands of sound wine barrels leave French cellars every year, "
                "while distilleries and breweries abroad struggle to find them.</p>",
            ),
            (
                "quote",
                {
                    "quote": "A barrel remembers everything it has held.",
                    "attribution": "Our head cooper",
                },
            ),
            (
                "paragraph",
                "<p>We buy directly from estates and distilleries, check every "
                "cask by hand and ship it with the paperwork your customs broker needs.</p>",
            ),
        ],
    )
    _child(
        home,
        ContactPage,
        "contact",
        title="Contact",
        intro="<p>Questions about a barrel, shipping or a trade account? Write to us.</p>",
        contact_email="hello@vintagewithoutborders.example",
        phone="+33 5 56 00 00 00",
        address="12 quai des Chartrons\n33000 Bordeaux\nFrance",
    )
    faq = _faq(home)
    barrel_pages = _barrel_pages(home)
    lines = [
        f"CMS pages: home, /about/, /contact/, /faq/ ({faq.faq_items.count()} questions), "
        f"{len(barrel_pages)} barrel page(s) under /barrels/ (GET /api/v2/pages/)",
    ]
    if not barrel_pages:
        lines.append("CMS pages: no active catalog barrels yet, so no barrel pages.")
    return lines

"""The page API returns the exact JSON of each page type, live pages only."""

import pytest
from wagtail.models import Page

from cms_pages.models import HomePageFeaturedBarrel
from cms_pages.tests.api.helpers import page_meta, rendition, seo
from cms_pages.tests.factories import (
    build_barrel_index,
    build_barrel_page,
    build_contact,
    build_faq,
    build_home,
    build_standard,
    make_image,
)

pytestmark = pytest.mark.django_db


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response.json()


def test_home_page_json_has_hero_featured_barrels_and_highlights(
    client, django_assert_max_num_queries
):
    hero = make_image("Cellar hero")
    social = make_image("Social card")
    home = build_home(
        hero_image=hero,
        social_image=social,
        seo_title="Used wine and spirits barrels",
        search_description="Barrels from French and Scottish cellars, shipped worldwide.",
        highlights=[
            ("highlight", {"title": "Worldwide", "text": "40 countries.", "icon": "globe"})
        ],
    )
    index = build_barrel_index(home)
    barrel_page = build_barrel_page(index)
    home.featured_barrels = [HomePageFeaturedBarrel(barrel_page=barrel_page, sort_order=0)]
    home.save_revision().publish()

    get_json(client, f"/api/v2/pages/{home.pk}/")  # first call creates the renditions
    with django_assert_max_num_queries(14):
        data = get_json(client, f"/api/v2/pages/{home.pk}/")

    home.refresh_from_db()
    highlight_id = home.highlights[0].id
    barrel = barrel_page.barrel
    assert data == {
        "id": home.pk,
        "meta": page_meta(home, parent=None, path="/"),
        "title": "Vintage Without Borders",
        "seo": seo(home, "/", rendition(social, "fill-1200x630", 1200, 630)),
        "hero": {
            "title": "Barrels with a past, for your next spirit",
            "text": "Used wine and spirits barrels, shipped worldwide.",
            "image": rendition(hero, "fill-1600x900", 1600, 900),
            "cta_label": "Browse barrels",
            "cta_path": "/barrels/",
        },
        "featured_barrels": [
            {
                "id": barrel_page.pk,
                "title": barrel.name,
                "path": f"/barrels/{barrel.slug}/",
                "url": f"http://localhost:3000/barrels/{barrel.slug}/",
                "teaser": "Two years of Saint-Émilion in French oak.",
                "image": None,
                "barrel": data["featured_barrels"][0]["barrel"],  # asserted in the barrel tests
            }
        ],
        "highlights": [
            {
                "type": "highlight",
                "value": {"title": "Worldwide", "text": "40 countries.", "icon": "globe"},
                "id": highlight_id,
            }
        ],
    }
    assert data["featured_barrels"][0]["barrel"]["price"] == "290.00"


def test_standard_page_json_has_every_body_block(client, cms_home):
    image = make_image("Cooper at work")
    about = build_standard(
        cms_home,
        body=[
            ("heading", {"text": "Our story", "level": "h2"}),
            (
                "paragraph",
                '<p>Founded in <b>Bordeaux</b>, see <a href="https://example.com">this</a>.</p>',
            ),
            ("image", {"image": image, "caption": "Our cooper"}),
            ("quote", {"quote": "A barrel remembers.", "attribution": "Jeanne, cooper"}),
            ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ],
    )
    data = get_json(client, f"/api/v2/pages/{about.pk}/")
    ids = [block.id for block in about.body]
    assert data == {
        "id": about.pk,
        "meta": page_meta(about, parent=cms_home, path="/about/"),
        "title": "About us",
        "seo": seo(about, "/about/"),
        "intro": "Who we are.",
        "body": [
            {"type": "heading", "value": {"text": "Our story", "level": "h2"}, "id": ids[0]},
            {
                "type": "paragraph",
                "value": '<p>Founded in <b>Bordeaux</b>, see <a href="https://example.com">this</a>.</p>',
                "id": ids[1],
            },
            {
                "type": "image",
                "value": {
                    "image": rendition(image, "max-1200x1200", 1200, 750),
                    "caption": "Our cooper",
                },
                "id": ids[2],
            },
            {
                "type": "quote",
                "value": {"quote": "A barrel remembers.", "attribution": "Jeanne, cooper"},
                "id": ids[3],
            },
            {
                "type": "embed",
                "value": {
                    "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                    "provider": "youtube",
                    "video_id": "dQw4w9WgXcQ",
                    "player_url": "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
                },
                "id": ids[4],
            },
        ],
    }


def test_contact_page_json_describes_the_form(client, cms_home):
    contact = build_contact(cms_home)
    data = get_json(client, f"/api/v2/pages/{contact.pk}/")
    assert data == {
        "id": contact.pk,
        "meta": page_meta(contact, parent=cms_home, path="/contact/"),
        "title": "Contact",
        "seo": seo(contact, "/contact/"),
        "intro": "<p>Write to us.</p>",
        "contact_email": "hello@vintagewithoutborders.example",
        "phone": "+33 5 56 00 00 00",
        "address": "12 quai des Chartrons\n33000 Bordeaux\nFrance",
        "form": {
            "endpoint": "/v1/contact-messages",
            "topics": [
                {"value": "general", "label": "General question"},
                {"value": "barrel", "label": "A barrel in the catalogue"},
                {"value": "shipping", "label": "Shipping and delivery"},
                {"value": "b2b", "label": "Business (B2B) purchase"},
                {"value": "order", "label": "An existing order"},
            ],
            "max_message_length": 5000,
            "success_message": "Thank you: we answer within one business day.",
        },
    }


def test_faq_page_json_groups_questions_by_category_in_order(client, cms_home):
    faq = build_faq(
        cms_home,
        [
            ("payment", "Which currencies?", "<p>EUR, USD and GBP.</p>"),
            ("shipping", "Do you ship to Japan?", "<p>Yes, by sea freight.</p>"),
            ("barrel_care", "How do I store a barrel?", "<p>Keep it <i>full</i> or sulphured.</p>"),
            ("shipping", "How long does delivery take?", "<p>Two to six weeks.</p>"),
        ],
    )
    data = get_json(client, f"/api/v2/pages/{faq.pk}/")
    assert data == {
        "id": faq.pk,
        "meta": page_meta(faq, parent=cms_home, path="/faq/"),
        "title": "FAQ",
        "seo": seo(faq, "/faq/"),
        "intro": "Answers to common questions.",
        "categories": [
            {
                "key": "shipping",
                "label": "Shipping and delivery",
                "items": [
                    {"question": "Do you ship to Japan?", "answer": "<p>Yes, by sea freight.</p>"},
                    {
                        "question": "How long does delivery take?",
                        "answer": "<p>Two to six weeks.</p>",
                    },
                ],
            },
            {
                "key": "payment",
                "label": "Payment and pricing",
                "items": [{"question": "Which currencies?", "answer": "<p>EUR, USD and GBP.</p>"}],
            },
            {
                "key": "barrel_care",
                "label": "Barrel care",
                "items": [
                    {
                        "question": "How do I store a barrel?",
                        "answer": "<p>Keep it <i>full</i> or sulphured.</p>",
                    }
                ],
            },
        ],
    }


def test_find_by_html_path_returns_the_live_page_in_one_call(client, cms_home):
    about = build_standard(cms_home)
    data = get_json(client, "/api/v2/pages/find/?html_path=/about/")
    assert data["id"] == about.pk
    assert data["meta"]["type"] == "cms_pages.StandardPage"
    assert get_json(client, "/api/v2/pages/find/?html_path=/")["id"] == cms_home.pk


def test_find_unknown_or_draft_path_is_404(client, cms_home):
    build_standard(cms_home, slug="draft", title="Draft", publish=False)
    assert client.get("/api/v2/pages/find/?html_path=/nowhere/").status_code == 404
    assert client.get("/api/v2/pages/find/?html_path=/draft/").status_code == 404


def test_only_live_pages_are_listed_or_served(client, cms_home):
    live = build_standard(cms_home, slug="live", title="Live")
    draft = build_standard(cms_home, slug="draft", title="Draft", publish=False)
    withdrawn = build_standard(cms_home, slug="withdrawn", title="Withdrawn")
    withdrawn.unpublish()

    listing = get_json(client, "/api/v2/pages/")
    ids = {item["id"] for item in listing["items"]}
    assert ids == {cms_home.pk, live.pk}
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{withdrawn.pk}/").status_code == 404


def test_pages_outside_the_site_are_not_served(client, cms_home):
    welcome = Page.objects.get(depth=2, slug="home")  # Wagtail's default page, not our site
    assert client.get(f"/api/v2/pages/{welcome.pk}/").status_code == 404


def test_listing_query_count_does_not_grow_with_pages(
    client, cms_home, django_assert_max_num_queries
):
    for n in range(8):
        build_standard(cms_home, slug=f"page-{n}", title=f"Page {n}")
    with django_assert_max_num_queries(8):
        data = get_json(client, "/api/v2/pages/?type=cms_pages.StandardPage&fields=intro,seo")
    assert data["meta"]["total_count"] == 8


def test_page_api_errors_take_the_one_problem_format(client, cms_home):
    """Wagtail's own {"message"} answers (unknown page, bad query) become problem details, as
    every /v1/ error is."""
    draft = build_standard(cms_home, slug="draft", title="Draft", publish=False)
    cases = [
        ("/api/v2/pages/find/?html_path=/nowhere/", 404, "not_found"),
        (f"/api/v2/pages/{draft.pk}/", 404, "not_found"),
        ("/api/v2/pages/?no_such_filter=1", 400, "invalid_query"),
        ("/api/v2/pages/?limit=abc", 400, "invalid_query"),
        ("/api/v2/pages/?order=no_such_field", 400, "invalid_query"),
    ]
    for path, status, code in cases:
        response = client.get(path)
        assert response.status_code == status, (path, response.content)
        assert response["Content-Type"] == "application/problem+json", path
        body = response.json()
        assert (body["status"], body["code"]) == (status, code), (path, body)
        assert body["detail"] and "message" not in body, (path, body)


def test_page_links_share_the_storefront_base_url(client, settings):
    """`meta.html_url`, its parent's, and the featured barrels' `url` all name the storefront's
    host (FRONTEND_BASE_URL), never the Wagtail Site's backend hostname."""
    settings.FRONTEND_BASE_URL = "https://shop.example.com"
    home = build_home()
    index = build_barrel_index(home)
    barrel_page = build_barrel_page(index)
    home.featured_barrels = [HomePageFeaturedBarrel(barrel_page=barrel_page, sort_order=0)]
    home.save_revision().publish()

    page = get_json(client, f"/api/v2/pages/{barrel_page.pk}/")
    card = get_json(client, f"/api/v2/pages/{home.pk}/")["featured_barrels"][0]
    found = get_json(client, f"/api/v2/pages/find/?html_path={barrel_page.url}")

    assert page["meta"]["html_url"] == f"https://shop.example.com{barrel_page.url}"
    assert card["url"] == page["meta"]["html_url"] == found["meta"]["html_url"]
    assert page["meta"]["parent"]["meta"]["html_url"] == f"https://shop.example.com{index.url}"
    listing = get_json(client, f"/api/v2/pages/?child_of={index.pk}&fields=_,html_url")
    assert listing["items"][0]["meta"]["html_url"] == page["meta"]["html_url"]


def test_pages_are_public_with_etag_surrogate_keys_and_a_304(client, cms_home, settings):
    settings.CDN_PAGES_MAX_AGE = 90
    settings.CDN_STALE_WHILE_REVALIDATE = 30
    about = build_standard(cms_home)
    for url, keys in (
        ("/api/v2/pages/", "pages page-list"),
        (f"/api/v2/pages/{about.pk}/", f"pages page-{about.pk}"),
        ("/api/v2/pages/find/?html_path=/about/", f"pages page-{about.pk}"),
    ):
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
        assert response["Cache-Control"] == "public, max-age=90, stale-while-revalidate=30"
        assert response["Surrogate-Key"] == keys and response["Cache-Tag"] == keys.replace(" ", ",")
        assert "Authorization" in response["Vary"]
        etag = response["ETag"]
        assert etag.startswith('"') and len(etag) == 34
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    about.title = "About us, renamed"
    about.save_revision().publish()
    assert client.get(f"/api/v2/pages/{about.pk}/")["ETag"] != etag

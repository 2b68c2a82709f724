"""Redirects and the sitemap, as the storefront needs them."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from cms_pages.tests.factories import build_standard

pytestmark = pytest.mark.django_db


def test_resolve_redirect_to_a_page_gives_its_storefront_path(api_client, cms_home):
    about = build_standard(cms_home)
    Redirect.add_redirect("/about-us.html", about, is_permanent=True)
    response = api_client.get("/v1/redirects/resolve", {"path": "/about-us.html/"})
    assert response.status_code == 200
    assert response.json() == {
        "old_path": "/about-us.html",
        "location": "/about/",
        "is_permanent": True,
    }


def test_resolve_unknown_path_is_a_404_problem(api_client, cms_home):
    response = api_client.get("/v1/redirects/resolve", {"path": "/nothing"})
    assert response.status_code == 404
    assert response.json()["code"] == "redirect_not_found"
    assert api_client.get("/v1/redirects/resolve").status_code == 400


def test_redirect_list_skips_redirects_to_unpublished_pages(
    api_client, cms_home, django_assert_max_num_queries
):
    about = build_standard(cms_home)
    gone = build_standard(cms_home, slug="gone", title="Gone")
    Redirect.add_redirect("/old-about", about)
    Redirect.add_redirect("/old-gone", gone)
    Redirect.add_redirect("/blog", "https://blog.example/", is_permanent=False)
    gone.unpublish()
    with django_assert_max_num_queries(4):
        response = api_client.get("/v1/redirects")
    assert response.status_code == 200
    assert response.json()["results"] == [
        {"old_path": "/blog", "location": "https://blog.example/", "is_permanent": False},
        {"old_path": "/old-about", "location": "/about/", "is_permanent": True},
    ]


def test_sitemap_lists_live_pages_at_storefront_urls(client, cms_home, settings):
    settings.FRONTEND_BASE_URL = "https://shop.example"
    build_standard(cms_home)
    build_standard(cms_home, slug="draft", title="Draft", publish=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<loc>https://shop.example/</loc>" in body
    assert "<loc>https://shop.example/about/</loc>" in body
    assert "draft" not in body

import io

import pytest

from catalog.tests.factories import BarrelFactory
from cms_pages import demo
from cms_pages.models import BarrelPage, FAQPage, HomePage, StandardPage

pytestmark = pytest.mark.django_db


def test_demo_content_is_complete_and_idempotent(client):
    BarrelFactory.create_batch(4)
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())

    assert HomePage.objects.count() == 1
    assert StandardPage.objects.filter(slug="about").count() == 1
    assert FAQPage.objects.get().faq_items.count() >= 12
    assert BarrelPage.objects.live().count() == 3
    home = client.get("/api/v2/pages/find/?html_path=/").json()
    assert len(home["featured_barrels"]) == 3
    faq = client.get("/api/v2/pages/find/?html_path=/faq/").json()
    assert {c["key"] for c in faq["categories"]} == {"shipping", "payment", "b2b", "barrel_care"}

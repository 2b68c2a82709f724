"""With Redis down, the page API still answers (the cache degrades to misses)."""

import pytest

from cms_pages.tests.factories import build_standard
from conftest import free_port

pytestmark = pytest.mark.django_db


def test_page_api_answers_with_the_cache_on_a_dead_port(client, cms_home, settings):
    about = build_standard(cms_home, intro="Still here.")
    dead = free_port()  # nothing listens there
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": f"redis://127.0.0.1:{dead}/0",
        }
    }
    from django.core.cache import cache

    assert str(dead) in str(cache._server)  # really the dead port
    assert cache.get("anything", "miss") == "miss"

    response = client.get(f"/api/v2/pages/{about.pk}/")
    assert response.status_code == 200
    assert response.json()["intro"] == "Still here."
    assert client.get("/api/v2/pages/find/?html_path=/about/").status_code == 200
    assert client.get("/api/v2/pages/").status_code == 200

"""The API docs work with no internet: every asset they load is served by this project."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from vwb_site.tests.production import production_env, run

pytestmark = pytest.mark.django_db

DOC_PAGES = ["/v1/docs", "/v1/redoc"]


class AssetCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.assets.append(attrs["href"])


def assets_of(html: str) -> list[str]:
    collector = AssetCollector()
    collector.feed(html)
    return collector.assets


def get_docs_page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


@pytest.mark.parametrize("path", DOC_PAGES)
def test_docs_pages_reference_only_local_static_assets(client, path):
    html = get_docs_page(client, path)
    assets = assets_of(html)
    assert assets, "the page loads its UI from script/link tags"
    assert all(a.startswith("/static/drf_spectacular_sidecar/") for a in assets), assets
    # Nothing else reaches out either: no fonts, CDNs or the online validator.
    assert not re.search(r"https?://", html), re.findall(r"https?://[^\s\"']+", html)
    assert "/v1/schema" in html


@pytest.mark.parametrize("path", DOC_PAGES)
def test_docs_assets_are_served_with_debug_off(settings, path):
    settings.DEBUG = False
    client = Client()  # a fresh handler: WhiteNoise reads its settings when it starts
    for asset in assets_of(get_docs_page(client, path)):
        response = client.get(asset)
        assert response.status_code == 200, asset
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert len(body) > 500, asset


def test_schema_behind_the_docs_is_served(client):
    response = client.get("/v1/schema")
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3")


def test_after_collectstatic_production_serves_hashed_docs_assets(settings, tmp_path):
    """What the Docker image does: collectstatic with the production storage, DEBUG off."""
    static_root = tmp_path / "static"
    result = run(
        ["manage.py", "collectstatic", "--noinput", "-v", "0"],
        production_env(STATIC_ROOT=str(static_root)),
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (static_root / "staticfiles.json").exists()

    settings.DEBUG = False
    settings.STATIC_ROOT = str(static_root)
    settings.WHITENOISE_USE_FINDERS = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    client = Client()
    for path in DOC_PAGES:
        for asset in assets_of(get_docs_page(client, path)):
            if asset.endswith(".png"):
                continue
            assert re.search(r"\.[0-9a-f]{12}\.(js|css)$", asset), asset  # cache-busting name
            response = client.get(asset, HTTP_ACCEPT_ENCODING="gzip")
            assert response.status_code == 200, asset
            assert response["Content-Encoding"] == "gzip"
            assert "immutable" in response["Cache-Control"]

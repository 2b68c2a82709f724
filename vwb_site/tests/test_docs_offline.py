"""The API docs work with no internet: every asset they load is served by this project."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from vwb_site.tests.production import production_env, run

pytestmark = pytest.mark.django_db

DOC_PAGES = ["/v1/docs", "/v1/redoc"]
# Served by the project itself, not from /static/: Swagger UI's initialiser (the split view's
# `?script`, so the page has no inline script) and ReDoc's bundle with its logo made local.
SERVED_BY_VIEWS = ("/v1/docs?script", "/v1/redoc/bundle.js")


def is_local_asset(url: str) -> bool:
    return url.startswith("/static/drf_spectacular_sidecar/") or url.startswith(SERVED_BY_VIEWS)


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
    assert all(is_local_asset(a) for a in assets), assets
    # Nothing else reaches out either: no fonts, CDNs or the online validator.
    assert not re.search(r"https?://", html), re.findall(r"https?://[^\s\"']+", html)
    if path == "/v1/docs":  # the schema URL is in the initialiser, a script of its own
        html = Client().get("/v1/docs?script=").content.decode()
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
            if asset.endswith(".png") or asset.startswith(SERVED_BY_VIEWS):
                continue
            assert re.search(r"\.[0-9a-f]{12}\.(js|css)$", asset), asset  # cache-busting name
            response = client.get(asset, HTTP_ACCEPT_ENCODING="gzip")
            assert response.status_code == 200, asset
            assert response["Content-Encoding"] == "gzip"
            assert "immutable" in response["Cache-Control"]


# --- what the bundles themselves request ------------------------------------------------------


@pytest.mark.parametrize("path", DOC_PAGES)
def test_docs_pages_allow_no_external_origin(client, path):
    """ReDoc's bundle requests its logo from its CDN: the policy lets the browser load nothing
    from anywhere but this server, so that request is never sent."""
    response = client.get(path)
    policy = dict(
        [*directive.split(" ", 1), ""][:2]
        for directive in response["Content-Security-Policy"].split("; ")
    )
    assert policy["default-src"] == "'self'"
    for directive in ("img-src", "script-src", "style-src", "font-src", "connect-src"):
        sources = policy[directive].split()
        assert not [
            s for s in sources if "://" in s or (s.endswith(":") and s not in {"data:", "blob:"})
        ], (
            directive,
            sources,
        )


@pytest.fixture
def chromium():
    import shutil

    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Chromium is not installed (apt-get install chromium): browser test skipped.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "rendered"),
    [
        ("/v1/redoc", "a[href='#tag/orders/operation/orders_create']"),
        ("/v1/docs", "#operations-orders-orders_create"),
    ],
)
def test_docs_render_in_chromium_without_one_request_off_this_server(
    live_server, chromium, path, rendered
):
    page = chromium.new_page()
    page.set_default_timeout(30_000)
    requested: list[str] = []
    answered: list[str] = []
    blocked: list[tuple[str, str]] = []
    console: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("response", lambda response: answered.append(response.url))
    page.on("requestfailed", lambda request: blocked.append((request.url, request.failure)))
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    main = page.goto(f"{live_server.url}{path}")
    page.wait_for_selector(rendered, state="attached")
    page.wait_for_load_state("networkidle")
    if path == "/v1/redoc":  # the operations' human descriptions, and the logo made local
        assert "Who may call it" in page.content()
        logo = page.locator("img[alt='redocly logo']")
        assert logo.count() == 1 and logo.get_attribute("src").startswith("data:image/svg+xml")
    local = (live_server.url, "data:", "blob:")
    # Under the Content-Security-Policy: nothing is requested from elsewhere, nothing refused,
    # and the console reports no violation (an inline script without the nonce would).
    assert [url for url in requested if not url.startswith(local)] == []
    assert blocked == []
    assert [m for m in console if "Content Security Policy" in m or "Refused to" in m] == []
    assert "nonce-" in main.headers["content-security-policy"] or path == "/v1/docs"
    script_src = [
        d for d in main.headers["content-security-policy"].split("; ") if d.startswith("script-src")
    ]
    assert script_src and "'unsafe-inline'" not in script_src[0], script_src
    assert any(url.endswith("/v1/schema") for url in requested)

"""The API reference pages (Swagger UI at /v1/docs, ReDoc at /v1/redoc), fully offline and
under the project's Content-Security-Policy (vwb_site/csp.py, django-csp).

Their assets come from this server's /static/ (drf-spectacular-sidecar) and the templates load
no web font. Swagger UI is drf-spectacular's split view: its initialising script is a separate
request (`?script`), so the page has no inline script. ReDoc's page keeps one small inline
initialiser, which carries the request's CSP nonce.

ReDoc's bundle renders, in its sidebar footer, an `<img>` whose source is ReDoc's CDN
(`cdn.redoc.ly/.../logo-mini.svg`). The policy would refuse it (a console violation each
time), so `/v1/redoc/bundle.js` serves the sidecar's bundle with that one URL replaced by a
local `data:` image: nothing is requested from elsewhere and nothing is refused.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

import drf_spectacular_sidecar
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

REDOC_CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
# A small local mark in place of the CDN logo (a grey barrel outline).
LOCAL_LOGO = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E"
    "%3Crect x='3' y='1' width='10' height='14' rx='4' fill='none' stroke='%23888'/%3E%3C/svg%3E"
)
REDOC_BUNDLE = (
    Path(drf_spectacular_sidecar.__file__).parent
    / "static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
)


@lru_cache(maxsize=1)
def redoc_bundle() -> tuple[bytes, str]:
    body = REDOC_BUNDLE.read_bytes().replace(REDOC_CDN_LOGO.encode(), LOCAL_LOGO.encode())
    return body, hashlib.sha256(body).hexdigest()[:16]


def redoc_bundle_view(request: HttpRequest) -> HttpResponse:
    body, etag = redoc_bundle()
    if request.headers.get("If-None-Match") == f'"{etag}"':
        return HttpResponse(status=304)
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["ETag"] = f'"{etag}"'
    response["Cache-Control"] = "public, max-age=86400"
    return response


class OfflineSwaggerView(SpectacularSwaggerSplitView):
    pass


class OfflineRedocView(SpectacularRedocView):
    template_name = "vwb_site/redoc.html"

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.data["redoc_standalone"] = reverse("v1:redoc-bundle")
        return response

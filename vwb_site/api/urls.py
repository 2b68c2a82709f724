"""The versioned REST API: every app's `api/urls.py` under `/v1/`, plus the schema and docs."""

from django.http import Http404
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from vwb_site.api.docs import OfflineRedocView, OfflineSwaggerView, redoc_bundle_view


def unknown_endpoint(request, rest: str = ""):
    """Anything else under /v1/ is a 404 problem, not a slash redirect into the page tree."""
    raise Http404


urlpatterns = [
    path("", include("accounts.api.urls")),
    path("", include("catalog.api.urls")),
    path("", include("commerce.api.urls")),
    path("", include("quotes.api.urls")),
    path("", include("reporting.api.urls")),
    path("", include("cms_pages.api.urls")),
    path("schema", SpectacularAPIView.as_view(), name="schema"),
    path("docs", OfflineSwaggerView.as_view(url_name="v1:schema"), name="docs"),
    path("redoc/bundle.js", redoc_bundle_view, name="redoc-bundle"),
    path("redoc", OfflineRedocView.as_view(url_name="v1:schema"), name="redoc"),
    # Keep last.
    re_path(r"^(?P<rest>.*)$", unknown_endpoint, name="unknown"),
]

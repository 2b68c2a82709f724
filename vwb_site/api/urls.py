"""The versioned REST API: every app's `api/urls.py` under `/v1/`, plus the schema and docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

urlpatterns = [
    path("", include("accounts.api.urls")),
    path("", include("catalog.api.urls")),
    path("", include("commerce.api.urls")),
    path("", include("quotes.api.urls")),
    path("", include("reporting.api.urls")),
    path("", include("cms_pages.api.urls")),
    path("schema", SpectacularAPIView.as_view(), name="schema"),
    path("docs", SpectacularSwaggerView.as_view(url_name="v1:schema"), name="docs"),
    path("redoc", SpectacularRedocView.as_view(url_name="v1:schema"), name="redoc"),
]

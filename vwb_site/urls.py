from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from vwb_site.api import health, metrics
from vwb_site.media import media_urlpatterns

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("v1/", include(("vwb_site.api.urls", "v1"), namespace="v1")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Headless page API, sitemap, previews: owned by cms_pages.
    path("", include("cms_pages.urls")),
]

if settings.DEBUG:
    # Public media only: private folders (order documents...) answer 404 (vwb_site/media.py).
    urlpatterns += media_urlpatterns()

urlpatterns += [path("", include(wagtail_urls))]

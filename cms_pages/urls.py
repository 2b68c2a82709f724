"""Non-versioned URLs owned by the CMS: the headless page API and the sitemap.

Mounted at the site root, before Wagtail's own page serving.
"""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from cms_pages.headless.views import api_router

urlpatterns = [
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
]

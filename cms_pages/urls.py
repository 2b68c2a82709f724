"""Non-versioned URLs owned by the CMS: the headless page API, sitemap and previews."""

urlpatterns: list = []

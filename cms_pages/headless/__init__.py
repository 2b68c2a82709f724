"""The headless side of the CMS: page API (Wagtail API v2), preview tokens, sitemap."""

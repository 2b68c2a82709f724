"""The container tests' fixtures (vwb_site/tests/container_support.py), registered once, so the
image is built once per test session for every module that uses it."""

from vwb_site.tests.container_support import database_url, image  # noqa: F401

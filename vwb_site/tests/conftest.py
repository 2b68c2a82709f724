"""The container tests' fixtures (vwb_site/tests/container_support.py), registered once, so the
image is built once per test session for every module that uses it; and the two-of-each
cluster (vwb_site/tests/cluster.py), started once per module that uses it."""

from vwb_site.tests.cluster import cluster, store  # noqa: F401
from vwb_site.tests.container_support import database_url, image  # noqa: F401

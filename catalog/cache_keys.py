"""Catalog cache versioning: bump a version to invalidate every cached list and detail."""

from django.core.cache import cache

CATALOG_VERSION_KEY = "catalog:version"


def catalog_version() -> int:
    version = cache.get(CATALOG_VERSION_KEY)
    if version is None:
        version = 1
        cache.add(CATALOG_VERSION_KEY, version, timeout=None)
    return int(version)


def invalidate_barrels(barrel_ids: list[int]) -> None:
    try:
        cache.incr(CATALOG_VERSION_KEY)
    except ValueError:
        cache.set(CATALOG_VERSION_KEY, 2, timeout=None)

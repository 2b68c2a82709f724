"""Catalog cache versioning: bump a version to invalidate every cached list and detail.

Every cached catalog response is stored with the catalog version current when it was computed,
and served only while that is still the current version: one `INCR` (after commit of any barrel
or stock change) invalidates all of them; they expire on their own (CATALOG_CACHE_TIMEOUT). A
read fetches the version and the entry in one round trip (`MGET`). When the version key is
missing (evicted, Redis restarted) it restarts from the current time in milliseconds, never from
a small number an old entry may carry.

The cache is django-redis with IGNORE_EXCEPTIONS: with Redis down, reads miss and writes are
dropped, so the API serves from the database. Staleness after an outage is bounded by the TTL.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

CATALOG_VERSION_KEY = "catalog:version"


def _fresh_version() -> int:
    return int(time.time() * 1000)


def catalog_version() -> int:
    version = cache.get(CATALOG_VERSION_KEY)
    if version is None:
        version = _fresh_version()
        if not cache.add(CATALOG_VERSION_KEY, version, timeout=None):
            version = cache.get(CATALOG_VERSION_KEY) or version
    return int(version)


def invalidate_barrels(barrel_ids: list[int]) -> None:
    try:
        result = cache.incr(CATALOG_VERSION_KEY)
    except ValueError:
        result = None
    if result is None:  # missing key (ValueError) or Redis down (None): start a new epoch
        cache.set(CATALOG_VERSION_KEY, _fresh_version(), timeout=None)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def list_key(*, normalised_query: str, audience: str) -> str:
    """Key of a rendered list response; `audience` is "public" or "b2b" (tier prices shown)."""
    return f"catalog:list:{audience}:{_digest(normalised_query)}"


def detail_key(*, slug: str, audience: str) -> str:
    return f"catalog:detail:{audience}:{_digest(slug)}"


def cached_get(key: str):
    """(value, version): the value stored under `key` if it belongs to the current catalog
    version (else None), and the current version to store a fresh value with."""
    found = cache.get_many([CATALOG_VERSION_KEY, key])
    version = found.get(CATALOG_VERSION_KEY)
    if version is None:
        return None, catalog_version()
    entry = found.get(key)
    if entry is not None and entry[0] == int(version):
        return entry[1], int(version)
    return None, int(version)


def cached_set(key: str, value, *, version: int) -> None:
    cache.set(key, (version, value), timeout=timeout())


def timeout() -> int:
    return settings.CATALOG_CACHE_TIMEOUT

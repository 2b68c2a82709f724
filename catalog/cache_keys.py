"""Catalog cache versioning: bump a version to invalidate every cached list and detail.

Every cached catalog response is stored with the catalog version current when it was computed,
and served only while that is still the current version: one `INCR` (after commit of any barrel
or stock change) invalidates all of them; they expire on their own (CATALOG_CACHE_TIMEOUT). A
read fetches the version and the entry in one round trip (`MGET`). When the version key is
missing (evicted, Redis restarted) it restarts from the current time in milliseconds, never from
a small number an old entry may carry.

The cache is django-redis with IGNORE_EXCEPTIONS: with Redis down, reads miss and writes are
dropped, so the API serves from the database. Staleness after an outage is bounded by the TTL.

Worker-local copies (CATALOG_LOCAL_CACHE_ENTRIES > 0, Redis only): each worker keeps the
catalog version, invalidated by Redis itself (vwb_site.redis_tracking: key tracking), and the
last rendered responses of that version. A hit on such a copy costs no Redis round trip. The
version is only trusted while tracking is live; a change made by another worker reaches this one
within milliseconds, a change made by this worker at once.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from functools import lru_cache
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

from vwb_site.core.replica import note_primary_write
from vwb_site.redis_tracking import TrackedKey, tracked_key

CATALOG_VERSION_KEY = "catalog:version"
# After a change, the lists are read from the primary while a read replica may lag (a list read
# from the replica then would be cached under the new version): vwb_site/core/replica.py.
REPLICA_SCOPE = "catalog"


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
    # First: a list computed between the bump and this mark would read a lagging replica.
    note_primary_write(REPLICA_SCOPE)
    try:
        result = cache.incr(CATALOG_VERSION_KEY)
    except ValueError:
        result = None
    if result is None:  # missing key (ValueError) or Redis down (None): start a new epoch
        cache.set(CATALOG_VERSION_KEY, _fresh_version(), timeout=None)
    local = _local()
    if local is not None:
        local.version.forget()  # this worker reads its own change at once


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


# The "2" keys hold (ETag, body) / (barrel id, ETag, body): entries of the older shape that a
# rolling deploy leaves behind are never read.
def list_key(*, normalised_query: str, audience: str) -> str:
    """Key of a rendered list response; `audience` is "public" or "b2b" (tier prices shown)."""
    return f"catalog:list2:{audience}:{_digest(normalised_query)}"


def detail_key(*, slug: str, audience: str) -> str:
    return f"catalog:detail2:{audience}:{_digest(slug)}"


# Surrogate keys (the Surrogate-Key / Cache-Tag headers) a CDN purges by.
LIST_SURROGATE_KEYS = ["barrels", "barrel-list"]


def detail_surrogate_keys(barrel_id: int) -> list[str]:
    return ["barrels", f"barrel-{barrel_id}"]


def purge_surrogate_keys(barrel_ids) -> list[str]:
    """What a CDN purges when these barrels change: their details and every list."""
    return ["barrel-list", *(f"barrel-{barrel_id}" for barrel_id in barrel_ids)]


class LocalResponses:
    """The most recently used rendered responses of one catalog version, in this process."""

    def __init__(self, size: int):
        self.size = size
        self.version: int | None = None
        self._entries: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, version: int):
        with self._lock:
            if version != self.version:
                return None
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.version = None

    def put(self, key: str, version: int, value) -> None:
        with self._lock:
            if self.version is not None and version < self.version:
                return  # computed under an older version: never served again
            if version != self.version:
                self._entries.clear()
                self.version = version
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


class LocalCopies(NamedTuple):
    version: TrackedKey  # the catalog version, invalidated by Redis
    responses: LocalResponses


def _local() -> LocalCopies | None:
    """This process's tracked catalog version and local responses, or None (disabled, or the
    cache is not Redis)."""
    size = settings.CATALOG_LOCAL_CACHE_ENTRIES
    if size <= 0:
        return None
    config = settings.CACHES["default"]
    return _local_for(
        config["BACKEND"], config.get("LOCATION") or "", cache.make_key(CATALOG_VERSION_KEY), size
    )


@lru_cache(maxsize=8)
def _local_for(backend: str, location: str, version_key: str, size: int):
    from django_redis.cache import RedisCache

    if not location or not issubclass(import_string(backend), RedisCache):
        return None
    return LocalCopies(tracked_key(location, version_key), LocalResponses(size))


def reset_local() -> None:
    """Forget this process's local copies (the version and the responses)."""
    local = _local()
    if local is not None:
        local.version.forget()
        local.responses.clear()


def cached_get(key: str):
    """(value, version): the value stored under `key` if it belongs to the current catalog
    version (else None), and the current version to store a fresh value with."""
    local = _local()
    epoch = None
    if local is not None:
        version, epoch = local.version.snapshot()
        if version is not None:
            value = local.responses.get(key, version)
            if value is not None:
                return value, version
    found = cache.get_many([CATALOG_VERSION_KEY, key])
    version = found.get(CATALOG_VERSION_KEY)
    if version is None:
        return None, catalog_version()
    version = int(version)
    if local is not None:
        local.version.keep(version, epoch)
    entry = found.get(key)
    if entry is not None and entry[0] == version:
        if local is not None:
            local.responses.put(key, version, entry[1])
        return entry[1], version
    return None, version


def cached_set(key: str, value, *, version: int) -> None:
    cache.set(key, (version, value), timeout=timeout())
    local = _local()
    if local is not None:
        local.responses.put(key, version, value)


def timeout() -> int:
    return settings.CATALOG_CACHE_TIMEOUT

"""Read-through caching for selectors and responses, degrading to the database when Redis is down.

    from vwb_site.cache import cached_in_namespace, invalidate

    def vat_rate_for(country: str) -> Decimal:
        return cached_in_namespace("commerce:checkout-config", ("vat-rate", country), 600,
                                   lambda: VatRate.objects.get(country=country).standard_rate)

    # wherever those rows change (commerce.config_cache connects it to the models' signals):
    transaction.on_commit(lambda: invalidate("commerce:checkout-config"))

- `cached_in_namespace(namespace, parts, ttl, compute)`: the same as
  `cached(namespace_key(namespace, *parts), ttl, compute)` in one Redis round trip.
- `cached(key, ttl, compute)` returns the cached value or computes, stores and returns it.
  When the cache is unreachable, `compute()` runs and its result is returned: a Redis outage
  costs speed, never a failed request. (django-redis already swallows its errors with
  IGNORE_EXCEPTIONS; errors from any other backend are caught here as well.)
- `namespace_key(namespace, *parts)` builds a key that carries the namespace's current version;
  `invalidate(namespace)` bumps the version, so every key of the namespace is dropped at once
  without scanning Redis. Old entries expire by their TTL.
- Keys are hashed when long or unsafe (query strings), so any `parts` are fine.

Values must be picklable (serializer `.data`, dicts, lists). `None` is a legitimate value.
"""

import hashlib
import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from vwb_site.logging_config import get_logger

log = get_logger("vwb_site.cache")

T = TypeVar("T")
_MISSING = object()
_MAX_PLAIN_KEY = 200


def _safe(part: object) -> str:
    text = str(part)
    if len(text) > 64 or not text.isprintable() or any(c in text for c in " :\n\t"):
        return hashlib.sha256(text.encode()).hexdigest()[:32]
    return text


def make_key(*parts: object) -> str:
    key = ":".join(_safe(part) for part in parts)
    if len(key) > _MAX_PLAIN_KEY:
        key = hashlib.sha256(key.encode()).hexdigest()
    return key


def _version_key(namespace: str) -> str:
    return f"ns-version:{namespace}"


def namespace_version(namespace: str) -> int:
    """The namespace's current version (created on first use)."""
    try:
        version = cache.get(_version_key(namespace))
        if version is None:
            # A fresh start value, never one used before, even if Redis lost the key.
            version = time.time_ns()
            if not cache.add(_version_key(namespace), version, timeout=None):
                version = cache.get(_version_key(namespace)) or version
        return int(version)
    except Exception as exc:  # noqa: BLE001 - any cache failure means "no cache"
        log.warning("cache_unavailable", operation="version", namespace=namespace, error=str(exc))
        return 0


def namespace_key(namespace: str, *parts: object) -> str:
    return make_key(namespace, f"v{namespace_version(namespace)}", *parts)


def invalidate(namespace: str) -> None:
    """Drop every key built with `namespace_key(namespace, ...)`."""
    try:
        cache.incr(_version_key(namespace))
    except ValueError:  # no version yet: nothing cached under this namespace
        pass
    except Exception as exc:  # noqa: BLE001
        log.warning(
            "cache_unavailable", operation="invalidate", namespace=namespace, error=str(exc)
        )


def cached(key: str, ttl: int | None, compute: Callable[[], T]) -> T:
    """Return the value cached under `key`, or compute, store (for `ttl` seconds) and return it."""
    try:
        value = cache.get(key, _MISSING)
    except Exception as exc:  # noqa: BLE001
        log.warning("cache_unavailable", operation="get", key=key, error=str(exc))
        return compute()
    if value is not _MISSING:
        return value
    value = compute()
    try:
        cache.set(key, value, timeout=ttl)
    except Exception as exc:  # noqa: BLE001
        log.warning("cache_unavailable", operation="set", key=key, error=str(exc))
    return value


def cached_in_namespace(
    namespace: str, parts: tuple, ttl: int | None, compute: Callable[[], T]
) -> T:
    """Like `cached(namespace_key(namespace, *parts), ttl, compute)` in one round trip: the
    entry is stored with the namespace version it was computed under, and the version and the
    entry are read together (MGET). An entry of an older version is recomputed."""
    version_key, key = _version_key(namespace), make_key(namespace, *parts)
    try:
        found = cache.get_many([version_key, key])
    except Exception as exc:  # noqa: BLE001
        log.warning("cache_unavailable", operation="get", key=key, error=str(exc))
        return compute()
    version = found.get(version_key)
    entry = found.get(key)
    if version is not None and entry is not None and entry[0] == int(version):
        return entry[1]
    if version is None:
        version = namespace_version(namespace)
    value = compute()
    try:
        cache.set(key, (int(version), value), timeout=ttl)
    except Exception as exc:  # noqa: BLE001
        log.warning("cache_unavailable", operation="set", key=key, error=str(exc))
    return value

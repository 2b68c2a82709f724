"""The catalog's cache-first HTTP plumbing: rendered responses, cache keys per audience, and the
anonymous lookup before DRF runs.

Cached responses are the rendered JSON bytes stored with the catalog version (catalog.cache_keys):
a hit costs no database query, and at most one Redis round trip (none when this worker holds the
response, CATALOG_LOCAL_CACHE_ENTRIES). Administrators always get fresh data.

Anonymous GETs (no Authorization header) are looked up in the cache before DRF runs, as Django's
FetchFromCacheMiddleware does for whole pages: a hit skips DRF's request wrapping, negotiation
and throttles, which cost more than the hit itself. Anything else (a miss, a query string that
does not parse, a signed-in user) goes through DRF as usual, throttles included.

HTTP caching (vwb_site/api/http_cache.py): every entry holds the strong ETag of its bytes next to
them, so a GET whose `If-None-Match` matches a cached entry is answered 304 before any response
body is built. Anonymous responses are `public` (CDN_CATALOG_MAX_AGE) with surrogate keys
(`barrels barrel-list`, `barrels barrel-<id>`); with an Authorization header they are `private`,
for administrators `private, no-store`.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from rest_framework.renderers import JSONRenderer

from catalog import cache_keys
from catalog.api.permissions import is_admin
from catalog.selectors import sees_tier_prices
from vwb_site.api.http_cache import apply_edge_headers, etag_matches, not_modified, strong_etag

LIST_KEYS = cache_keys.LIST_SURROGATE_KEYS
detail_keys = cache_keys.detail_surrogate_keys

_renderer = JSONRenderer()


def json_response(body: bytes, *, status: int = 200, cache_state: str | None = None):
    response = HttpResponse(body, status=status, content_type="application/json")
    patch_vary_headers(response, ["Authorization"])  # tier prices depend on the viewer
    if cache_state:
        response["X-Cache"] = cache_state
    return response


def edge_policy(request, user=None) -> str:
    """ "public" (anonymous), "private" (any Authorization header, tier prices) or "no-store"
    (administrators)."""
    if user is not None and is_admin(user):
        return "no-store"
    if "HTTP_AUTHORIZATION" in request.META or (user is not None and sees_tier_prices(user)):
        return "private"
    return "public"


def edge_response(
    request, body: bytes, *, etag: str | None, keys: list[str], policy: str, cache_state=None
):
    """The 200 with `body`, or the 304 when `If-None-Match` matches `etag` (no body built)."""
    etag = etag or strong_etag(body)
    public = policy == "public"
    max_age = settings.CDN_CATALOG_MAX_AGE
    if etag_matches(request, etag):
        response = not_modified(etag=etag, keys=keys, public=public, max_age=max_age)
        if cache_state:
            response["X-Cache"] = cache_state
        return response
    return apply_edge_headers(
        json_response(body, cache_state=cache_state),
        etag=etag,
        keys=keys,
        public=public,
        max_age=max_age,
        no_store=policy == "no-store",
    )


def render(data) -> bytes:
    return _renderer.render(data)


def audience(user) -> str:
    return "b2b" if sees_tier_prices(user) else "public"


def use_cache(user) -> bool:
    return cache_keys.timeout() > 0 and not is_admin(user)


def list_key(request, query, audience: str) -> str:
    return cache_keys.list_key(
        normalised_query=f"{request.get_host()}|{query.filters.normalised()}"
        f"|page={query.page}|size={query.page_size}",
        audience=audience,
    )


class CacheFirst:
    """The views' cache reads. `cached_hit(key, request, policy)` is the response for a cache
    hit (None on a miss; a 304 when If-None-Match matches the stored ETag); `cache_lookup(key)`
    reads an entry once per request, so a miss found before DRF
    runs is not read again by `get`.

    GET without credentials: `anonymous_cache_key` (None when the request cannot be answered
    from the cache) is looked up before DRF runs."""

    def dispatch(self, request, *args, **kwargs):
        if (
            request.method == "GET"
            and "HTTP_AUTHORIZATION" not in request.META
            and cache_keys.timeout() > 0
        ):
            key = self.anonymous_cache_key(request, *args, **kwargs)
            response = self.cached_hit(key, request, "public") if key else None
            if response is not None:
                response["Allow"] = ", ".join(self.allowed_methods)  # as DRF sets it
                return response
        return super().dispatch(request, *args, **kwargs)

    def cache_lookup(self, key: str):
        """(value or None, version) of catalog.cache_keys.cached_get, read once per request."""
        lookups = self.__dict__.setdefault("_cache_lookups", {})
        if key not in lookups:
            lookups[key] = cache_keys.cached_get(key)
        return lookups[key]

"""HTTP caching headers for a CDN in front of the API: strong ETags, Cache-Control, surrogate
keys, and the 304 answer to a matching `If-None-Match`.

- Anonymous responses: `Cache-Control: public, max-age=<ttl>, stale-while-revalidate=<swr>`,
  `Vary: Authorization`, a strong `ETag` (hash of the body bytes) and the surrogate keys in
  `Surrogate-Key` (space separated, Fastly) and `Cache-Tag` (comma separated, Cloudflare).
- Responses that depend on the viewer (any Authorization header, tier prices): `private`;
  administrators: `private, no-store`.
- Purge by key: `vwb_site.tasks.cdn_purge_on_commit(keys)` (CDN_PURGE_URL, CDN_PURGE_TOKEN).
"""

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers


def strong_etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def etag_matches(request, etag: str | None) -> bool:
    """RFC 9110 13.1.2: If-None-Match uses the weak comparison (a W/ prefix is ignored)."""
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header or not etag:
        return False
    if header.strip() == "*":
        return True
    for tag in header.split(","):
        tag = tag.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        if tag == etag:
            return True
    return False


def public_cache_control(max_age: int) -> str:
    return (
        f"public, max-age={max_age}, stale-while-revalidate={settings.CDN_STALE_WHILE_REVALIDATE}"
    )


def apply_edge_headers(
    response, *, etag: str | None, keys: list[str], public: bool, max_age: int, no_store=False
):
    """Set ETag, Cache-Control, Vary and the surrogate keys on `response`; returns it."""
    if etag:
        response["ETag"] = etag
    if public:
        response["Cache-Control"] = public_cache_control(max_age)
        if keys:
            response["Surrogate-Key"] = " ".join(keys)
            response["Cache-Tag"] = ",".join(keys)
    else:
        response["Cache-Control"] = "private, no-store" if no_store else "private, no-cache"
    patch_vary_headers(response, ["Authorization"])
    return response


def not_modified(*, etag: str, keys: list[str], public: bool, max_age: int) -> HttpResponse:
    """The 304 to a matching If-None-Match: no body, the validators and caching headers again."""
    return apply_edge_headers(
        HttpResponse(status=304), etag=etag, keys=keys, public=public, max_age=max_age
    )

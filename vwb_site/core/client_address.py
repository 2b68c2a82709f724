"""The client's address: one function for throttles, lockouts (django-axes) and the audit log.

Behind `TRUSTED_PROXY_COUNT` reverse proxies the client is the address the outermost trusted
proxy appended to `X-Forwarded-For`: the entry `TRUSTED_PROXY_COUNT` places from the right.
Entries further left were written by the client and are not trusted. With no proxy configured,
with fewer hops than proxies, or with a hop that is not an IP address, the socket address
(`REMOTE_ADDR`) is the client: a forged header can never name an arbitrary address.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or the address TRUSTED_PROXY_COUNT proxies put in X-Forwarded-For."""
    remote = _valid_ip(request.META.get("REMOTE_ADDR") or "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if len(hops) >= proxies:
            return _valid_ip(hops[-proxies]) or remote
    return remote

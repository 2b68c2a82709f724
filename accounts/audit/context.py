"""Where the current request comes from (client IP, user agent), for audit entries.

Bound by `AuditContextMiddleware` for the duration of a request; request ids come from the
platform's RequestIdMiddleware (vwb_site.api.request_context).
"""

from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest


@dataclass(frozen=True)
class RequestOrigin:
    ip: str | None = None
    user_agent: str = ""


_origin: ContextVar[RequestOrigin | None] = ContextVar("audit_origin", default=None)


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or the address TRUSTED_PROXY_COUNT proxies put in X-Forwarded-For."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def bind_origin(request: HttpRequest):
    origin = RequestOrigin(
        ip=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", "")[:300]
    )
    return _origin.set(origin)


def reset_origin(token) -> None:
    _origin.reset(token)


def current_origin() -> RequestOrigin:
    return _origin.get() or RequestOrigin()

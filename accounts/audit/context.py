"""Where the current request comes from (client IP, user agent), for audit entries.

Bound by `AuditContextMiddleware` for the duration of a request; request ids come from the
platform's RequestIdMiddleware (vwb_site.api.request_context).
"""

from contextvars import ContextVar
from dataclasses import dataclass

from django.http import HttpRequest

from vwb_site.core.client_address import client_ip


@dataclass(frozen=True)
class RequestOrigin:
    ip: str | None = None
    user_agent: str = ""


_origin: ContextVar[RequestOrigin | None] = ContextVar("audit_origin", default=None)


def bind_origin(request: HttpRequest):
    origin = RequestOrigin(
        ip=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", "")[:300]
    )
    return _origin.set(origin)


def reset_origin(token) -> None:
    _origin.reset(token)


def current_origin() -> RequestOrigin:
    return _origin.get() or RequestOrigin()

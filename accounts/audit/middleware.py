"""Bind the request's origin for audit entries, and record administrators' writes.

Any POST/PUT/PATCH/DELETE by an administrator under `/v1/` or the Wagtail admin is recorded:
actor, method, path, the URL's ids, the body (secrets and personal values redacted) and the
response status. Apps (catalog, commerce, quotes) are audited without code of their own; their
services may add finer entries with `audit_record`.
"""

import json

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from accounts.audit.context import bind_origin, reset_origin
from accounts.audit.models import AuditEntry
from accounts.audit.services import audit_record
from vwb_site.logging_config import get_logger

log = get_logger("accounts.audit")
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_BODY = 20_000


def _prefixes() -> tuple[str, ...]:
    return tuple(getattr(settings, "AUDIT_PATH_PREFIXES", ("/v1/", "/admin/")))


def _body(request: HttpRequest) -> dict:
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.startswith("application/json"):
        try:
            raw = request.body[:MAX_BODY]
            data = json.loads(raw or b"{}")
        except ValueError:
            return {"_unparsed": True}
        return data if isinstance(data, dict) else {"_body": data}
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return {k: (v if len(v) > 1 else v[0]) for k, v in request.POST.lists()}
    return {}


def _is_admin(user) -> bool:
    return bool(
        user and user.is_authenticated and (getattr(user, "is_admin", False) or user.is_staff)
    )


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = bind_origin(request)
        try:
            watched = request.method in UNSAFE and request.path.startswith(_prefixes())
            body = _body(request) if watched else None
            response = self.get_response(request)
            if watched:
                self._record(request, response, body)
            return response
        finally:
            reset_origin(token)

    def _record(self, request: HttpRequest, response: HttpResponse, body: dict | None) -> None:
        # DRF copies the JWT-authenticated user onto the Django request.
        user = getattr(request, "user", None)
        if not _is_admin(user):
            return
        match = getattr(request, "resolver_match", None)
        kwargs = {k: str(v) for k, v in (match.kwargs.items() if match else [])}
        name = (match.view_name if match else "") or "unresolved"
        source = (
            AuditEntry.Source.API if request.path.startswith("/v1/") else AuditEntry.Source.ADMIN
        )
        try:
            # A savepoint: a failed insert must not break the request's transaction.
            with transaction.atomic():
                audit_record(
                    actor=user,
                    action=f"{request.method.lower()} {name}"[:80],
                    source=source,
                    target=(name, ",".join(f"{k}={v}" for k, v in kwargs.items())[:64] or ""),
                    changes={"url_kwargs": kwargs, "body": body or {}},
                    method=request.method,
                    path=request.path,
                    status_code=response.status_code,
                )
        except Exception:  # the action happened; a failed log line must not turn it into a 500
            log.exception("audit_record_failed", path=request.path)

"""One error format for `/v1/`: RFC 9457 problem details (`application/problem+json`).

`problem_exception_handler` is DRF's EXCEPTION_HANDLER; `response_for_exception` serves the
middleware for errors raised outside DRF views. Both build the same body:

    {"type", "title", "status", "detail", "code", "instance", "request_id",
     "errors": [{"field", "code", "message"}]}

Field paths use one notation, whoever raised the error: object keys joined with dots, list
indexes in brackets (`lines[0].quantity`, `company.vat_number`), as a JavaScript accessor reads.

A validation problem's top-level `code` is the code its field errors share when that code is
one of the apps' stable codes (the constants of their `error_codes.py` modules):
`password_confirmation_failed`, not `validation_error` with the real code in `errors[0]`. When
the errors carry different codes, or a generic field code of DRF or Django (`required`, `blank`,
`min_value`...), it is `validation_error` and the codes are in `errors`.
"""

import functools
from http import HTTPStatus
from importlib import import_module
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError as DatabaseInterfaceError
from django.db import OperationalError as DatabaseOperationalError
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions as drf
from rest_framework.fields import get_error_detail
from rest_framework.views import set_rollback

from vwb_site.api.request_context import current_request_id
from vwb_site.core.storage import StorageUnavailable, is_store_outage
from vwb_site.exceptions import ApplicationError
from vwb_site.logging_config import get_logger

log = get_logger("vwb_site.api.errors")

PROBLEM_CONTENT_TYPE = "application/problem+json"
API_PREFIXES = ("/v1/",)

DEFAULT_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "unprocessable",
    429: "throttled",
    500: "server_error",
    503: "service_unavailable",
}
VALIDATION_ERROR = "validation_error"
MALFORMED_REQUEST = "malformed_request"
# The file store (object storage) did not answer a download: 503 (vwb_site/core/storage.py).
STORAGE_UNAVAILABLE = "storage_unavailable"
DEFAULT_DETAILS = {
    404: "The requested resource was not found.",
    405: "This method is not allowed on this resource.",
    500: "An unexpected error occurred. Quote the request id when contacting support.",
}


def is_api_path(path: str) -> bool:
    return path.startswith(API_PREFIXES)


def flatten_errors(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """Turn DRF's nested error details into a flat list of field paths: dots between keys,
    brackets around list indexes (`lines[0].quantity`). A ListField reports its items' errors
    in a dict keyed by index: those keys are indexes too."""
    if isinstance(detail, dict):
        items: list[dict[str, str]] = []
        for key, value in detail.items():
            if key in ("non_field_errors", "__all__"):
                path = prefix or None
            elif isinstance(key, int):
                path = f"{prefix}[{key}]"
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
            items.extend(flatten_errors(value, path or ""))
        return items
    if isinstance(detail, list):
        items = []
        for index, value in enumerate(detail):
            if isinstance(value, (dict, list)):
                items.extend(flatten_errors(value, f"{prefix}[{index}]"))
            else:
                items.extend(flatten_errors(value, prefix))
        return items
    code = getattr(detail, "code", None) or "invalid"
    return [{"field": prefix or None, "code": str(code), "message": str(detail)}]


def error_code_modules() -> list[tuple[str, dict[str, str]]]:
    """Every `error_codes.py` module inside the project's apps (`accounts.error_codes`,
    `commerce.shipping.error_codes`), found by file name as Django finds `models.py`, with its
    string constants by name, in the order they are written."""
    root = Path(settings.BASE_DIR).resolve()
    found: list[tuple[str, dict[str, str]]] = []
    for config in apps.get_app_configs():
        app_path = Path(config.path).resolve()
        if root not in app_path.parents or "site-packages" in app_path.parts:
            continue  # a third-party app
        for file in sorted(app_path.rglob("error_codes.py")):
            relative = file.relative_to(app_path).with_suffix("")
            if "tests" in relative.parts:
                continue
            module = import_module(".".join((config.name, *relative.parts)))
            constants = {
                name: value
                for name, value in vars(module).items()
                if name.isupper() and isinstance(value, str)
            }
            found.append((module.__name__, constants))
    return found


@functools.cache
def stable_codes() -> frozenset[str]:
    """The stable error codes the apps publish: the string constants of every `error_codes.py`
    module inside the project's apps (see `error_code_modules`)."""
    return frozenset(code for _, constants in error_code_modules() for code in constants.values())


def generic_codes() -> frozenset[str]:
    """The codes of the error format itself, which no app owns: the default code of each
    status, the default codes of DRF's and the kernel's exception classes, and the two this
    module names (`validation_error`, `malformed_request`, `storage_unavailable`)."""

    def subclasses(cls: type) -> list[type]:
        return [cls, *(sub for child in cls.__subclasses__() for sub in subclasses(child))]

    codes = set(DEFAULT_CODES.values()) | {VALIDATION_ERROR, MALFORMED_REQUEST, STORAGE_UNAVAILABLE}
    codes.add("error")
    for base in (drf.APIException, ApplicationError):
        codes.update(
            cls.default_code
            for cls in subclasses(base)
            if cls.__module__.startswith(("rest_framework.", "vwb_site."))
            # reported as validation_error and malformed_request
            and not issubclass(cls, (drf.ValidationError, drf.ParseError))
            and isinstance(getattr(cls, "default_code", None), str)
        )
    return frozenset(codes - stable_codes())


def validation_code(errors: list[dict[str, str]]) -> str:
    """The top-level code of a validation problem: the errors' one shared code when it is a
    stable code of an app, else `validation_error`."""
    codes = {error["code"] for error in errors}
    if len(codes) == 1 and (code := next(iter(codes))) in stable_codes():
        return code
    return VALIDATION_ERROR


def problem_body(
    request: HttpRequest | None,
    *,
    status: int,
    code: str | None = None,
    detail: str | None = None,
    errors: list[dict[str, str]] | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    code = code or DEFAULT_CODES.get(status, "error")
    body: dict[str, Any] = {
        "type": f"{settings.PROBLEM_TYPE_BASE}{code}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or DEFAULT_DETAILS.get(status) or HTTPStatus(status).description,
        "code": code,
        "instance": request.path if request is not None else None,
        "request_id": getattr(request, "request_id", None) or current_request_id(),
        "errors": errors or [],
    }
    if extra:
        body.update({k: v for k, v in extra.items() if k not in body})
    return body


def problem_response(
    request: HttpRequest | None,
    *,
    status: int,
    code: str | None = None,
    detail: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JsonResponse:
    body = problem_body(
        request, status=status, code=code, detail=detail, errors=errors, extra=extra
    )
    response = JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _validation_problem(request, detail) -> JsonResponse:
    errors = flatten_errors(detail)
    first = errors[0]["message"] if len(errors) == 1 else None
    return problem_response(
        request,
        status=400,
        code=validation_code(errors),
        detail=first or "The request contains invalid data; see `errors`.",
        errors=errors,
    )


def response_for_exception(request: HttpRequest, exc: Exception) -> JsonResponse:
    if isinstance(exc, ApplicationError):
        return problem_response(
            request,
            status=exc.status_code,
            code=exc.code,
            detail=exc.message,
            errors=exc.errors,
            extra=exc.extra,
        )
    if isinstance(exc, DjangoValidationError):
        return _validation_problem(request, get_error_detail(exc))
    if isinstance(exc, drf.ValidationError):
        return _validation_problem(request, exc.detail)
    if isinstance(exc, Http404):
        return problem_response(request, status=404)
    if isinstance(exc, StorageUnavailable) or is_store_outage(exc):
        # A download (StorageUnavailable), or a file written in the request (an administrator
        # regenerating a document) when the store is down, slow or failing.
        log.warning("storage_unavailable", path=request.path, error=str(exc)[:200])
        return problem_response(
            request,
            status=503,
            code=STORAGE_UNAVAILABLE,
            detail="The file store is not answering; try again in a moment.",
            headers={"Retry-After": "30"},
        )
    if isinstance(exc, (DatabaseOperationalError, DatabaseInterfaceError)):
        # The database (or the PgBouncer in front of it) went away during the request. A
        # transaction cut off rolls back whole; only one whose COMMIT was already in flight may
        # have applied, which is why checkout takes an Idempotency-Key: the client retries
        # with the same key and gets the one order.
        log.warning(
            "database_unavailable", path=request.path, error=f"{type(exc).__name__}: {exc}"[:200]
        )
        return problem_response(
            request,
            status=503,
            detail="The database is not answering. Try again in a moment (a write: with the "
            "same Idempotency-Key).",
            headers={"Retry-After": "2"},
        )
    if isinstance(exc, DjangoPermissionDenied):
        message = str(exc) or "You do not have permission to perform this action."
        return problem_response(request, status=403, detail=message)
    if isinstance(exc, RequestDataTooBig):
        return problem_response(request, status=413, detail=str(exc))
    if isinstance(exc, SuspiciousOperation):
        return problem_response(request, status=400, detail="The request was refused.")
    if isinstance(exc, drf.APIException):
        headers = {}
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None) is not None:
            headers["Retry-After"] = str(max(1, int(exc.wait + 0.999)))
        exc_detail = exc.detail
        if isinstance(exc_detail, dict) and "detail" in exc_detail and "code" in exc_detail:
            # simplejwt's InvalidToken carries {"detail", "code", "messages"}.
            exc_detail = drf.ErrorDetail(str(exc_detail["detail"]), code=str(exc_detail["code"]))
        code = getattr(exc_detail, "code", None) if isinstance(exc_detail, str) else None
        if isinstance(exc, drf.ParseError):
            code = MALFORMED_REQUEST
        elif isinstance(exc, drf.Throttled):
            code = "throttled"
        elif isinstance(exc, drf.NotFound):
            code = "not_found"
        detail = str(exc_detail) if isinstance(exc_detail, str) else None
        errors = flatten_errors(exc_detail) if isinstance(exc_detail, (dict, list)) else None
        return problem_response(
            request,
            status=exc.status_code,
            code=code,
            detail=detail,
            errors=errors,
            headers=headers,
        )
    log.exception("unhandled_exception", path=request.path, error=exc.__class__.__name__)
    return problem_response(request, status=500)


def problem_exception_handler(exc: Exception, context: dict) -> JsonResponse:
    """DRF's EXCEPTION_HANDLER: every exception from a DRF view becomes a problem response."""
    request = context.get("request")
    django_request = getattr(request, "_request", request)
    response = response_for_exception(django_request, exc)
    set_rollback()
    return response

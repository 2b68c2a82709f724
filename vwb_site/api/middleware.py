"""Project-wide middleware: request ids, the body-size limit and problem details for `/v1/`."""

import time

from django.conf import settings
from django.core.signals import request_finished
from django.http import HttpRequest, HttpResponse

from vwb_site.api.errors import is_api_path, problem_response
from vwb_site.api.request_context import (
    REQUEST_ID_HEADER,
    bind_request_id,
    clean_request_id,
    unbind_request_id,
)
from vwb_site.logging_config import get_logger

log = get_logger("vwb_site.request")


class RequestIdMiddleware:
    """Take or make a request id, bind it for logging, return it, and log one line per request.

    The id stays bound until the response is closed (`request_finished`), so the lines Django
    itself writes after the middleware chain (django.request's "Internal Server Error: ...")
    carry it too. Binding clears whatever a previous request left in this context.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = clean_request_id(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        bind_request_id(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        log.info(
            "request_finished",
            method=request.method,
            path=request.path,
            status=response.status_code,
            duration_ms=round((time.perf_counter() - started) * 1000, 2),
        )
        return response


def _unbind_after_response(**kwargs) -> None:
    unbind_request_id()


request_finished.connect(_unbind_after_response, dispatch_uid="vwb_unbind_request_id")


class ApiBodySizeLimitMiddleware:
    """Refuse what no `/v1/` view should see, before anything reads it.

    - a body above API_MAX_BODY_BYTES (413);
    - a NUL character in the path or the query string (400): PostgreSQL cannot store or
      compare it, so a filter that passed one on would answer 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_api_path(request.path):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > settings.API_MAX_BODY_BYTES:
                return problem_response(
                    request,
                    status=413,
                    code="payload_too_large",
                    detail=f"The request body is larger than {settings.API_MAX_BODY_BYTES} bytes.",
                )
            query = request.META.get("QUERY_STRING", "")
            if "\x00" in request.path or "%00" in query or "\x00" in query:
                return problem_response(
                    request,
                    status=400,
                    code="malformed_request",
                    detail="The URL contains a null character.",
                )
        return self.get_response(request)


class ApiProblemMiddleware:
    """Turn Django's own error pages under `/v1/` (unknown URL, 500 outside DRF) into problems.

    DRF views answer their errors through the exception handler; this covers what happens
    before a DRF view runs: URL resolution failures and errors raised by other middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            is_api_path(request.path)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith(
                ("application/problem+json", "application/json")
            )
        ):
            return problem_response(request, status=response.status_code)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if is_api_path(request.path):
            from vwb_site.api.errors import response_for_exception

            return response_for_exception(request, exception)
        return None

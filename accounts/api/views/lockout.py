"""The response to a locked-out login (django-axes' AXES_LOCKOUT_CALLABLE, and the token view)."""

from django.http import HttpRequest, HttpResponse

from accounts import error_codes
from accounts.services.tokens import lockout_seconds
from vwb_site.api.errors import is_api_path, problem_response

LOCKOUT_MESSAGE = (
    "Too many failed login attempts for this account or from this address. Try again later or "
    "reset your password."
)


def lockout_response(
    request: HttpRequest, original_response=None, credentials=None
) -> HttpResponse:
    seconds = lockout_seconds()
    headers = {"Retry-After": str(seconds)}
    if is_api_path(request.path):
        return problem_response(
            request,
            status=429,
            code=error_codes.ACCOUNT_LOCKED,
            detail=LOCKOUT_MESSAGE,
            headers=headers,
            extra={"retry_after": seconds},
        )
    return HttpResponse(
        LOCKOUT_MESSAGE, status=429, content_type="text/plain; charset=utf-8", headers=headers
    )

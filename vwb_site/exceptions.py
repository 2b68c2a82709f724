"""Domain errors raised by services; the API layer maps them to problem details.

Services raise Django's `ValidationError` or `PermissionDenied`, or an `ApplicationError`
subclass with a stable `code` taken from the app's `error_codes.py`. Nothing here knows HTTP
beyond the status each class suggests.
"""

from typing import Any


class ApplicationError(Exception):
    status_code = 400
    default_code = "application_error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        errors: list[dict[str, str]] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.errors = errors or []
        self.extra = extra or {}


class NotFoundError(ApplicationError):
    status_code = 404
    default_code = "not_found"


class ConflictError(ApplicationError):
    """The request is valid but the state of the world refuses it (stock gone, already paid)."""

    status_code = 409
    default_code = "conflict"


class ForbiddenError(ApplicationError):
    status_code = 403
    default_code = "permission_denied"


class UnprocessableError(ApplicationError):
    status_code = 422
    default_code = "unprocessable"

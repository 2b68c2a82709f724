"""The request id: taken from `X-Request-ID` when well formed, otherwise generated.

It is bound into structlog's context variables for the duration of a request or a task, so that
every log line carries it, and Celery copies it into the headers of the tasks a request sends.
"""

import re
import uuid

import structlog

REQUEST_ID_HEADER = "X-Request-ID"
_VALID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def clean_request_id(raw: str | None) -> str:
    if raw and _VALID.match(raw):
        return raw
    return uuid.uuid4().hex


def current_request_id() -> str | None:
    return structlog.contextvars.get_contextvars().get("request_id")


def bind_request_id(request_id: str) -> None:
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(request_id=request_id)


def unbind_request_id() -> None:
    structlog.contextvars.clear_contextvars()

"""JSON parsing with a hard size limit and text the database can store.

DRF's parser reads the stream without a limit; this one stops at API_MAX_BODY_BYTES (413).
JSON allows strings that PostgreSQL cannot store — NUL characters (\\u0000) and unpaired UTF-16
surrogates (\\ud800) — and an app that passed one on to a query would answer 500. They are
refused here, once for every endpoint, as a 400 problem.
"""

import io
from typing import Any

from django.conf import settings
from rest_framework import exceptions
from rest_framework.parsers import JSONParser


class PayloadTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


def unstorable_text(value: str) -> bool:
    """True when PostgreSQL cannot store `value` (a NUL character or an unpaired surrogate)."""
    if "\x00" in value:
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def find_unstorable_text(data: Any, path: str = "") -> str | None:
    """The path of the first string (or object key) in `data` that cannot be stored, if any."""
    stack = [(data, path)]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            if unstorable_text(value):
                return where or "(body)"
        elif isinstance(value, dict):
            for key, item in value.items():
                child = f"{where}.{key}" if where else str(key)
                if isinstance(key, str) and unstorable_text(key):
                    return where or "(body)"
                stack.append((item, child))
        elif isinstance(value, list):
            stack.extend((item, f"{where}[{index}]") for index, item in enumerate(value))
    return None


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_MAX_BODY_BYTES
        if stream is None:
            return super().parse(stream, media_type, parser_context)
        body = stream.read(limit + 1)
        if len(body) > limit:
            raise PayloadTooLarge(f"The request body is larger than {limit} bytes.")
        data = super().parse(io.BytesIO(body), media_type, parser_context)
        where = find_unstorable_text(data)
        if where is not None:
            raise exceptions.ParseError(
                f"The request body contains a null character or an invalid Unicode sequence "
                f"(at {where.replace(chr(0), '')!r})."
            )
        return data

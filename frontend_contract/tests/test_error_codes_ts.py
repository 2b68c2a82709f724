"""The TypeScript union of error codes (ts/error-codes.ts) is every app's error_codes.py."""

import difflib
import re

import pytest

from accounts import error_codes as accounts_codes
from commerce.shipping import error_codes as shipping_codes
from frontend_contract.error_codes_ts import ERROR_CODES_TS, render_error_codes_ts
from vwb_site.api.errors import generic_codes, stable_codes


def committed_union() -> list[str]:
    text = ERROR_CODES_TS.read_text()
    union = text.split("export type ErrorCode =", 1)[1].split(";", 1)[0]
    return re.findall(r'\|\s*"([^"]+)"', union)


def committed_array() -> list[str]:
    text = ERROR_CODES_TS.read_text()
    array = text.split("export const ERROR_CODES = [", 1)[1].split("] as const", 1)[0]
    return re.findall(r'"([^"]+)",', array)


def test_committed_error_codes_ts_is_what_the_error_codes_modules_generate():
    committed, generated = ERROR_CODES_TS.read_text(), render_error_codes_ts()
    if committed != generated:
        diff = "".join(
            difflib.unified_diff(
                committed.splitlines(keepends=True),
                generated.splitlines(keepends=True),
                "frontend_contract/ts/error-codes.ts (committed)",
                "generated from the error_codes.py modules",
            )
        )
        pytest.fail(f"Run `make schema` and commit the result.\n\n{diff}", pytrace=False)


def test_the_union_holds_each_stable_and_generic_code_once():
    union = committed_union()
    assert len(union) == len(set(union))
    assert set(union) == stable_codes() | generic_codes()
    assert committed_array() == union
    assert shipping_codes.INVALID_POSTCODE in union  # an area's module, below the app
    assert accounts_codes.TOKEN_INVALID in union
    assert {"validation_error", "not_found", "throttled", "server_error"} <= set(union)


def test_a_new_constant_in_an_error_codes_module_changes_the_union(monkeypatch):
    monkeypatch.setattr(accounts_codes, "BRAND_NEW_FAILURE", "brand_new_failure", raising=False)
    stable_codes.cache_clear()
    try:
        rendered = render_error_codes_ts()
    finally:
        stable_codes.cache_clear()
    assert '  | "brand_new_failure"' in rendered
    assert rendered != ERROR_CODES_TS.read_text()

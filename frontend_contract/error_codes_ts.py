"""The problem details format and every stable error code, as TypeScript (`ts/error-codes.ts`).

The codes are the string constants of every app's `error_codes.py` (found as the error handler
finds them) plus the generic codes of the error format itself. `make schema` rewrites the file;
a test keeps the committed one equal to `render_error_codes_ts()`.
"""

import json

from frontend_contract.typescript import TS_DIR
from vwb_site.api.errors import error_code_modules, generic_codes

ERROR_CODES_TS = TS_DIR / "error-codes.ts"

HEADER = """\
/**
 * This file is generated from the backend's error_codes.py modules by
 * frontend_contract/error_codes_ts.py (`make schema`). Do not edit it by hand.
 *
 * Every error of /v1/ is RFC 9457 problem details (`application/problem+json`) whose `code` is
 * one of ERROR_CODES: switch on it, never on `detail` or `title` (they are for people).
 */
"""

PROBLEM_TYPES = """\
/** One field's error inside a problem: `field` is a JavaScript accessor path
 * (`lines[0].quantity`, `company.vat_number`) or null for the whole request. Its `code` is a
 * stable ErrorCode or one of the generic field codes of the validators (`required`, `blank`,
 * `min_value`, `invalid`...). */
export interface ProblemFieldError {
  field: string | null;
  code: ErrorCode | (string & {});
  message: string;
}

/** RFC 9457 problem details: the body of every /v1/ error response. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string | null;
  request_id?: string | null;
  errors: ProblemFieldError[];
  /** Some problems carry more members (for example `allowed_transitions`). */
  [member: string]: unknown;
}

const ERROR_CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES);

/** Whether a string is one of the stable error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && ERROR_CODE_SET.has(value);
}

/** Whether a parsed response body is a problem of this API. */
export function isProblem(body: unknown): body is Problem {
  if (typeof body !== "object" || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return (
    typeof candidate.status === "number" &&
    typeof candidate.code === "string" &&
    Array.isArray(candidate.errors)
  );
}
"""


def error_code_groups() -> list[tuple[str, list[str]]]:
    """The codes grouped by where they are declared, each code once (in its first module)."""
    seen: set[str] = set()
    groups: list[tuple[str, list[str]]] = []
    for module, constants in error_code_modules():
        codes = [c for c in dict.fromkeys(constants.values()) if c not in seen]
        seen.update(codes)
        if codes:
            groups.append((module.replace(".", "/") + ".py", codes))
    generic = sorted(generic_codes() - seen)
    groups.append(("the error format itself (vwb_site/api/errors.py)", generic))
    return groups


def render_error_codes_ts() -> str:
    groups = error_code_groups()
    union = ["export type ErrorCode ="]
    array = ["export const ERROR_CODES = ["]
    for origin, codes in groups:
        union.append(f"  // {origin}")
        array.append(f"  // {origin}")
        union.extend(f"  | {json.dumps(code)}" for code in codes)
        array.extend(f"  {json.dumps(code)}," for code in codes)
    union[-1] += ";"
    array.append("] as const satisfies readonly ErrorCode[];")
    return "\n".join([HEADER, *union, "", *array, "", PROBLEM_TYPES])


def write_error_codes_ts() -> None:
    ERROR_CODES_TS.write_text(render_error_codes_ts())

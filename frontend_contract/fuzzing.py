"""Schema-driven fuzzing of the /v1/ API with schemathesis, in-process against the WSGI app.

Used by frontend_contract/tests/test_fuzz.py. Every operation of the committed OpenAPI document
gets a bounded number of generated requests (explicit examples first, then random ones), sent
as an administrator so that protected operations are exercised past authentication. A request
fails the test when the server answers 5xx or when the answer breaks the document: an
undocumented status code, another content type, a body or headers that do not match.
"""

import os

import hypothesis
import schemathesis
from schemathesis import checks as builtin_checks
from schemathesis.specs.openapi import checks as openapi_checks

# What "conforms" means here. (negative_data_rejection / positive_data_acceptance judge the
# validation rules themselves and are left to each app's own tests.)
CHECKS = [
    builtin_checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_headers_conformance,
    openapi_checks.response_schema_conformance,
]

# Bounded, so the whole API stays well under two minutes: each operation gets its explicit
# examples plus MAX_EXAMPLES generated cases, in-process. Measured: 50 operations in 66 s on a
# 2-core machine at load average 7 (about 1 s each). FUZZ_MAX_EXAMPLES=200 for a deeper run.
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "10"))


# The WSGI app and the admin token are function-scoped fixtures shared by the cases of one
# operation, on purpose (one database transaction per operation). No per-case deadline: a
# loaded CI machine must not turn slowness into failures.
FUZZ_SETTINGS = hypothesis.settings(
    deadline=None,
    suppress_health_check=[
        hypothesis.HealthCheck.function_scoped_fixture,
        hypothesis.HealthCheck.too_slow,
        hypothesis.HealthCheck.filter_too_much,
        hypothesis.HealthCheck.data_too_large,
    ],
)


def fuzz_config() -> schemathesis.Config:
    return schemathesis.Config.from_dict(
        {
            "phases": {
                "examples": {"enabled": True},
                "fuzzing": {"enabled": True},
                # The coverage phase enumerates every boundary of every parameter: thorough, but
                # unbounded in time. Run it with `schemathesis run` when hardening one endpoint.
                "coverage": {"enabled": False},
                "stateful": {"enabled": False},
            },
            "generation": {"max-examples": MAX_EXAMPLES},
        }
    )


def load_schema(path) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_path(path, config=fuzz_config())


def load_schema_text(text: str) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_file(text, config=fuzz_config())


def operation_count(schema) -> int:
    methods = {"get", "put", "post", "patch", "delete", "head", "options"}
    return sum(
        1
        for item in schema.raw_schema.get("paths", {}).values()
        for method in item
        if method in methods
    )

"""Schema-driven fuzzing: every /v1/ operation of the COMMITTED schema, in-process, as an admin.

Fails on any 5xx and on any answer that breaks the document (undocumented status, content type,
body or headers). New endpoints are fuzzed as soon as `make schema` adds them to the document.
The probe tests below run the same harness on a small API of their own, to show it passes a
conforming API and catches a crash and a response that lies about its shape.
"""

import hypothesis
import pytest
from schemathesis.errors import FailureGroup

from frontend_contract.contract import COMMITTED_SCHEMA, generate_schema_yaml
from frontend_contract.fuzzing import (
    CHECKS,
    FUZZ_SETTINGS,
    MAX_EXAMPLES,
    load_schema,
    load_schema_text,
)
from frontend_contract.fuzzing import operation_count as count_operations

PROBE_URLCONF = "frontend_contract.tests.probe_api"
BROKEN_URLCONF = "frontend_contract.tests.probe_broken_urls"


def answers_within_the_schema(case, wsgi_app, admin_headers):
    return case.call_and_validate(app=wsgi_app, headers=admin_headers, checks=CHECKS)


committed = load_schema(COMMITTED_SCHEMA)

if count_operations(committed):

    @committed.parametrize()
    @FUZZ_SETTINGS
    def test_every_v1_operation_answers_within_the_committed_schema(case, wsgi_app, admin_headers):
        answers_within_the_schema(case, wsgi_app, admin_headers)

else:

    def test_every_v1_operation_answers_within_the_committed_schema():
        pytest.skip(
            "frontend_contract/openapi.yaml has no /v1/ operations yet; the fuzzer covers each "
            "one as soon as `make schema` adds it (the probe tests below exercise the harness)."
        )


# --- the harness itself, on a probe API --------------------------------------------------------

probe = load_schema_text(generate_schema_yaml(urlconf=PROBE_URLCONF))


@pytest.mark.urls(PROBE_URLCONF)
@probe.parametrize()
@FUZZ_SETTINGS
def test_the_same_parametrized_harness_passes_a_conforming_probe_api(case, wsgi_app, admin_headers):
    response = answers_within_the_schema(case, wsgi_app, admin_headers)
    if case.path == "/v1/probe-barrels":  # the probe routes are really reached
        assert response.status_code != 404


def failure_kinds(group: FailureGroup) -> set[str]:
    return {type(failure).__name__ for failure in group.exceptions}


def fuzz_operation(schema, path: str, method: str, *, app, headers) -> int:
    """Run generated cases of one operation through the same check; count them."""
    operation = schema[path][method]
    sent = []

    @hypothesis.given(case=operation.as_strategy())
    @hypothesis.settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    def run(case):
        sent.append(case)
        answers_within_the_schema(case, app, headers)

    run()
    return len(sent)


def test_the_probe_schema_has_each_probe_operation():
    assert count_operations(probe) == 3


@pytest.mark.urls(BROKEN_URLCONF)
def test_the_fuzzer_fails_on_a_server_error(wsgi_app, admin_headers):
    schema = load_schema_text(generate_schema_yaml(urlconf=BROKEN_URLCONF))
    with pytest.raises(FailureGroup) as failure:
        fuzz_operation(schema, "/v1/probe-crashing", "GET", app=wsgi_app, headers=admin_headers)
    assert "ServerError" in failure_kinds(failure.value)


@pytest.mark.urls(BROKEN_URLCONF)
def test_the_fuzzer_fails_on_a_response_that_breaks_its_schema(wsgi_app, admin_headers):
    schema = load_schema_text(generate_schema_yaml(urlconf=BROKEN_URLCONF))
    with pytest.raises(FailureGroup) as failure:
        fuzz_operation(schema, "/v1/probe-lying", "GET", app=wsgi_app, headers=admin_headers)
    assert "JsonSchemaError" in failure_kinds(failure.value)


@pytest.mark.urls(PROBE_URLCONF)
def test_the_fuzzer_reaches_protected_operations_as_an_admin(wsgi_app, admin_headers):
    operation = probe["/v1/probe-barrels"]["POST"]
    case = operation.Case(
        body={"name": "Sherry cask", "volume_litres": 500}, media_type="application/json"
    )
    response = case.call_and_validate(app=wsgi_app, headers=admin_headers, checks=CHECKS)
    assert response.status_code == 201
    anonymous = case.call_and_validate(app=wsgi_app, checks=CHECKS)
    assert anonymous.status_code == 401

"""Every /v1/ operation is documented for people: a summary, and a description saying who may
call it, what it changes and its error codes; every tag has a description."""

import yaml

from frontend_contract.contract import generate_schema_yaml
from frontend_contract.operations import OPERATIONS, TAGS, undocumented
from vwb_site.api.errors import generic_codes, stable_codes

PROBE_URLCONF = "frontend_contract.tests.probe_api"


def operations(schema: dict) -> dict[str, dict]:
    return {
        operation["operationId"]: operation
        for path_item in schema["paths"].values()
        for method, operation in path_item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    }


def test_every_operation_and_tag_of_the_schema_is_documented():
    schema = yaml.safe_load(generate_schema_yaml())
    assert not undocumented(schema), "\n".join(undocumented(schema))
    for name, operation in operations(schema).items():
        description = operation["description"]
        assert "**Who may call it:**" in description, name
        assert "**What it changes:**" in description, name
        assert "**Error codes:**" in description, name
    assert {tag["name"] for tag in schema["tags"]} <= set(TAGS)


def test_the_table_names_only_operations_that_exist():
    schema = yaml.safe_load(generate_schema_yaml())
    assert set(OPERATIONS) == set(operations(schema))


def test_the_table_names_only_real_error_codes():
    known = stable_codes() | generic_codes()
    unknown = {
        (name, code) for name, doc in OPERATIONS.items() for code in doc.errors if code not in known
    }
    assert not unknown


def test_an_endpoint_without_an_entry_is_reported():
    """The check can fail: the probe API's operations have no entry in the table."""
    schema = yaml.safe_load(generate_schema_yaml(urlconf=PROBE_URLCONF))
    problems = undocumented(schema)
    names = operations(schema)
    assert names
    for name in names:
        assert f"{name}: no entry in frontend_contract/operations.py OPERATIONS" in problems
        assert f"{name}: no summary" in problems
    assert any(p.startswith("tag ") and p.endswith("no description in TAGS") for p in problems)

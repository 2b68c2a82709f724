"""The page API schema (`page-api.yaml`): Wagtail's `/api/v2/pages/` as the storefront reads it.

The document is written by hand; `frontend_contract/tests/test_page_api_schema.py` holds the
real API to it and the page models' `api_fields` to its page types. `validator_for(name)`
validates a response against one of its component schemas (JSON Schema 2020-12, as in
OpenAPI 3.1).
"""

import functools
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

PAGE_API_SCHEMA = Path(__file__).resolve().parent / "page-api.yaml"


@functools.cache
def page_api_document() -> dict[str, Any]:
    return yaml.safe_load(PAGE_API_SCHEMA.read_text())


def component(name: str) -> dict[str, Any]:
    return page_api_document()["components"]["schemas"][name]


def validator_for(name: str) -> Draft202012Validator:
    """A validator of `#/components/schemas/<name>`, resolving the document's other `$ref`s."""
    root = {**page_api_document(), "$ref": f"#/components/schemas/{name}"}
    Draft202012Validator.check_schema(root)
    return Draft202012Validator(root)


def schema_errors(name: str, instance: Any) -> list[str]:
    """Every way `instance` breaks `#/components/schemas/<name>`, as readable lines."""
    errors = sorted(validator_for(name).iter_errors(instance), key=lambda e: list(e.path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors]

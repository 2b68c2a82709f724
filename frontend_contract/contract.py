"""The frontend contract: the committed OpenAPI document and how to compare it with the code.

`make schema` writes `frontend_contract/openapi.yaml` with the same generator and renderer as
`generate_schema_yaml()`; the contract test fails with a readable diff whenever they differ.
"""

import difflib
from pathlib import Path

COMMITTED_SCHEMA = Path(__file__).resolve().parent / "openapi.yaml"
REGENERATE_COMMAND = "make schema"


def generate_schema_yaml(*, urlconf: str | None = None) -> str:
    """The live OpenAPI document, rendered exactly as `manage.py spectacular` renders it."""
    from drf_spectacular.renderers import OpenApiYamlRenderer
    from drf_spectacular.settings import spectacular_settings

    generator = spectacular_settings.DEFAULT_GENERATOR_CLASS(urlconf=urlconf)
    schema = generator.get_schema(request=None, public=True)
    return OpenApiYamlRenderer().render(schema, renderer_context={}).decode()


def schema_diff(committed: str, live: str) -> str:
    """A unified diff from the committed document to the live one; empty when they agree."""
    return "".join(
        difflib.unified_diff(
            committed.splitlines(keepends=True),
            live.splitlines(keepends=True),
            fromfile="frontend_contract/openapi.yaml (committed)",
            tofile="live schema (generated from the code)",
        )
    )


def drift_report(committed: str, live: str) -> str | None:
    """What the contract test prints when the code and the committed document disagree."""
    diff = schema_diff(committed, live)
    if not diff:
        return None
    return (
        "The API no longer matches the committed frontend contract "
        "(frontend_contract/openapi.yaml).\n"
        "If the change is intended, regenerate the document and commit it with your change:\n\n"
        f"    {REGENERATE_COMMAND}\n\n"
        "Then tell the frontend team what changed. The difference:\n\n" + diff
    )

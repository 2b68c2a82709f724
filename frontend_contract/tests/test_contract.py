"""The committed OpenAPI document (frontend_contract/openapi.yaml) is the API the code serves."""

import pytest
from rest_framework import serializers

from frontend_contract.contract import (
    COMMITTED_SCHEMA,
    REGENERATE_COMMAND,
    drift_report,
    generate_schema_yaml,
)
from frontend_contract.tests import probe_api

PROBE_URLCONF = "frontend_contract.tests.probe_api"


def changed_lines(report: str, sign: str) -> list[str]:
    """The added ("+") or removed ("-") lines of the diff in a report, without the marker."""
    return [
        line[1:].strip()
        for line in report.splitlines()
        if line.startswith(sign) and not line.startswith(sign * 3)
    ]


def test_live_schema_matches_the_committed_frontend_contract():
    report = drift_report(COMMITTED_SCHEMA.read_text(), generate_schema_yaml())
    if report:
        pytest.fail(report, pytrace=False)


def test_the_committed_contract_documents_only_v1_and_the_problem_format():
    import yaml

    document = yaml.safe_load(COMMITTED_SCHEMA.read_text())
    assert document["openapi"].startswith("3.")
    assert all(path.startswith("/v1/") for path in document["paths"])
    assert "Problem" in document["components"]["schemas"]


@pytest.fixture
def edit_serializer(monkeypatch):
    """Change a probe serializer's declared fields as a developer would (undone afterwards)."""

    def apply(serializer_class, name: str, field) -> None:
        monkeypatch.setitem(serializer_class._declared_fields, name, field)

    return apply


def test_drift_is_reported_with_a_readable_diff_when_a_serializer_changes(edit_serializer):
    before = generate_schema_yaml(urlconf=PROBE_URLCONF)
    assert drift_report(before, generate_schema_yaml(urlconf=PROBE_URLCONF)) is None

    # A developer adds a field to an output serializer and forgets the contract.
    edit_serializer(probe_api.ProbeBarrelOutput, "cooperage", serializers.CharField())
    after = generate_schema_yaml(urlconf=PROBE_URLCONF)
    report = drift_report(before, after)

    assert report is not None
    assert REGENERATE_COMMAND in report
    assert "--- frontend_contract/openapi.yaml (committed)" in report
    assert "+++ live schema (generated from the code)" in report
    added = changed_lines(report, "+")
    assert "cooperage:" in added  # the new property, as an added line
    assert "- cooperage" in added  # and in the list of required fields


def test_drift_is_reported_when_a_field_changes_type(edit_serializer):
    before = generate_schema_yaml(urlconf=PROBE_URLCONF)
    edit_serializer(probe_api.ProbeBarrelOutput, "volume_litres", serializers.CharField())
    report = drift_report(before, generate_schema_yaml(urlconf=PROBE_URLCONF))
    assert report is not None
    assert "type: integer" in changed_lines(report, "-")
    assert "type: string" in changed_lines(report, "+")


def test_make_schema_writes_what_the_contract_test_compares(tmp_path):
    """`make schema` and the test use the same generator and renderer, byte for byte."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    out = tmp_path / "openapi.yaml"
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--file",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "vwb_site.settings.test"},
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text() == generate_schema_yaml()
    assert (
        "spectacular --validate --fail-on-warn --file frontend_contract/openapi.yaml"
        in (ROOT / "Makefile").read_text()
    )

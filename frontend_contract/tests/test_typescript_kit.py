"""The committed TypeScript kit (frontend_contract/ts/) is what the committed schemas generate."""

import difflib
import re
import subprocess

import pytest

from frontend_contract.typescript import (
    GENERATED_TYPES,
    KIT_DIR,
    ensure_node_modules,
    generate_types,
    node_available,
)

pytestmark = pytest.mark.skipif(
    not node_available(), reason="Node and npm are not installed, so the kit cannot be generated."
)


def ts_diff(committed: str, generated: str, name: str) -> str:
    return "".join(
        difflib.unified_diff(
            committed.splitlines(keepends=True),
            generated.splitlines(keepends=True),
            fromfile=f"frontend_contract/{name} (committed)",
            tofile=f"{name} (generated now)",
        )
    )


@pytest.mark.parametrize(("source", "target"), GENERATED_TYPES)
def test_committed_typescript_is_what_the_schema_generates(tmp_path, source, target):
    generated = generate_types(KIT_DIR / source, tmp_path / "out.d.ts")
    diff = ts_diff((KIT_DIR / target).read_text(), generated, target)
    if diff:
        pytest.fail(
            f"frontend_contract/{target} is out of date with {source}: run `make schema` and "
            f"commit the result.\n\n{diff}",
            pytrace=False,
        )


def test_a_changed_schema_gives_different_typescript(tmp_path):
    """The comparison above can fail: renaming one property of the YAML changes the types."""
    yaml_text = (KIT_DIR / "openapi.yaml").read_text()
    edited, count = re.subn(r"\n(\s+)email:\n", r"\n\1email_address:\n", yaml_text, count=1)
    assert count == 1
    source = tmp_path / "openapi.yaml"
    source.write_text(edited)
    generated = generate_types(source, tmp_path / "out.d.ts")
    diff = ts_diff((KIT_DIR / "ts/v1.d.ts").read_text(), generated, "ts/v1.d.ts")
    assert "+" in diff and "email_address" in diff


def test_make_schema_regenerates_the_typescript_after_the_yaml():
    makefile = (KIT_DIR.parent / "Makefile").read_text()
    recipe = makefile.split("\nschema:", 1)[1].split("\n\n", 1)[0]
    assert recipe.index("spectacular") < recipe.index("frontend_contract.generate")


def test_the_kit_type_checks_in_strict_mode():
    ensure_node_modules()
    result = subprocess.run(
        [str(KIT_DIR / "node_modules" / ".bin" / "tsc"), "--noEmit", "-p", "tsconfig.json"],
        cwd=KIT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr

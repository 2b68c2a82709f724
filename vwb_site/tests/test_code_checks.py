"""The static checks of `make check` (CI runs them before the tests) catch what they promise.

Each check is run on a copy of the tree with one deliberate fault, and must fail there naming it:
a cross-layer import (inside a function, where it used to hide), a lint error, unformatted code,
a type error in a service. The import contracts also run on the real tree here, so `make test`
alone still refuses a broken layer.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.code_checks

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = [
    "vwb_site",
    "accounts",
    "catalog",
    "commerce",
    "quotes",
    "reporting",
    "cms_pages",
    "bench",
]
BIN = Path(sys.executable).parent


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return run([str(BIN / "lint-imports"), "--no-cache"], cwd)


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """A copy of the project's code, tests and configuration (no caches)."""
    dest = tmp_path_factory.mktemp("tree")
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            dest / package,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "results"),
        )
    # An installed app with no code under check; the type checker's Django set-up imports it.
    shutil.copytree(
        ROOT / "frontend_contract",
        dest / "frontend_contract",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


@pytest.fixture
def fault(tree):
    """Write one faulty module into the copy; it is removed after the test."""
    written: list[tuple[Path, str | None]] = []

    def write(relative: str, source: str, *, append: bool = False) -> Path:
        path = tree / relative
        before = path.read_text() if path.exists() else None
        written.append((path, before))
        path.write_text((before or "") + source if append else source)
        return path

    yield write
    for path, before in reversed(written):
        if before is None:
            path.unlink()
        else:
            path.write_text(before)


def test_the_real_tree_keeps_every_import_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_unchanged_copy_keeps_them_too(tree):
    # The fault tests below fail because of their fault, not because of the copy.
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_function_local_import_up_the_app_layers_is_caught(tree, fault):
    fault(
        "catalog/_sneaky.py",
        "def order_count():\n"
        "    from commerce.models import Order  # hidden in a function\n\n"
        "    return Order.objects.count()\n",
    )
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "Apps import downwards only" in result.stdout
    assert "catalog is not allowed to import commerce" in result.stdout
    assert "catalog._sneaky -> commerce.models" in result.stdout


def test_payments_importing_orders_is_caught(tree, fault):
    fault(
        "commerce/payments/_sneaky.py",
        "def mark_paid(order):\n"
        "    from commerce.orders.services import transitions\n\n"
        "    return transitions\n",
    )
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "commerce.payments is not allowed to import commerce.orders" in result.stdout


def test_a_new_commerce_module_must_take_its_place_in_the_layers(tree, fault):
    fault("commerce/unplaced.py", "VALUE = 1\n")
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "commerce.unplaced" in result.stdout


def test_the_kernel_importing_an_app_is_caught(tree, fault):
    fault("vwb_site/core/_sneaky.py", "from accounts.models import User\n\nUSER = User\n")
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "vwb_site.core is not allowed to import accounts" in result.stdout


def test_a_view_reaching_past_the_services_is_caught_by_the_app_internals(tree, fault):
    # A service importing the API layer inverts the app's own layers.
    fault(
        "quotes/services/_sneaky.py",
        "def serializer():\n    from quotes.api import serializers\n\n    return serializers\n",
    )
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "quotes.services is not allowed to import quotes.api" in result.stdout


def test_a_cycle_inside_an_app_is_caught(tree, fault):
    # catalog.selectors imports catalog.search; the way back, even inside a function, is a cycle.
    fault(
        "catalog/search.py",
        "\n\ndef _sneaky():\n    from catalog import selectors\n\n    return selectors\n",
        append=True,
    )
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "No cycles are allowed in catalog" in result.stdout
    assert ".selectors -> .search" in result.stdout  # the edge it suggests removing


def test_ruff_check_fails_on_a_lint_error(tree, fault):
    fault("catalog/_lint.py", "import os\n\n\ndef f(x):\n    return x == None\n")
    result = run([str(BIN / "ruff"), "check", "catalog/_lint.py"], tree)
    assert result.returncode == 1
    assert "F401" in result.stdout  # `os` imported but unused
    assert "E711" in result.stdout  # comparison to None


def test_ruff_format_check_fails_on_unformatted_code(tree, fault):
    fault("catalog/_format.py", "def f( a,b ):\n  return {'a':a,'b':b}\n")
    result = run([str(BIN / "ruff"), "format", "--check", "catalog/_format.py"], tree)
    assert result.returncode == 1
    assert "catalog/_format.py" in result.stdout
    assert "1 file would be reformatted" in result.stdout
    formatted = "def f(a, b):\n    return {'a': a, 'b': b}\n".replace("'", '"')
    fault("catalog/_format.py", formatted)
    assert run([str(BIN / "ruff"), "format", "--check", "catalog/_format.py"], tree).returncode == 0


def test_mypy_fails_on_a_type_error_in_a_service(tree, fault):
    fault(
        "catalog/services/barrels.py",
        "\n\ndef _barrel_count_label(count: int) -> int:\n    return f'{count} barrels'\n",
        append=True,
    )
    result = run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tree / ".mypy_cache")],
        tree,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "catalog/services/barrels.py" in result.stdout
    assert 'Incompatible return value type (got "str", expected "int")' in result.stdout


def test_pre_commit_runs_the_same_checks_as_make_check():
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    entries = " | ".join(hook["entry"] for hook in hooks)
    makefile = (ROOT / "Makefile").read_text()
    check_recipe = makefile.split("\ncheck: install\n", 1)[1].split("\n\n", 1)[0]
    for tool in ("ruff check", "ruff format --check", "lint-imports", "mypy"):
        assert tool in check_recipe, tool
        assert tool in entries, tool
    assert "make check" in (ROOT / ".ci" / "run").read_text()


def test_every_code_directory_is_a_package():
    # A directory without __init__.py is a namespace package, which the import graph skips:
    # quotes/services was one, and its imports went unchecked.
    missing = sorted(
        str(directory.relative_to(ROOT))
        for package in PACKAGES
        if package != "bench"  # scripts run as files, a root of its own in the contracts
        for directory in {path.parent for path in (ROOT / package).rglob("*.py")}
        if "migrations" not in directory.parts and not (directory / "__init__.py").exists()
    )
    assert missing == []

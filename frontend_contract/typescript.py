"""The TypeScript side of the frontend contract: types generated with openapi-typescript.

The kit (`frontend_contract/package.json`, pinned in `package-lock.json`) generates:

- `ts/v1.d.ts` from `openapi.yaml` (the `/v1/` API, used through openapi-fetch);
- `ts/pages.d.ts` from `page-api.yaml` (Wagtail's page API at `/api/v2/`).

`make schema` regenerates both after the YAML; the drift tests generate each into a temporary
file and compare it with the committed one.
"""

import shutil
import subprocess
from pathlib import Path

KIT_DIR = Path(__file__).resolve().parent
TS_DIR = KIT_DIR / "ts"
NODE_MODULES = KIT_DIR / "node_modules"

# (source document, committed TypeScript), both relative to the kit directory.
GENERATED_TYPES = (
    ("openapi.yaml", "ts/v1.d.ts"),
    ("page-api.yaml", "ts/pages.d.ts"),
)


# A property with a default stays optional where the schema does not require it: request bodies
# may leave it out (openapi-typescript 7 would otherwise make every defaulted field required).
OPTIONS = ("--default-non-nullable", "false")


class NodeMissing(RuntimeError):
    """Node or npm is not installed on this machine."""


def node_available() -> bool:
    return shutil.which("node") is not None and shutil.which("npm") is not None


def ensure_node_modules() -> None:
    """Install the pinned kit (`npm ci`) when `node_modules` is missing."""
    if not node_available():
        raise NodeMissing("node and npm are needed to generate the TypeScript kit")
    if (NODE_MODULES / ".bin" / "openapi-typescript").exists():
        return
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"],  # noqa: S607
        cwd=KIT_DIR,
        check=True,
        capture_output=True,
        timeout=300,
    )


def generate_types(source: Path, out: Path) -> str:
    """Run the pinned openapi-typescript on `source`, write `out`, and return its text."""
    ensure_node_modules()
    result = subprocess.run(  # noqa: S603 - the kit's own binary
        [str(NODE_MODULES / ".bin" / "openapi-typescript"), str(source), "-o", str(out), *OPTIONS],
        cwd=KIT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        raise RuntimeError(f"openapi-typescript failed on {source.name}:\n{result.stderr}")
    return out.read_text()

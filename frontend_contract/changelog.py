"""The changelog of the frontend contract (`frontend_contract/CHANGELOG.md`).

Its top entry records the SHA-256 of the documents it describes (`openapi.yaml`,
`page-api.yaml`) on lines such as

    - openapi.yaml sha256: `470fb654...`

The drift test recomputes them: a change to a document without a new changelog entry fails,
and prints the lines to put in the new entry.
"""

import hashlib
import re
from pathlib import Path

KIT_DIR = Path(__file__).resolve().parent
CHANGELOG = KIT_DIR / "CHANGELOG.md"
TRACKED = ("openapi.yaml", "page-api.yaml")
HASH_LINE = re.compile(r"^- (?P<name>[\w.-]+) sha256: `(?P<digest>[0-9a-f]{64})`$", re.M)


def document_hash(name: str, root: Path = KIT_DIR) -> str:
    return hashlib.sha256((root / name).read_bytes()).hexdigest()


def top_entry(text: str) -> str:
    """The first `## ` section of the changelog."""
    sections = re.split(r"^## ", text, flags=re.M)
    if len(sections) < 2:
        return ""
    return sections[1]


def recorded_hashes(text: str) -> dict[str, str]:
    return {m["name"]: m["digest"] for m in HASH_LINE.finditer(top_entry(text))}


def stale_documents(changelog_text: str, root: Path = KIT_DIR) -> dict[str, str]:
    """The tracked documents whose hash differs from the top entry's, with their hash now."""
    recorded = recorded_hashes(changelog_text)
    current = {name: document_hash(name, root) for name in TRACKED}
    return {name: digest for name, digest in current.items() if recorded.get(name) != digest}


def hash_lines(root: Path = KIT_DIR) -> str:
    return "\n".join(f"- {name} sha256: `{document_hash(name, root)}`" for name in TRACKED)


if __name__ == "__main__":
    print(hash_lines())

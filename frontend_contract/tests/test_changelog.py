"""The contract's changelog is touched whenever openapi.yaml (or page-api.yaml) changes."""

import shutil

import pytest

from frontend_contract.changelog import (
    CHANGELOG,
    KIT_DIR,
    TRACKED,
    hash_lines,
    recorded_hashes,
    stale_documents,
)


def test_the_top_changelog_entry_records_the_committed_documents():
    stale = stale_documents(CHANGELOG.read_text())
    if stale:
        pytest.fail(
            f"{', '.join(stale)} changed since the top entry of frontend_contract/CHANGELOG.md. "
            "Add an entry on top saying what changed for the storefront, ending with:\n\n"
            + hash_lines(),
            pytrace=False,
        )


def test_a_changed_document_without_a_new_entry_is_stale(tmp_path):
    for name in TRACKED:
        shutil.copy(KIT_DIR / name, tmp_path / name)
    text = CHANGELOG.read_text()
    assert stale_documents(text, tmp_path) == {}
    with (tmp_path / "openapi.yaml").open("a") as handle:
        handle.write("# a change\n")
    assert set(stale_documents(text, tmp_path)) == {"openapi.yaml"}


def test_only_the_top_entry_counts():
    text = CHANGELOG.read_text()
    assert set(recorded_hashes(text)) == set(TRACKED)
    older_entries = "## " + text.split("\n## ", 1)[1]
    older_only = "# Changelog\n\n## new entry without hashes\n\n- a change\n\n" + older_entries
    assert recorded_hashes(older_only) == {}
    assert set(stale_documents(older_only)) == set(TRACKED)

"""The Wagtail admin's menu as a user sees it: its entries read from the sidebar the admin
renders (the JSON the sidebar is drawn from), each with its label path and URL."""

import json
import re

SIDEBAR_PROPS = re.compile(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', re.S)


def menu_entries(html: str) -> list[tuple[str, str | None]]:
    """[(label path such as "Accounts > Companies", url)] of the main menu, in order."""
    match = SIDEBAR_PROPS.search(html)
    assert match, "no sidebar in this page"
    entries: list[tuple[str, str | None]] = []

    def walk(node, prefix: str) -> None:
        if isinstance(node, dict):
            kind = node.get("_type", "")
            args = node.get("_args") or []
            if kind.endswith("MenuItem") and args and isinstance(args[0], dict):
                item = args[0]
                entries.append((prefix + item["label"], item.get("url")))
                for sub in args[1:]:
                    walk(sub, f"{prefix}{item['label']} > ")
                return
            for value in node.values():
                walk(value, prefix)
        elif isinstance(node, list):
            for value in node:
                walk(value, prefix)

    walk(json.loads(match.group(1)), "")
    return entries


def admin_links(html: str) -> list[tuple[str, str]]:
    """The entries that lead to a screen of this admin (not Help's external pages, not Log out)."""
    return [(label, url) for label, url in menu_entries(html) if url and url.startswith("/admin/")]

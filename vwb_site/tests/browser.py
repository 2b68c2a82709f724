"""Chromium for the admin's end-to-end tests: launch Debian's Chromium through Playwright, log a
user into the Wagtail admin, save screenshots when asked (`make screenshots`).

Screenshots go to the folder named by VWB_SCREENSHOTS (docs/screenshots for `make
screenshots`); without it they are not taken.
"""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from accounts.mfa.policy import user_requires_mfa
from accounts.tests.factories import TEST_PASSWORD
from accounts.tests.mfa import enrolled_device, totp_now

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WINDOW = {"width": 1400, "height": 900}


@contextmanager
def admin_page(live_server, user, monkeypatch, *, viewport=WINDOW):
    """A Chromium page logged into the admin as `user` (whose password is TEST_PASSWORD), past
    the second factor for staff (an enrolled device, the code computed from its secret)."""
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM is used around it.
    device = enrolled_device(user) if user_requires_mfa(user) else None
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(accept_downloads=True, viewport=viewport)
            page = context.new_page()
            page.set_default_timeout(15_000)
            page.goto(f"{live_server.url}/admin/login/")
            page.fill("input[name=username]", user.email)
            page.fill("input[name=password]", TEST_PASSWORD)
            page.click("button[type=submit]")
            if device is not None:
                page.wait_for_url("**/admin/2fa/verify/**")
                page.fill("input[name=code]", totp_now(device))
                page.click("form.login-form button[type=submit]")
            page.wait_for_url(f"{live_server.url}/admin/")
            yield page
        finally:
            browser.close()


def screenshot(page, name: str) -> Path | None:
    """Save a full-page PNG as <VWB_SCREENSHOTS>/<name>.png when the variable is set."""
    folder = os.environ.get("VWB_SCREENSHOTS")
    if not folder:
        return None
    target = Path(folder) / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    # The admin scrolls inside its main column, not the document: grow the window to the
    # height of the content for a picture of the whole page, then put it back.
    height = page.evaluate(
        "Math.max(document.documentElement.scrollHeight,"
        " ...Array.from(document.querySelectorAll('main, .content-wrapper'))"
        ".map(e => e.scrollHeight))"
    )
    size = page.viewport_size or WINDOW
    page.set_viewport_size({"width": size["width"], "height": min(max(height, 600), 4000)})
    try:
        page.screenshot(path=str(target), full_page=True)
    finally:
        page.set_viewport_size(size)
    return target

"""End to end in Chromium: an editor edits and publishes an FAQ answer in the Wagtail admin,
and the page API serves the new answer."""

import json
import shutil
import urllib.request
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import Group

from accounts.tests.factories import TEST_PASSWORD, UserFactory
from accounts.tests.mfa import enrolled_device, totp_now
from cms_pages.tests.factories import build_faq, build_home

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def chromium():
    """Starts Chromium on demand: Playwright's loop must start after the test's ORM work
    (Django refuses database calls from a thread running an event loop)."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Chromium is not installed (apt-get install chromium): browser test skipped.")
    from playwright.sync_api import sync_playwright

    @contextmanager
    def launch():
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            try:
                yield browser
            finally:
                browser.close()

    return launch


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_edits_and_publishes_faq_answer_then_api_serves_it(live_server, chromium):
    home = build_home()
    faq = build_faq(
        home,
        [
            ("shipping", "Do you ship outside the EU?", "<p>Yes, to over 40 countries.</p>"),
            ("payment", "Which currencies do you accept?", "<p>EUR and USD.</p>"),
        ],
    )
    editor = UserFactory(email="editor@vwb.example", is_staff=False)
    editor.groups.add(Group.objects.get(name="Editors"))
    device = enrolled_device(editor)  # editors open the admin: second factor required

    with chromium() as browser:
        page = browser.new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("input[name=username]", "editor@vwb.example")
        page.fill("input[name=password]", TEST_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/2fa/verify/**")
        page.fill("input[name=code]", totp_now(device))
        page.click("form.login-form button[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")

        page.goto(f"{live_server.url}/admin/pages/{faq.pk}/edit/")
        answer = page.locator("[data-contentpath='answer'] [contenteditable='true']").first
        answer.click()
        page.keyboard.press("Control+A")
        page.keyboard.type("Yes: we ship to 52 countries by sea and air freight.")
        # Draftail writes its hidden input on a short debounce: publish once it holds the text.
        page.wait_for_function(
            "() => document.querySelector(\"input[name='faq_items-0-answer']\")"
            ".value.includes('52 countries')"
        )

        page.locator("button.w-dropdown__toggle.button").click()  # the actions menu
        page.click("button[name=action-publish]")
        page.wait_for_url(f"{live_server.url}/admin/pages/{home.pk}/")
        assert "published" in page.locator(".messages").inner_text().lower()

    with urllib.request.urlopen(f"{live_server.url}/api/v2/pages/{faq.pk}/") as response:
        data = json.load(response)
    shipping = data["categories"][0]
    assert shipping["items"][0] == {
        "question": "Do you ship outside the EU?",
        "answer": "<p>Yes: we ship to 52 countries by sea and air freight.</p>",
    }
    faq.refresh_from_db()
    assert faq.revisions.count() == 2

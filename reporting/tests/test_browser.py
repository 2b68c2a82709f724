"""End to end in Debian's Chromium: a manager logs into the Wagtail admin, requests the sales
workbook from the Reports menu, downloads it and the workbook opens with the right figures."""

import shutil

import pytest
from openpyxl import load_workbook

from accounts.tests.factories import TEST_PASSWORD
from accounts.tests.mfa import enrolled_device, totp_now
from reporting.tests.data import sales_data
from reporting.tests.factories import ManagerUserFactory

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.mark.browser
def test_manager_downloads_the_sales_workbook_from_the_wagtail_admin(
    live_server, transactional_db, tmp_path, monkeypatch
):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    sales_data()
    manager = ManagerUserFactory(email="margaux@vintagewithoutborders.example")
    device = enrolled_device(manager)  # managers open the admin: second factor required
    # Playwright's sync API runs an event loop in this thread; the ORM is used before it only.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(accept_downloads=True).new_page()
            page.goto(f"{live_server.url}/admin/login/")
            page.fill("input[name=username]", manager.email)
            page.fill("input[name=password]", TEST_PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url("**/admin/2fa/verify/**")
            page.fill("input[name=code]", totp_now(device))
            page.click("form.login-form button[type=submit]")
            page.wait_for_url(f"{live_server.url}/admin/")
            assert "Revenue" in page.content()  # the manager's dashboard panels
            page.goto(f"{live_server.url}/admin/reports/")
            form = page.locator("form[data-report=sales]")
            form.locator("input[name=from]").fill("2026-03-01")
            form.locator("input[name=to]").fill("2026-03-31")
            form.locator("select[name=format]").select_option("xlsx")
            form.locator("select[name=country]").select_option("DE")
            with page.expect_download() as download_info:
                form.locator("button[type=submit]").click()
            download = download_info.value
            assert download.suggested_filename == "sales-2026-03-01-2026-03-31.xlsx"
            target = tmp_path / download.suggested_filename
            download.save_as(target)
        finally:
            browser.close()
    wb = load_workbook(target)
    assert wb.sheetnames[0] == "Summary"
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True) if r[0]}
    assert summary["Filters"] == "country=DE"
    assert summary["Orders (EUR)"] == 2
    assert summary["Net revenue (EUR)"] == 650
    assert len(wb["Summary"]._charts) == 2

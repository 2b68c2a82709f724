"""End to end in Chromium, under the admin's Content-Security-Policy: an administrator signs
in, enrols a second factor (QR code, recovery codes shown once), signs out, signs in again with
a TOTP code computed from the secret, refunds an order, and finds the refund in the audit log.
No page reports a CSP violation in the console."""

import shutil
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.tests.factories import TEST_PASSWORD, AdminUserFactory
from accounts.tests.mfa import totp_from_base32
from catalog.tests.factories import BarrelFactory
from commerce.models import VatRate
from commerce.tests.factories import paid_order_create

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CSP_WORDS = ("Content Security Policy", "Refused to")


@pytest.mark.browser
@pytest.mark.raw_staff_login
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_admin_enrols_signs_in_with_totp_refunds_and_sees_it_in_the_audit_log(
    live_server, monkeypatch
):
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Chromium is not installed (apt-get install chromium): browser test skipped.")
    from playwright.sync_api import sync_playwright

    admin = AdminUserFactory(email="ops@vintagewithoutborders.example", first_name="Olga")
    order = paid_order_create()
    order_url = f"{live_server.url}/admin/commerce/orders/{order.pk}/"
    # Pages with the inline scripts Wagtail keeps (inline panel, date widgets): with the nonce.
    barrel_edit = reverse("wagtailsnippets_catalog_barrel:edit", args=[BarrelFactory().pk])
    vat_edit = reverse("wagtailsnippets_commerce_vatrate:edit", args=[VatRate.objects.first().pk])
    # Playwright's sync API runs an event loop in this thread; the ORM is used before it only.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    console: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(20_000)
            page.on("console", lambda m: console.append(f"{m.type}: {page.url}: {m.text}"))
            page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))

            def sign_in():
                page.goto(f"{live_server.url}/admin/login/")
                page.fill("input[name=username]", admin.email)
                page.fill("input[name=password]", TEST_PASSWORD)
                page.click("button[type=submit]")

            # 1. The password alone leads to the enrolment, before anything else.
            sign_in()
            page.wait_for_url("**/admin/2fa/enrol/**")
            qr = page.locator(".mfa-qr svg.segno")
            assert qr.count() == 1 and "qrline" in qr.inner_html()  # inline, no request
            secret = page.locator("[data-mfa-secret]").inner_text().strip()
            page.locator("input[name=code]").fill(totp_from_base32(secret))
            page.click("form.login-form button[type=submit]")
            page.wait_for_selector(".mfa-recovery-codes li")
            codes = page.locator(".mfa-recovery-codes li")
            assert codes.count() == 10
            page.get_by_text("I have saved them: continue").click()
            page.wait_for_url(f"{live_server.url}/admin/")

            # 2. Sign out from the sidebar's account menu.
            page.locator(".sidebar-footer__account").click()
            page.get_by_role("button", name="Log out").click()
            page.wait_for_url("**/admin/login/**")

            # 3. Sign in again: password, then a code computed from the secret. The code of the
            # enrolment's 30-second step was spent (a replay is refused): the next step's code,
            # within the one step of drift TOTP allows, is what the app shows a moment later.
            sign_in()
            page.wait_for_url("**/admin/2fa/verify/**")
            page.locator("input[name=code]").fill(totp_from_base32(secret, offset_steps=1))
            page.click("form.login-form button[type=submit]")
            page.wait_for_url(f"{live_server.url}/admin/")

            # 4. A refund from the order page.
            page.goto(order_url)
            page.locator("[data-order-action=refund]").click()  # the order page's dialog
            dialog = page.locator("#order-refund-dialog")
            dialog.get_by_label("Amount").fill("25.00")
            dialog.get_by_role("button", name="Refund").click()
            page.wait_for_selector("text=Refund recorded")

            # 5. The audit log screen lists it, filtered by action.
            page.goto(f"{live_server.url}/admin/accounts/audit/?action=order.refund")
            rows = page.locator("table.listing tbody tr")
            assert rows.count() == 1
            assert "order.refund" in rows.first.inner_text()
            rows.first.locator("a").first.click()
            page.wait_for_url("**/inspect/**")
            detail = page.locator("main").inner_text()
            assert str(order.pk) in detail and "amount_refunded" in detail

            # 6. Other admin screens render under the policy too.
            for path in (barrel_edit, vat_edit, "/admin/pages/", "/admin/users/"):
                page.goto(f"{live_server.url}{path}")
                page.wait_for_load_state("networkidle")
                assert page.locator("main").count() >= 1
            assert page.evaluate("typeof window.InlinePanel") != "undefined"
        finally:
            browser.close()

    order.refresh_from_db()
    assert order.amount_refunded == Decimal("25.00")
    violations = [m for m in console if any(w in m for w in CSP_WORDS)]
    assert violations == [], violations

"""In Chromium (#21 item 1): an administrator ships an order, refunds part of it and opens its
invoice, all from the order page; screenshots of the order list and the order page
(`make screenshots` writes them to docs/screenshots)."""

from decimal import Decimal

import pytest

from accounts.tests.factories import AdminUserFactory, B2BUserFactory
from commerce.models import Order, OrderStatus
from commerce.tests.factories import order_create, paid_order_create
from vwb_site.tests.browser import admin_page, screenshot

pytestmark = pytest.mark.browser


def _orders():
    buyer = B2BUserFactory(
        email="jonas@keller.example",
        company__legal_name="Weingut Keller Fassbau GmbH",
        company__vat_number="DE136695976",
    )
    order = paid_order_create(
        user=buyer,
        quantity=2,
        customer_type="b2b",
        buyer_vat_number="DE136695976",
    )
    line = order.lines.get()
    order.tax_breakdown = [
        {"label": line.sku, "base": str(line.line_total), "rate": "20.00", "amount": "0"},
        {"label": "shipping", "base": str(order.shipping_amount), "rate": "20.00", "amount": "0"},
    ]
    order.tax_breakdown[0]["amount"] = str(line.tax_amount)
    order.tax_breakdown[1]["amount"] = str(order.tax_amount - line.tax_amount)
    order.save(update_fields=["tax_breakdown"])
    order_create(payment_method="bank_transfer")
    order_create()
    return order


def test_admin_ships_refunds_part_and_opens_the_invoice_from_the_order_page(
    live_server, transactional_db, monkeypatch, tmp_path
):
    order = _orders()
    admin = AdminUserFactory()
    with admin_page(live_server, admin, monkeypatch) as page:
        page.goto(f"{live_server.url}/admin/commerce/orders/")
        assert page.title() == "Orders - Wagtail"
        screenshot(page, "order-list")
        page.goto(f"{live_server.url}/admin/commerce/orders/?payment_method=bank_transfer")
        rows = page.locator("[data-bulk-action-checkbox]")
        assert rows.count() == 2  # the card order is filtered out
        rows.first.check()
        footer = page.locator("[data-bulk-action-footer]")
        footer.get_by_text("Generate invoices").wait_for()
        screenshot(page, "order-list-filtered")
        page.get_by_role("link", name=order.number).click()
        page.wait_for_url(f"**/admin/commerce/orders/{order.pk}/")
        assert page.title() == f"Order {order.number} - Wagtail"
        assert page.locator("[data-order-status]").get_attribute("data-order-status") == (
            "processing"
        )

        page.locator("[data-order-action=ship]").click()
        dialog = page.locator("#order-ship-dialog")
        dialog.get_by_label("Carrier").select_option("dhl-freight")
        dialog.get_by_label("Tracking number").fill("JD0141")
        dialog.get_by_role("button", name="Ship the order").click()
        page.wait_for_selector("text=shipped.")
        assert page.locator("[data-order-status]").get_attribute("data-order-status") == ("shipped")
        assert "JD0141" in page.locator("[data-tracking-number]").inner_text()

        page.locator("[data-order-action=refund]").click()
        dialog = page.locator("#order-refund-dialog")
        dialog.get_by_label("Amount").fill("50.00")
        dialog.get_by_label("Reason").fill("A scratched stave")
        dialog.get_by_role("button", name="Refund").click()
        page.wait_for_selector("text=Refund recorded")
        assert "A scratched stave" in page.locator("[data-order-payments]").inner_text()

        invoice = page.locator("[data-document=invoice]")
        if invoice.get_by_role("button", name="Generate").count():
            invoice.get_by_role("button", name="Generate").click()
            page.wait_for_selector("text=generated")
        with page.expect_download() as download_info:
            page.locator("[data-document=invoice] a").click()
        target = tmp_path / download_info.value.suggested_filename
        download_info.value.save_as(target)
        page.evaluate("window.scrollTo(0, 0)")
        screenshot(page, "order-page")

    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED
    assert order.amount_refunded == Decimal("50.00")
    assert target.read_bytes().startswith(b"%PDF")
    assert target.name.startswith("INV-") or "invoice" in target.name.lower()
    assert Order.objects.count() == 3

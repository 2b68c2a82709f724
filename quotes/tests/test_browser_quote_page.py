"""In Chromium (#21 item 2): staff send an offer from the quote page (its dialog, prefilled
from the request) and reply to the buyer's message; screenshot of the quote page."""

from decimal import Decimal

import pytest

from accounts.tests.factories import AdminUserFactory, B2BUserFactory
from catalog.tests.factories import BarrelFactory
from quotes.models import QuoteMessage, QuoteStatus
from quotes.services.actions import quote_message_add, quote_request_changes
from quotes.tests.factories import request_quote, send_offer
from vwb_site.tests.browser import admin_page, screenshot

pytestmark = pytest.mark.browser


def test_staff_send_an_offer_and_reply_from_the_quote_page(
    live_server, transactional_db, monkeypatch
):
    admin = AdminUserFactory()
    buyer = B2BUserFactory(company__legal_name="Weingut Keller Fassbau GmbH")
    barrel = BarrelFactory(name="Bordeaux barrique 2019", stock_quantity=12)
    quote = request_quote(user=buyer, barrel=barrel, quantity=4, text="Four for our new cellar.")
    send_offer(quote=quote, admin=admin, barrel=barrel, quantity=4, unit_price="260.00")
    quote_request_changes(quote=quote, user=buyer, message="Could you do 240 a barrel?")
    quote_message_add(quote=quote, author=buyer, body="And delivery before May?")
    with admin_page(live_server, admin, monkeypatch) as page:
        page.goto(f"{live_server.url}/admin/quotes/")
        assert quote.number in page.content()
        page.get_by_role("link", name=quote.number).click()
        page.wait_for_url(f"**/admin/quotes/{quote.pk}/")
        assert page.title() == f"Quote {quote.number} - Wagtail"

        page.locator("[data-quote-action=send]").click()
        dialog = page.locator("#quote-send-dialog")
        price = dialog.locator("input[name=lines-0-unit_price]")
        assert price.input_value() == "260.00"  # from the last version
        price.fill("240.00")
        dialog.locator("textarea[name=message]").fill("240 it is, for four.")
        dialog.get_by_role("button", name="Send this version to the buyer").click()
        page.wait_for_selector("text=Version 2 sent")
        assert page.locator("[data-quote-status]").get_attribute("data-quote-status") == (
            "approved"
        )

        reply = page.locator("[data-reply-form]")
        reply.locator("textarea[name=body]").fill("Yes: delivery in the last week of April.")
        reply.get_by_role("button", name="Reply").click()
        page.wait_for_selector("text=Message sent to the buyer")
        thread = page.locator("[data-quote-thread]").inner_text()
        assert "last week of April" in thread and "And delivery before May?" in thread
        page.evaluate("window.scrollTo(0, 0)")
        screenshot(page, "quote-page")

    quote.refresh_from_db()
    assert quote.status == QuoteStatus.APPROVED
    version = quote.current_version
    assert version.number == 2
    assert version.lines.get().unit_price == Decimal("240.00")
    assert QuoteMessage.objects.filter(quote=quote, from_staff=True).count() == 1

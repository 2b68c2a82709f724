"""The staff's screens in the Wagtail admin call the same services as the API."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from quotes.models import QuoteStatus
from quotes.tests.factories import request_quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, admin):
    client.force_login(admin)
    return client


def _send_form(barrel, **overrides):
    data = {
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-barrel": barrel.slug,
        "lines-0-quantity": "2",
        "lines-0-unit_price": "250.00",
        "lines-0-discount_percent": "10",
        "valid_until": str(timezone.localdate() + timedelta(days=14)),
        "payment_terms": "bank_transfer",
        "freight_amount": "120.00",
        "holds_stock": "on",
        "message": "From the admin.",
    }
    data.update(overrides)
    return data


def test_the_queue_lists_pending_quotes_oldest_first(staff, b2b_user, barrel):
    first = request_quote(user=b2b_user, barrel=barrel)
    second = request_quote(user=b2b_user, barrel=barrel)
    page = staff.get("/admin/quotes/").content.decode()
    assert page.index(first.number) < page.index(second.number)
    assert b2b_user.company.legal_name in page


def test_the_detail_page_shows_request_versions_and_history(staff, approved_quote):
    page = staff.get(f"/admin/quotes/{approved_quote.pk}/").content.decode()
    assert approved_quote.number in page
    assert "Version 1" in page and "684.00" in page
    assert "History" in page and "approved" in page


def test_staff_price_and_send_a_version_from_the_admin(staff, pending_quote, barrel):
    form = staff.get(f"/admin/quotes/{pending_quote.pk}/send/")
    assert form.status_code == 200
    assert barrel.slug in form.content.decode()  # lines prefilled from the request
    response = staff.post(f"/admin/quotes/{pending_quote.pk}/send/", _send_form(barrel))
    assert response.status_code == 302
    pending_quote.refresh_from_db()
    assert pending_quote.status == QuoteStatus.APPROVED
    version = pending_quote.current_version
    assert (version.total, version.holds_stock, version.message) == (
        Decimal("684.00"),
        True,
        "From the admin.",
    )
    barrel.refresh_from_db()
    assert barrel.reserved_quantity == 2


def test_a_refused_version_in_the_admin_shows_the_reason_and_changes_nothing(
    staff, pending_quote, barrel
):
    response = staff.post(
        f"/admin/quotes/{pending_quote.pk}/send/",
        _send_form(barrel, **{"lines-0-quantity": "50"}),
        follow=True,
    )
    assert response.status_code == 200
    assert "Not enough stock" in response.content.decode()
    pending_quote.refresh_from_db()
    assert pending_quote.status == QuoteStatus.PENDING
    barrel.refresh_from_db()
    assert barrel.reserved_quantity == 0


def test_staff_reject_with_a_reason_from_the_admin(staff, pending_quote):
    assert staff.get(f"/admin/quotes/{pending_quote.pk}/reject/").status_code == 200
    response = staff.post(
        f"/admin/quotes/{pending_quote.pk}/reject/", {"reason": "We cannot source these."}
    )
    assert response.status_code == 302
    pending_quote.refresh_from_db()
    assert pending_quote.status == QuoteStatus.REJECTED
    assert pending_quote.history.last().note == "We cannot source these."


def test_non_staff_cannot_open_the_quote_screens(client, b2b_user, pending_quote):
    client.force_login(b2b_user)
    response = client.get("/admin/quotes/")
    assert response.status_code in (302, 403)

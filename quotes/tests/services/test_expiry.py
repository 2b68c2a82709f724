from datetime import timedelta

import pytest
from django.utils import timezone

from quotes.models import QuoteStatus, QuoteVersion
from quotes.services.expiry import quote_expiry_sweep

pytestmark = pytest.mark.django_db


def _valid_until(quote, days_from_today: int):
    QuoteVersion.objects.filter(pk=quote.current_version_id).update(
        valid_until=timezone.localdate() + timedelta(days=days_from_today)
    )


def test_an_offer_valid_until_today_is_not_expired_yet(approved_quote):
    _valid_until(approved_quote, 0)
    assert quote_expiry_sweep()["expired"] == 0
    approved_quote.refresh_from_db()
    assert approved_quote.status == QuoteStatus.APPROVED


def test_an_offer_whose_last_valid_day_passed_expires_with_a_history_row_and_an_email(
    approved_quote, mailbox, django_capture_on_commit_callbacks
):
    _valid_until(approved_quote, -1)
    with django_capture_on_commit_callbacks(execute=True):
        assert quote_expiry_sweep()["expired"] == 1
    approved_quote.refresh_from_db()
    assert approved_quote.status == QuoteStatus.EXPIRED
    entry = approved_quote.history.last()
    assert (entry.from_status, entry.to_status, entry.actor) == ("approved", "expired", None)
    assert mailbox.wait_for(1)[0]["Subject"] == f"Quote {approved_quote.number} has expired"
    assert quote_expiry_sweep()["expired"] == 0  # twice is harmless


def test_the_buyer_is_reminded_once_when_less_than_48_hours_remain(
    approved_quote, mailbox, django_capture_on_commit_callbacks
):
    _valid_until(approved_quote, 5)
    assert quote_expiry_sweep()["reminded"] == 0
    _valid_until(approved_quote, 1)  # ends at midnight UTC after tomorrow: under 48 hours
    with django_capture_on_commit_callbacks(execute=True):
        assert quote_expiry_sweep()["reminded"] == 1
    assert quote_expiry_sweep()["reminded"] == 0
    [message] = mailbox.wait_for(1)
    assert message["Subject"] == f"Quote {approved_quote.number} expires in less than 48 hours"
    assert approved_quote.user.email in message["X-Envelope-To"]


def test_pending_quotes_do_not_expire(pending_quote):
    assert quote_expiry_sweep() == {"expired": 0, "holds_released": 0, "reminded": 0}

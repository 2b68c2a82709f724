from datetime import timedelta

import pytest
from django.utils import timezone

from catalog.models import StockMovement
from catalog.services.inventory import StockReference, held_by
from quotes.models import QuoteStatus, QuoteVersion
from quotes.services.actions import quote_cancel, quote_decline, quote_reject, quote_request_changes
from quotes.services.expiry import quote_expiry_sweep
from quotes.services.holds import quote_held
from quotes.tests.factories import send_offer
from vwb_site.exceptions import ConflictError

pytestmark = pytest.mark.django_db


def _stock(barrel):
    barrel.refresh_from_db()
    return barrel.stock_quantity, barrel.reserved_quantity


def _age(quote, days: int):
    """Pretend the current offer's validity ended `days` ago."""
    quote.refresh_from_db()
    QuoteVersion.objects.filter(pk=quote.current_version_id).update(
        valid_until=timezone.localdate() - timedelta(days=days)
    )


def test_a_holding_offer_reserves_the_quoted_stock_through_the_catalog(
    pending_quote, admin, barrel
):
    send_offer(quote=pending_quote, admin=admin, barrel=barrel, quantity=3, holds_stock=True)
    assert _stock(barrel) == (5, 3)
    assert quote_held(quote=pending_quote) == {barrel.id: 3}
    movement = StockMovement.objects.get(reference_kind="quote")
    assert movement.reference_id == str(pending_quote.pk)
    assert movement.reason == "reservation"


def test_an_offer_without_hold_reserves_nothing(pending_quote, admin, barrel):
    send_offer(quote=pending_quote, admin=admin, barrel=barrel, holds_stock=False)
    assert _stock(barrel) == (5, 0)


def test_holding_more_than_is_in_stock_is_a_409_and_nothing_changes(pending_quote, admin, barrel):
    with pytest.raises(ConflictError) as caught:
        send_offer(quote=pending_quote, admin=admin, barrel=barrel, quantity=6, holds_stock=True)
    assert caught.value.code == "insufficient_stock"
    assert _stock(barrel) == (5, 0)
    pending_quote.refresh_from_db()
    assert pending_quote.status == QuoteStatus.PENDING
    assert not pending_quote.versions.exists()
    assert not StockMovement.objects.exists()


def test_a_new_version_replaces_the_hold_and_a_refused_one_keeps_the_old(
    approved_quote, admin, barrel
):
    quote = approved_quote
    quote_request_changes(quote=quote, user=quote.user, message="Make it 4 with a hold")
    send_offer(quote=quote, admin=admin, barrel=barrel, quantity=4, holds_stock=True)
    assert _stock(barrel) == (5, 4)
    quote_request_changes(quote=quote, user=quote.user, message="Actually 6")
    assert _stock(barrel) == (5, 4)  # still held while the seller answers
    with pytest.raises(ConflictError):
        send_offer(quote=quote, admin=admin, barrel=barrel, quantity=6, holds_stock=True)
    assert _stock(barrel) == (5, 4)
    assert quote_held(quote=quote) == {barrel.id: 4}
    send_offer(quote=quote, admin=admin, barrel=barrel, quantity=5, holds_stock=True)
    assert _stock(barrel) == (5, 5)  # the 4 held count towards the new 5


def test_the_hold_is_released_when_the_seller_rejects(pending_quote, admin, barrel):
    send_offer(quote=pending_quote, admin=admin, barrel=barrel, quantity=2, holds_stock=True)
    quote_reject(quote=pending_quote, actor=admin, reason="Sold elsewhere.")
    assert _stock(barrel) == (5, 0)
    assert held_by(StockReference.quote(pending_quote.pk)) == {}


def test_the_hold_is_released_when_the_buyer_declines(pending_quote, admin, barrel):
    send_offer(quote=pending_quote, admin=admin, barrel=barrel, quantity=2, holds_stock=True)
    quote_decline(quote=pending_quote, user=pending_quote.user, reason="Too dear.")
    assert _stock(barrel) == (5, 0)


def test_the_hold_is_released_when_the_buyer_cancels_after_asking_for_changes(
    pending_quote, admin, barrel
):
    send_offer(quote=pending_quote, admin=admin, barrel=barrel, quantity=2, holds_stock=True)
    quote_request_changes(quote=pending_quote, user=pending_quote.user, message="Cheaper?")
    quote_cancel(quote=pending_quote, user=pending_quote.user)
    assert _stock(barrel) == (5, 0)
    pending_quote.refresh_from_db()
    assert pending_quote.status == QuoteStatus.CANCELLED


def test_the_hold_is_released_when_the_offer_expires(pending_quote, admin, barrel):
    send_offer(quote=pending_quote, admin=admin, barrel=barrel, quantity=2, holds_stock=True)
    _age(pending_quote, 1)
    assert quote_expiry_sweep()["expired"] == 1
    pending_quote.refresh_from_db()
    assert pending_quote.status == QuoteStatus.EXPIRED
    assert _stock(barrel) == (5, 0)


def test_a_lapsed_hold_of_a_quote_waiting_for_a_new_version_is_released(
    pending_quote, admin, barrel
):
    send_offer(quote=pending_quote, admin=admin, barrel=barrel, quantity=2, holds_stock=True)
    quote_request_changes(quote=pending_quote, user=pending_quote.user, message="Cheaper?")
    _age(pending_quote, 1)
    result = quote_expiry_sweep()
    assert result["holds_released"] == 1 and result["expired"] == 0
    pending_quote.refresh_from_db()
    assert pending_quote.status == QuoteStatus.PENDING
    assert _stock(barrel) == (5, 0)

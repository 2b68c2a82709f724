import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from accounts.tests.factories import AddressFactory, B2BUserFactory
from catalog.services.inventory import StockReference, held_by
from commerce.models import Order
from quotes import error_codes
from quotes.models import QuoteStatus, QuoteVersion
from quotes.services.acceptance import quote_accept
from quotes.tests.factories import request_quote, send_offer
from vwb_site.api.metrics import QUOTES_ACCEPTED
from vwb_site.exceptions import ApplicationError, ConflictError, NotFoundError

pytestmark = pytest.mark.django_db


@pytest.fixture
def bordeaux(b2b_user):
    return AddressFactory(
        user=b2b_user, country="FR", zip_code="33000", city="Bordeaux", is_default_shipping=True
    )


def _stock(barrel):
    barrel.refresh_from_db()
    return barrel.stock_quantity, barrel.reserved_quantity


def test_accepting_creates_one_order_at_exactly_the_quoted_prices(approved_quote, bordeaux, barrel):
    version = approved_quote.current_version
    before = QUOTES_ACCEPTED._value.get()
    order = quote_accept(quote=approved_quote, user=approved_quote.user)
    order.refresh_from_db()
    assert (order.subtotal, order.shipping_amount, order.tax_amount, order.total_amount) == (
        version.lines_subtotal,
        version.freight_amount,
        version.vat_amount,
        version.total,
    )
    assert order.total_amount == Decimal("684.00")
    [line] = order.lines.all()
    assert (line.barrel_id, line.quantity, line.unit_price, line.line_total) == (
        barrel.id,
        2,
        Decimal("225.00"),
        Decimal("450.00"),
    )
    assert (order.tax_regime, order.tax_rate) == ("domestic", Decimal("20.00"))
    assert order.payment_method == "bank_transfer" and order.payment_reference == order.number
    assert order.status == "pending"
    assert order.shipping_address["zip_code"] == "33000"
    assert order.billing_address["company_name"] == approved_quote.company.legal_name
    assert order.history.get().note.startswith(f"Created from quote {approved_quote.number}")
    approved_quote.refresh_from_db()
    assert approved_quote.status == QuoteStatus.ACCEPTED
    assert (approved_quote.order_id, approved_quote.order_number) == (order.pk, order.number)
    # No hold in this offer: the order reserves the stock itself.
    assert held_by(StockReference.order(order.pk)) == {barrel.id: 2}
    assert _stock(barrel) == (5, 2)
    assert QUOTES_ACCEPTED._value.get() == before  # counted after commit only


def test_a_held_offer_turns_into_the_orders_reservation(pending_quote, admin, barrel, bordeaux):
    send_offer(quote=pending_quote, admin=admin, barrel=barrel, quantity=3, holds_stock=True)
    assert _stock(barrel) == (5, 3)
    order = quote_accept(quote=pending_quote, user=pending_quote.user)
    assert _stock(barrel) == (5, 3)  # moved, not reserved twice
    assert held_by(StockReference.quote(pending_quote.pk)) == {}
    assert held_by(StockReference.order(order.pk)) == {barrel.id: 3}


def test_card_terms_give_a_card_order_and_net_30_a_processing_order(
    b2b_user, admin, barrel, bordeaux
):
    card = request_quote(user=b2b_user, barrel=barrel, quantity=1)
    send_offer(quote=card, admin=admin, barrel=barrel, quantity=1, terms="card")
    order = quote_accept(quote=card, user=b2b_user)
    assert (order.payment_method, order.status, order.payment_reference) == ("card", "pending", "")
    net = request_quote(user=b2b_user, barrel=barrel, quantity=1)
    send_offer(quote=net, admin=admin, barrel=barrel, quantity=1, terms="net_30")
    order = quote_accept(quote=net, user=b2b_user)
    order.refresh_from_db()
    assert (order.payment_method, order.status, order.expires_at) == (
        "bank_transfer",
        "processing",
        None,
    )


def test_an_already_accepted_quote_cannot_be_accepted_again(approved_quote, bordeaux, barrel):
    order = quote_accept(quote=approved_quote, user=approved_quote.user)
    with pytest.raises(ConflictError) as caught:
        quote_accept(quote=approved_quote, user=approved_quote.user)
    assert caught.value.code == error_codes.ALREADY_ACCEPTED
    assert caught.value.extra["order_number"] == order.number
    assert Order.objects.count() == 1
    assert _stock(barrel) == (5, 2)


def test_an_offer_past_its_validity_cannot_be_accepted_even_before_the_sweep(
    approved_quote, bordeaux, barrel
):
    QuoteVersion.objects.filter(pk=approved_quote.current_version_id).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(ConflictError) as caught:
        quote_accept(quote=approved_quote, user=approved_quote.user)
    assert caught.value.code == error_codes.EXPIRED
    assert not Order.objects.exists()
    assert _stock(barrel) == (5, 0)
    approved_quote.refresh_from_db()
    assert approved_quote.status == QuoteStatus.APPROVED


def test_a_pending_quote_cannot_be_accepted(pending_quote, bordeaux):
    with pytest.raises(ConflictError) as caught:
        quote_accept(quote=pending_quote, user=pending_quote.user)
    assert caught.value.code == error_codes.TRANSITION_NOT_ALLOWED
    assert not Order.objects.exists()


def test_another_company_cannot_accept(approved_quote):
    stranger = B2BUserFactory()
    with pytest.raises(NotFoundError):
        quote_accept(quote=approved_quote, user=stranger)
    assert not Order.objects.exists()


def test_the_shipping_address_must_be_in_the_quoted_destination(approved_quote, b2b_user, barrel):
    berlin = AddressFactory(user=b2b_user, country="DE", zip_code="10115", city="Berlin")
    with pytest.raises(ApplicationError) as caught:
        quote_accept(quote=approved_quote, user=b2b_user, shipping_address_id=berlin.pk)
    assert caught.value.code == error_codes.SHIPPING_ADDRESS_MISMATCH
    with pytest.raises(ApplicationError) as caught:
        quote_accept(quote=approved_quote, user=b2b_user)  # no default address at all
    assert caught.value.code == error_codes.SHIPPING_ADDRESS_REQUIRED
    assert not Order.objects.exists()
    assert _stock(barrel) == (5, 0)


def test_without_a_hold_acceptance_fails_cleanly_when_the_stock_is_gone(
    approved_quote, bordeaux, barrel
):
    from catalog.services.inventory import stock_reserve

    stock_reserve(lines=[(barrel.id, 4)], reference=StockReference.order("someone-else"))
    with pytest.raises(ConflictError) as caught:
        quote_accept(quote=approved_quote, user=approved_quote.user)
    assert caught.value.code == "insufficient_stock"
    assert not Order.objects.exists()
    approved_quote.refresh_from_db()
    assert approved_quote.status == QuoteStatus.APPROVED
    assert _stock(barrel) == (5, 4)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_acceptances_create_exactly_one_order(b2b_user, admin, barrel, client_for):
    AddressFactory(user=b2b_user, country="FR", zip_code="33000", is_default_shipping=True)
    quote = request_quote(user=b2b_user, barrel=barrel)
    send_offer(quote=quote, admin=admin, barrel=barrel, holds_stock=True)
    url = f"/v1/quotes/{quote.pk}/accept"
    barrier = threading.Barrier(4)
    statuses: list[int] = []

    def click():
        client = client_for(b2b_user)
        try:
            barrier.wait(timeout=10)
            statuses.append(client.post(url, {}, format="json").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(statuses) == [201, 409, 409, 409]
    assert Order.objects.filter(user=b2b_user).count() == 1
    order = Order.objects.get()
    assert held_by(StockReference.order(order.pk)) == {barrel.id: 2}
    assert _stock(barrel) == (5, 2)
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.ACCEPTED and quote.order_id == order.pk

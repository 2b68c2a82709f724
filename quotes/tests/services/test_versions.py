from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import Company
from catalog.models import BarrelStatus
from catalog.tests.factories import BarrelFactory, BarrelTierPriceFactory
from quotes import error_codes
from quotes.models import QuoteStatus, QuoteVersion
from quotes.services.versions import quote_version_send
from quotes.tests.factories import request_quote, send_offer
from vwb_site.exceptions import ApplicationError, ConflictError, ForbiddenError

pytestmark = pytest.mark.django_db


def _stock(barrel):
    barrel.refresh_from_db()
    return barrel.stock_quantity, barrel.reserved_quantity


def _unchanged(quote):
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.PENDING
    assert quote.current_version is None and quote.quoted_price is None
    assert not QuoteVersion.objects.filter(quote=quote).exists()


def test_sending_a_version_prices_lines_discounts_freight_and_vat_and_approves_the_quote(
    pending_quote, admin, barrel
):
    version = send_offer(quote=pending_quote, admin=admin, barrel=barrel)
    line = version.lines.get()
    assert (line.unit_price, line.discount_percent, line.net_unit_price, line.line_total) == (
        Decimal("250.00"),
        Decimal("10.00"),
        Decimal("225.00"),
        Decimal("450.00"),
    )
    assert version.lines_subtotal == Decimal("450.00")
    assert version.freight_amount == Decimal("120.00")
    assert version.net_total == Decimal("570.00")
    # Destination FR = the seller's country: domestic French VAT at 20 % on goods and freight.
    assert (version.vat_treatment, version.vat_country, version.vat_rate) == (
        "domestic",
        "FR",
        Decimal("20.00"),
    )
    assert version.vat_amount == Decimal("114.00")
    assert version.total == Decimal("684.00")
    pending_quote.refresh_from_db()
    assert pending_quote.status == QuoteStatus.APPROVED
    assert pending_quote.current_version == version
    assert pending_quote.quoted_price == Decimal("684.00")
    assert pending_quote.history.last().to_status == "approved"


def test_vat_is_what_orders_compute_reverse_charge_for_an_eu_business_elsewhere(
    b2b_user, admin, barrel
):
    quote = request_quote(user=b2b_user, barrel=barrel, country="DE", postcode="55116")
    version = send_offer(quote=quote, admin=admin, barrel=barrel)
    assert (version.vat_treatment, version.vat_rate, version.vat_amount) == (
        "reverse_charge",
        Decimal("0.00"),
        Decimal("0.00"),
    )
    assert b2b_user.company.vat_number in version.vat_wording
    assert version.total == version.net_total


def test_freight_comes_from_the_shipping_rate_service_unless_staff_override_it(
    pending_quote, admin, barrel
):
    version = send_offer(quote=pending_quote, admin=admin, barrel=barrel, freight=None)
    assert version.freight_method_code
    assert version.freight_rate_price is not None and version.freight_rate_price > 0
    assert version.freight_amount == version.freight_rate_price
    assert not version.freight_overridden
    assert version.freight_details["pallets"] >= 1


def test_an_overridden_freight_keeps_the_rate_it_replaced(pending_quote, admin, barrel):
    version = send_offer(quote=pending_quote, admin=admin, barrel=barrel, freight="99.00")
    assert version.freight_amount == Decimal("99.00")
    assert version.freight_overridden
    assert version.freight_rate_price is not None and version.freight_rate_price != Decimal("99")


def test_without_a_unit_price_the_best_b2b_tier_price_is_offered(b2b_user, admin):
    barrel = BarrelFactory(stock_quantity=20)
    BarrelTierPriceFactory(barrel=barrel, min_quantity=10, unit_price=Decimal("240.00"))
    quote = request_quote(user=b2b_user, barrel=barrel, quantity=12)
    version = send_offer(
        quote=quote, admin=admin, barrel=barrel, quantity=12, unit_price=None, discount=None
    )
    line = version.lines.get()
    assert line.list_unit_price == line.unit_price == line.net_unit_price == Decimal("240.00")


def test_a_second_version_after_changes_requested_becomes_current(approved_quote, admin, barrel):
    from quotes.services.actions import quote_request_changes

    first = approved_quote.current_version
    quote_request_changes(quote=approved_quote, user=approved_quote.user, message="Lower?")
    second = send_offer(quote=approved_quote, admin=admin, barrel=barrel, discount="15")
    approved_quote.refresh_from_db()
    assert second.number == 2
    assert approved_quote.current_version == second
    assert approved_quote.quoted_price == second.total
    first.refresh_from_db()
    assert first.lines.get().discount_percent == Decimal("10.00")  # version 1 is untouched


def test_only_staff_can_send_a_version(pending_quote, b2b_user, barrel):
    with pytest.raises(ForbiddenError):
        send_offer(quote=pending_quote, admin=b2b_user, barrel=barrel)
    _unchanged(pending_quote)


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"unit_price": "-1.00"}, error_codes.NEGATIVE_PRICE),
        ({"discount": "100.01"}, error_codes.INVALID_DISCOUNT),
        ({"discount": "-5"}, error_codes.INVALID_DISCOUNT),
        ({"freight": "-10.00"}, error_codes.NEGATIVE_PRICE),
        ({"days": 0}, error_codes.VALIDITY_IN_PAST),
        ({"days": -3}, error_codes.VALIDITY_IN_PAST),
    ],
)
def test_bad_prices_discounts_and_validity_are_refused_and_change_nothing(
    pending_quote, admin, barrel, overrides, code
):
    with pytest.raises(ApplicationError) as caught:
        send_offer(quote=pending_quote, admin=admin, barrel=barrel, holds_stock=True, **overrides)
    assert caught.value.code == code
    assert caught.value.status_code == 400
    _unchanged(pending_quote)
    assert _stock(barrel) == (5, 0)


def test_a_full_discount_is_allowed(pending_quote, admin, barrel):
    version = send_offer(quote=pending_quote, admin=admin, barrel=barrel, discount="100")
    assert version.lines_subtotal == Decimal("0.00")


def test_an_offer_without_lines_is_refused(pending_quote, admin):
    with pytest.raises(ApplicationError) as caught:
        quote_version_send(
            quote=pending_quote,
            actor=admin,
            lines=[],
            valid_until=timezone.localdate() + timedelta(days=5),
            payment_terms="card",
            freight_amount=Decimal("1"),
        )
    assert caught.value.code == error_codes.NO_LINES
    _unchanged(pending_quote)


def test_archived_barrels_cannot_be_offered(pending_quote, admin):
    archived = BarrelFactory(status=BarrelStatus.ARCHIVED)
    with pytest.raises(ApplicationError) as caught:
        send_offer(quote=pending_quote, admin=admin, barrel=archived)
    assert caught.value.code == error_codes.BARREL_NOT_FOR_SALE
    _unchanged(pending_quote)


def test_net_30_is_only_for_verified_companies(pending_quote, admin, barrel):
    Company.objects.filter(pk=pending_quote.company_id).update(
        verification_status=Company.Verification.PENDING
    )
    with pytest.raises(ApplicationError) as caught:
        send_offer(quote=pending_quote, admin=admin, barrel=barrel, terms="net_30")
    assert caught.value.code == error_codes.NET_TERMS_NOT_ALLOWED
    _unchanged(pending_quote)


def test_net_30_is_offered_to_a_verified_company(pending_quote, admin, barrel):
    version = send_offer(quote=pending_quote, admin=admin, barrel=barrel, terms="net_30")
    assert version.payment_terms == "net_30"


def test_a_version_cannot_be_sent_on_an_approved_quote(approved_quote, admin, barrel):
    with pytest.raises(ConflictError) as caught:
        send_offer(quote=approved_quote, admin=admin, barrel=barrel)
    assert caught.value.code == error_codes.TRANSITION_NOT_ALLOWED
    assert approved_quote.versions.count() == 1

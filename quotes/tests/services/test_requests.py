import re

import pytest

from accounts.models import Company
from accounts.tests.factories import B2BUserFactory, CompanyFactory
from catalog.models import BarrelStatus
from catalog.tests.factories import BarrelFactory
from quotes import error_codes
from quotes.models import Quote, QuoteStatus
from quotes.services.requests import quote_request_create
from vwb_site.exceptions import ApplicationError, ForbiddenError

pytestmark = pytest.mark.django_db


def _create(user, **overrides):
    kwargs = {
        "user": user,
        "items": [],
        "text": "",
        "destination_country": "DE",
        "destination_postcode": "55116",
    }
    kwargs.update(overrides)
    return quote_request_create(**kwargs)


def test_a_verified_b2b_buyer_requests_barrels_and_gets_a_numbered_pending_quote(
    b2b_user,
    barrel,
    mailbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        quote = _create(
            b2b_user,
            items=[{"barrel": barrel.slug, "quantity": 3}],
            text="Also interested in ex-sherry butts.",
            notes="Forklift on site.",
        )
    assert re.fullmatch(r"Q-\d{4}-\d{6}", quote.number)
    assert quote.status == QuoteStatus.PENDING
    assert quote.company == b2b_user.company
    assert quote.requested_items["lines"] == [
        {
            "barrel": barrel.slug,
            "barrel_id": barrel.id,
            "sku": barrel.sku,
            "name": barrel.name,
            "quantity": 3,
        }
    ]
    assert quote.requested_items["text"] == "Also interested in ex-sherry butts."
    assert quote.quoted_price is None
    history = list(quote.history.values_list("from_status", "to_status"))
    assert history == [("", "pending")]
    messages = mailbox.wait_for(2)
    assert {m["Subject"] for m in messages} == {f"Quote request {quote.number} received"}
    assert mailbox.to(b2b_user.email) and mailbox.to("sales@vintagewithoutborders.example")


def test_a_free_text_request_without_barrels_is_accepted(b2b_user):
    quote = _create(b2b_user, text="40 ex-bourbon barrels, 200 L, for delivery in March")
    assert quote.requested_items == {
        "lines": [],
        "text": "40 ex-bourbon barrels, 200 L, for delivery in March",
    }


def test_quote_numbers_follow_each_other_within_a_year(b2b_user):
    first = _create(b2b_user, text="one")
    second = _create(b2b_user, text="two")
    assert int(second.number[-6:]) == int(first.number[-6:]) + 1


def test_a_b2c_account_is_refused_with_a_clear_reason(b2c_user):
    with pytest.raises(ForbiddenError) as caught:
        _create(b2c_user, text="Two barrels please")
    assert caught.value.code == error_codes.B2B_ONLY
    assert "business" in caught.value.message
    assert not Quote.objects.exists()


@pytest.mark.parametrize("status", [Company.Verification.PENDING, Company.Verification.REJECTED])
def test_an_unverified_company_is_refused_with_a_clear_reason(status):
    user = B2BUserFactory(company=CompanyFactory(verification_status=status, verified_at=None))
    with pytest.raises(ForbiddenError) as caught:
        _create(user, text="Two barrels please")
    assert caught.value.code == error_codes.B2B_NOT_VERIFIED
    assert "verified" in caught.value.message
    assert not Quote.objects.exists()


def test_an_empty_request_is_refused(b2b_user):
    with pytest.raises(ApplicationError) as caught:
        _create(b2b_user, items=[], text="   ")
    assert caught.value.code == error_codes.EMPTY_REQUEST
    assert caught.value.status_code == 400
    assert not Quote.objects.exists()


def test_unknown_and_archived_barrels_are_refused_line_by_line(b2b_user, barrel):
    archived = BarrelFactory(status=BarrelStatus.ARCHIVED)
    with pytest.raises(ApplicationError) as caught:
        _create(
            b2b_user,
            items=[
                {"barrel": barrel.slug, "quantity": 1},
                {"barrel": "no-such-barrel", "quantity": 1},
                {"barrel": archived.slug, "quantity": 1},
            ],
        )
    assert caught.value.status_code == 400
    assert {(e["field"], e["code"]) for e in caught.value.errors} == {
        ("items[1].barrel", error_codes.UNKNOWN_BARREL),
        ("items[2].barrel", error_codes.BARREL_NOT_FOR_SALE),
    }
    assert not Quote.objects.exists()


def test_a_barrel_listed_twice_is_refused(b2b_user, barrel):
    with pytest.raises(ApplicationError) as caught:
        _create(
            b2b_user,
            items=[{"barrel": barrel.slug, "quantity": 1}, {"barrel": barrel.slug, "quantity": 2}],
        )
    assert caught.value.code == error_codes.DUPLICATE_BARREL
    assert not Quote.objects.exists()


@pytest.mark.parametrize("quantity", [0, -1, "2"])
def test_quantities_must_be_positive_whole_numbers(b2b_user, barrel, quantity):
    with pytest.raises(ApplicationError):
        _create(b2b_user, items=[{"barrel": barrel.slug, "quantity": quantity}])
    assert not Quote.objects.exists()


def test_an_unknown_destination_country_is_refused(b2b_user):
    with pytest.raises(ApplicationError) as caught:
        _create(b2b_user, text="x", destination_country="XX")
    assert caught.value.code == "unknown_country"
    assert not Quote.objects.exists()


def test_a_request_does_not_touch_stock(b2b_user, barrel):
    _create(b2b_user, items=[{"barrel": barrel.slug, "quantity": 50}])  # more than in stock
    barrel.refresh_from_db()
    assert (barrel.stock_quantity, barrel.reserved_quantity) == (5, 0)

"""Every refused checkout: a clear 4xx, nothing written, stock exactly as before."""

import threading

import pytest
from django.db import connection

from accounts.tests.factories import AddressFactory, B2BUserFactory, CompanyFactory
from catalog.models import BarrelStatus
from catalog.tests.factories import BarrelFactory
from commerce.models import Order
from commerce.tests.api.helpers import body, snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stripe_settings")]
URL = "/v1/orders"


def refused(api, data, barrels, status, code):
    before = snapshot(*barrels)
    response = api.post(URL, data, HTTP_IDEMPOTENCY_KEY="bad-input")
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == code, response.json()
    assert snapshot(*barrels) == before
    return response.json()


def test_an_empty_order_is_a_400(client_for, b2c_user):
    problem = refused(client_for(b2c_user), body(), [], 400, "empty_order")
    assert problem["errors"][0]["code"] == "empty_order"


def test_duplicated_lines_are_a_400(client_for, b2c_user):
    barrel = BarrelFactory()
    problem = refused(
        client_for(b2c_user), body((barrel, 1), (barrel, 2)), [barrel], 400, "duplicate_line"
    )
    assert problem["errors"][0]["code"] == "duplicate_line"


@pytest.mark.parametrize("quantity", [0, -1])
def test_zero_or_negative_quantities_are_a_400(client_for, b2c_user, quantity):
    barrel = BarrelFactory()
    problem = refused(
        client_for(b2c_user), body((barrel, quantity)), [barrel], 400, "invalid_quantity"
    )
    assert problem["errors"][0]["code"] == "invalid_quantity"


@pytest.mark.parametrize("quantity", [1001, 10**30])
def test_absurd_quantities_are_a_400_not_a_stock_conflict(client_for, b2c_user, quantity):
    barrel = BarrelFactory(stock_quantity=5)
    problem = refused(
        client_for(b2c_user), body((barrel, quantity)), [barrel], 400, "invalid_quantity"
    )
    assert problem["errors"][0]["field"] == "lines[0].quantity"
    assert "1000" in problem["errors"][0]["message"]


@pytest.mark.parametrize(
    ("extra", "field"),
    [({"total": "1.00"}, "total"), ({"currency": "USD"}, "currency")],
)
def test_fields_checkout_does_not_take_are_refused(client_for, b2c_user, extra, field):
    """Prices and totals are the server's to compute: a client's are refused, not ignored."""
    barrel = BarrelFactory()
    problem = refused(
        client_for(b2c_user), body((barrel, 1), **extra), [barrel], 400, "unknown_field"
    )
    assert [(e["field"], e["code"]) for e in problem["errors"]] == [(field, "unknown_field")]


def test_a_unit_price_on_a_line_is_refused(client_for, b2c_user):
    barrel = BarrelFactory()
    data = body((barrel, 1))
    data["lines"][0]["unit_price"] = "1.00"
    problem = refused(client_for(b2c_user), data, [barrel], 400, "unknown_field")
    assert problem["errors"][0]["field"] == "lines[0].unit_price"


def test_more_than_available_is_a_409_with_the_availability(client_for, b2c_user):
    plenty = BarrelFactory(stock_quantity=9)
    scarce = BarrelFactory(stock_quantity=2)
    problem = refused(
        client_for(b2c_user),
        body((plenty, 1), (scarce, 3)),
        [plenty, scarce],
        409,
        "insufficient_stock",
    )
    assert problem["availability"] == {scarce.slug: 2}


def test_an_archived_barrel_is_a_409(client_for, b2c_user):
    archived = BarrelFactory(status=BarrelStatus.ARCHIVED)
    refused(client_for(b2c_user), body((archived, 1)), [archived], 409, "barrel_not_available")


def test_an_unknown_barrel_is_a_404(client_for, b2c_user):
    barrel = BarrelFactory()
    data = body((barrel, 1))
    data["lines"][0]["barrel"] = 999999
    refused(client_for(b2c_user), data, [barrel], 404, "barrel_not_found")


def test_someone_elses_address_is_a_404(client_for, b2c_user):
    barrel = BarrelFactory()
    theirs = AddressFactory()
    data = body((barrel, 1))
    data.pop("shipping_address")
    data["shipping_address_id"] = theirs.id
    refused(client_for(b2c_user), data, [barrel], 404, "address_not_found")


def test_a_blocked_destination_is_refused(client_for, b2c_user):
    barrel = BarrelFactory()
    address = {
        "recipient_name": "I. Ivanov",
        "street": "Tverskaya 1",
        "city": "Moscow",
        "zip_code": "125009",
        "country": "RU",
    }
    refused(
        client_for(b2c_user),
        body((barrel, 1), address=address),
        [barrel],
        422,
        "destination_blocked",
    )


def test_an_unknown_shipping_option_is_a_400(client_for, b2c_user):
    barrel = BarrelFactory()
    refused(
        client_for(b2c_user),
        body((barrel, 1), method="teleport"),
        [barrel],
        400,
        "unknown_shipping_option",
    )


def test_bank_transfer_is_refused_to_a_consumer(client_for, b2c_user):
    barrel = BarrelFactory()
    refused(
        client_for(b2c_user),
        body((barrel, 1), payment="bank_transfer"),
        [barrel],
        403,
        "payment_method_not_allowed",
    )


def test_bank_transfer_is_refused_to_an_unverified_business(client_for):
    buyer = B2BUserFactory(company=CompanyFactory(verification_status="pending"))
    barrel = BarrelFactory()
    refused(
        client_for(buyer),
        body((barrel, 1), payment="bank_transfer"),
        [barrel],
        403,
        "payment_method_not_allowed",
    )


def test_an_unknown_payment_method_is_a_400(client_for, b2c_user):
    barrel = BarrelFactory()
    refused(
        client_for(b2c_user), body((barrel, 1), payment="cash"), [barrel], 400, "validation_error"
    )


def test_anonymous_checkout_is_a_401(api_client):
    barrel = BarrelFactory()
    assert api_client.post(URL, body((barrel, 1)), format="json").status_code == 401


@pytest.mark.django_db(transaction=True)
def test_two_buyers_cannot_both_buy_the_last_barrel(client_for, stripe_settings):
    from accounts.tests.factories import UserFactory

    barrel = BarrelFactory(stock_quantity=1)
    buyers = [UserFactory() for _ in range(4)]
    barrier = threading.Barrier(len(buyers))
    statuses = []

    def buy(user):
        try:
            api = client_for(user)
            barrier.wait()
            statuses.append(api.post(URL, body((barrel, 1))).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=buy, args=(user,)) for user in buyers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [201, 409, 409, 409]
    barrel.refresh_from_db()
    assert (barrel.stock_quantity, barrel.reserved_quantity) == (1, 1)
    assert Order.objects.count() == 1

"""POST /v1/orders and /v1/orders/preview: server-side figures, stock, idempotency."""

from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.tests.factories import AddressFactory
from catalog.models import BarrelStatus
from catalog.tests.factories import BarrelFactory, BarrelTierPriceFactory
from commerce.models import Order
from commerce.tests.api.helpers import INLINE_DE, body, snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stripe_settings")]
URL = "/v1/orders"


def test_checkout_computes_everything_on_the_server_and_reserves_stock(client_for, b2c_user):
    barrel = BarrelFactory(price=Decimal("290.00"), stock_quantity=5)
    preview = client_for(b2c_user).post(f"{URL}/preview", body((barrel, 2)))
    assert preview.status_code == 200, preview.content
    figures = preview.json()
    response = client_for(b2c_user).post(URL, body((barrel, 2)))  # a client's price: refused
    assert response.status_code == 201, response.content
    order = response.json()["order"]
    assert order["number"].startswith(f"VWB-{timezone.now().year}-")
    assert len(order["number"]) == 15
    assert order["status"] == "pending"
    assert order["allowed_transitions"] == ["cancelled"]
    assert order["lines"][0]["unit_price"] == "290.00"
    assert order["subtotal"] == "580.00"
    shipping = Decimal(order["shipping_amount"])
    assert shipping == Decimal(figures["shipping"]["price"]) > 0
    expected_tax = Decimal("116.00") + (shipping * Decimal("0.20")).quantize(Decimal("0.01"))
    assert Decimal(order["tax_amount"]) == expected_tax
    assert Decimal(order["total_amount"]) == Decimal("580.00") + shipping + expected_tax
    assert order["total_amount"] == figures["total"]
    assert order["tax"]["regime"] == "domestic" and order["tax"]["rate"] == "20.00"
    assert [line["label"] for line in order["tax"]["breakdown"]] == [barrel.sku, "shipping"]
    assert order["shipping"]["method_code"] == "road-pallet"
    assert order["shipping"]["pallets"] == 1
    assert response.json()["payment"]["client_secret"].startswith("pi_")
    barrel.refresh_from_db()
    assert (barrel.stock_quantity, barrel.reserved_quantity) == (5, 2)


def test_preview_places_nothing_and_lists_availability_problems(client_for, b2c_user):
    barrel = BarrelFactory(stock_quantity=1)
    archived = BarrelFactory(status=BarrelStatus.ARCHIVED)
    before = snapshot(barrel, archived)
    response = client_for(b2c_user).post(f"{URL}/preview", body((barrel, 3), (archived, 1)))
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["can_place"] is False
    problems = {p["barrel_id"]: p for p in data["problems"]}
    assert problems[barrel.id]["code"] == "insufficient_stock"
    assert problems[barrel.id]["available"] == 1
    assert problems[archived.id]["code"] == "barrel_not_available"
    assert [o["method_code"] for o in data["shipping_options"]]
    assert snapshot(barrel, archived) == before


def test_a_verified_business_pays_tier_prices_and_is_reverse_charged(client_for, b2b_user):
    barrel = BarrelFactory(price=Decimal("290.00"), stock_quantity=10)
    BarrelTierPriceFactory(barrel=barrel, min_quantity=4, unit_price=Decimal("250.00"))
    response = client_for(b2b_user).post(URL, body((barrel, 4), address=INLINE_DE))
    assert response.status_code == 201, response.content
    order = response.json()["order"]
    assert order["lines"][0]["unit_price"] == "250.00"
    assert order["subtotal"] == "1000.00"
    assert order["tax"]["regime"] == "reverse_charge"
    assert order["tax_amount"] == "0.00"
    assert b2b_user.company.vat_number in order["tax"]["legal_text"]


def test_a_consumer_pays_the_destination_rate_and_tier_prices_stay_b2b(client_for, b2c_user):
    barrel = BarrelFactory(price=Decimal("290.00"), stock_quantity=10)
    BarrelTierPriceFactory(barrel=barrel, min_quantity=2, unit_price=Decimal("250.00"))
    response = client_for(b2c_user).post(URL, body((barrel, 2), address=INLINE_DE))
    order = response.json()["order"]
    assert order["lines"][0]["unit_price"] == "290.00"
    assert (order["tax"]["regime"], order["tax"]["rate"]) == ("oss_destination", "19.00")
    assert order["lines"][0]["tax_amount"] == "110.20"  # 580.00 x 19 %


def test_exports_are_zero_rated(client_for, b2c_user):
    barrel = BarrelFactory(stock_quantity=2)
    address = {
        "recipient_name": "Ann Lee",
        "street": "1 Main St",
        "city": "Louisville",
        "zip_code": "40202",
        "country": "US",
    }
    response = client_for(b2c_user).post(
        URL, body((barrel, 1), address=address, method="sea-freight")
    )
    assert response.status_code == 201, response.content
    order = response.json()["order"]
    assert order["tax"]["regime"] == "export" and order["tax_amount"] == "0.00"


def test_a_saved_address_is_copied_so_later_edits_do_not_change_the_order(client_for, b2c_user):
    address = AddressFactory(user=b2c_user)
    barrel = BarrelFactory()
    data = body((barrel, 1), address=None)
    data.pop("shipping_address")
    data["shipping_address_id"] = address.id
    response = client_for(b2c_user).post(URL, data)
    assert response.status_code == 201, response.content
    address.street = "1 autre rue"
    address.save()
    order = Order.objects.get()
    assert order.shipping_address["street"] == "12 rue des Chais"
    assert order.billing_address == order.shipping_address


def test_bank_transfer_for_a_verified_business_waits_with_reference_and_bank_details(
    client_for, b2b_user, settings
):
    barrel = BarrelFactory()
    response = client_for(b2b_user).post(URL, body((barrel, 1), payment="bank_transfer"))
    assert response.status_code == 201, response.content
    payment = response.json()["payment"]
    order = response.json()["order"]
    assert payment["provider"] == "bank_transfer"
    assert payment["iban"] == settings.BANK_TRANSFER_IBAN
    assert payment["reference"] == order["number"] == order["payment_reference"]
    assert payment["amount"] == order["total_amount"]
    placed = Order.objects.get()
    ttl = placed.expires_at - placed.order_date
    assert abs(ttl.total_seconds() - settings.ORDER_BANK_TRANSFER_TTL_DAYS * 86400) < 60


def test_the_same_idempotency_key_returns_the_same_order(client_for, b2c_user):
    barrel = BarrelFactory(stock_quantity=5)
    api = client_for(b2c_user)
    first = api.post(URL, body((barrel, 1)), HTTP_IDEMPOTENCY_KEY="checkout-123")
    again = api.post(URL, body((barrel, 1)), HTTP_IDEMPOTENCY_KEY="checkout-123")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Order.objects.count() == 1
    barrel.refresh_from_db()
    assert barrel.reserved_quantity == 1


def test_the_same_idempotency_key_with_another_body_is_a_422(client_for, b2c_user):
    barrel = BarrelFactory(stock_quantity=5)
    api = client_for(b2c_user)
    assert api.post(URL, body((barrel, 1)), HTTP_IDEMPOTENCY_KEY="k-1").status_code == 201
    before = snapshot(barrel)
    response = api.post(URL, body((barrel, 2)), HTTP_IDEMPOTENCY_KEY="k-1")
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert snapshot(barrel) == before


def test_idempotency_keys_belong_to_one_user(client_for, b2c_user):
    from accounts.tests.factories import UserFactory

    barrel = BarrelFactory(stock_quantity=5)
    client_for(b2c_user).post(URL, body((barrel, 1)), HTTP_IDEMPOTENCY_KEY="shared")
    other = client_for(UserFactory()).post(URL, body((barrel, 1)), HTTP_IDEMPOTENCY_KEY="shared")
    assert other.status_code == 201
    assert Order.objects.count() == 2


def test_checkout_is_throttled_under_its_own_scope(client_for, b2c_user, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "checkout", "2/min")
    barrel = BarrelFactory(stock_quantity=5)
    api = client_for(b2c_user)
    codes = [api.post(f"{URL}/preview", body((barrel, 1))).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert api.get(URL).status_code == 200  # reading history is not checkout


@pytest.mark.parametrize("payment", ["card", "bank_transfer"])
def test_the_placed_order_in_the_response_is_the_order_as_stored(
    client_for,
    b2b_user,
    payment,
    django_assert_max_num_queries,
):
    """The checkout answer is built from what it wrote: it must equal a fresh read."""
    barrel = BarrelFactory(stock_quantity=5)
    BarrelTierPriceFactory(barrel=barrel, min_quantity=2, unit_price=Decimal("250.00"))
    client = client_for(b2b_user)
    placed = client.post(URL, body((barrel, 3), payment=payment))
    assert placed.status_code == 201, placed.content
    order = placed.json()["order"]
    assert order == client.get(f"{URL}/{order['id']}").json()
    assert [e["to_status"] for e in order["timeline"]] == ["pending"]
    assert len(order["payments"]) == (1 if payment == "card" else 0)


def test_placing_an_order_runs_a_fixed_number_of_queries(
    client_for,
    b2b_user,
    django_assert_max_num_queries,
):
    """User and company, idempotency key, barrels and tier prices, lock, order number, order,
    lines, history, key, and per barrel its stock update and movement row; the confirmation
    e-mail's outbox row; the configuration comes from the warm cache, and the answer is not
    read back."""
    barrels = [BarrelFactory(stock_quantity=5) for _ in range(3)]
    client = client_for(b2b_user)
    assert (
        client.post(f"{URL}/preview", body((barrels[0], 1), payment="bank_transfer")).status_code
        == 200
    )  # warms the configuration cache
    with django_assert_max_num_queries(15 + 2 * len(barrels)):
        response = client.post(
            URL,
            body(*((b, 2) for b in barrels), payment="bank_transfer"),
            HTTP_IDEMPOTENCY_KEY="fixed-queries",
        )
    assert response.status_code == 201, response.content


def test_a_storefront_checks_out_with_the_ids_the_catalog_api_gives(client_for, b2c_user):
    barrel = BarrelFactory(stock_quantity=3)
    client = client_for(b2c_user)
    listed = client.get("/v1/barrels").json()["results"]
    detail = client.get(f"/v1/barrels/{listed[0]['slug']}").json()
    assert listed[0]["id"] == detail["id"] == barrel.id
    line = [{"barrel": detail["id"], "quantity": 1}]
    response = client.post(URL, body((barrel, 1), lines=line))
    assert response.status_code == 201, response.content
    assert response.json()["order"]["lines"][0]["sku"] == detail["sku"]


def test_a_sold_out_refusal_opens_no_transaction_and_reads_little(client_for, b2b_user):
    """Under a rush on a barrel most buyers are refused: that answer is read-only (user,
    idempotency key, barrels), without a transaction to open and roll back."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    barrel = BarrelFactory(stock_quantity=1, reserved_quantity=1)
    client = client_for(b2b_user)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            URL, body((barrel, 1), payment="bank_transfer"), HTTP_IDEMPOTENCY_KEY="sold-out"
        )
    assert response.status_code == 409, response.content
    assert response.json()["code"] == "insufficient_stock"
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert "SAVEPOINT" not in statements, statements
    assert statements == ["SELECT"] * 3, statements


def test_no_card_data_is_stored_only_the_provider_ids(client_for, b2c_user):
    """A client that sends card details along (it must not) is refused without an echo of them;
    without them it gets its order, and nothing of the card is kept anywhere in the database:
    payments hold Stripe's ids only."""
    from conftest import columns_containing

    barrel = BarrelFactory(stock_quantity=2)
    card = {"number": "4000056655665556", "exp_month": 12, "exp_year": 2031, "cvc": "737"}
    refused = client_for(b2c_user).post(
        URL, body((barrel, 1), card=card, stripe_payment_method="pm_card_visa")
    )
    assert refused.status_code == 400 and refused.json()["code"] == "unknown_field"
    assert b"4000056655665556" not in refused.content
    assert columns_containing("4000056655665556") == []
    response = client_for(b2c_user).post(
        URL, body((barrel, 1), stripe_payment_method="pm_card_visa")
    )
    assert response.status_code == 201, response.content
    order = Order.objects.get()
    payment = order.payments.get()
    assert payment.provider_reference.startswith("pi_")
    assert columns_containing("4000056655665556") == []

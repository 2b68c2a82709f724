from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import Company
from accounts.tests.factories import AddressFactory, B2BUserFactory, CompanyFactory
from catalog.models import BarrelStatus, StockMovement
from catalog.tests.factories import BarrelFactory
from commerce.models import Order
from quotes.models import Quote, QuoteStatus, QuoteVersion
from quotes.tests.factories import request_quote, send_offer

pytestmark = pytest.mark.django_db

URL = "/v1/quotes"


def _body(barrel, **overrides):
    body = {
        "items": [{"barrel": barrel.slug, "quantity": 2}],
        "destination": {"country": "FR", "postcode": "33000"},
        "desired_delivery_date": str(timezone.localdate() + timedelta(days=40)),
        "notes": "Please palletise.",
    }
    body.update(overrides)
    return body


def _version_body(barrel, **overrides):
    body = {
        "lines": [
            {"barrel": barrel.slug, "quantity": 2, "unit_price": "250.00", "discount_percent": "10"}
        ],
        "freight": {"amount": "120.00"},
        "valid_until": str(timezone.localdate() + timedelta(days=14)),
        "payment_terms": "bank_transfer",
        "message": "Best price.",
        "holds_stock": True,
    }
    body.update(overrides)
    return body


def _stock(barrel):
    barrel.refresh_from_db()
    return barrel.stock_quantity, barrel.reserved_quantity


def _problem(response, status, code=None):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    if code:
        assert response.json()["code"] == code, response.json()
    return response.json()


# --- requesting -------------------------------------------------------------------------------


def test_a_verified_buyer_requests_a_quote_and_reads_it_back(client_for, b2b_user, barrel):
    response = client_for(b2b_user).post(URL, _body(barrel), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "pending" and data["number"].startswith("Q-")
    assert data["requested_items"]["lines"][0]["barrel"] == barrel.slug
    assert data["destination"] == {"country": "FR", "postcode": "33000"}
    assert data["allowed_transitions"] == ["approved", "cancelled", "rejected"]
    assert data["allowed_actions"] == ["cancel", "message"]
    assert data["quoted_price"] is None and data["versions"] == []
    assert data["history"][0]["to_status"] == "pending"


def test_b2c_accounts_get_a_403_with_a_clear_reason(client_for, b2c_user, barrel):
    body = _problem(
        client_for(b2c_user).post(URL, _body(barrel), format="json"), 403, "quote_b2b_only"
    )
    assert "business" in body["detail"]
    assert not Quote.objects.exists()


def test_unverified_companies_get_a_403_with_a_clear_reason(client_for, barrel):
    user = B2BUserFactory(
        company=CompanyFactory(verification_status=Company.Verification.PENDING, verified_at=None)
    )
    body = _problem(
        client_for(user).post(URL, _body(barrel), format="json"), 403, "quote_company_not_verified"
    )
    assert "verified" in body["detail"]


def test_anonymous_requests_are_refused(api_client, barrel):
    _problem(api_client.post(URL, _body(barrel), format="json"), 401)


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"items": [], "text": ""}, "quote_request_empty"),
        ({"items": [{"barrel": "nope", "quantity": 1}]}, "quote_unknown_barrel"),
        ({"items": [{"barrel": "x", "quantity": 0}]}, "validation_error"),
        ({"destination": {"country": "ZZ"}}, "unknown_country"),
        ({"destination": {"country": "FR", "postcode": "ABC"}}, "invalid_postcode"),
        ({"desired_delivery_date": "2001-01-01"}, "invalid_delivery_date"),
    ],
)
def test_bad_requests_are_400_and_create_nothing(client_for, b2b_user, barrel, overrides, code):
    response = client_for(b2b_user).post(URL, _body(barrel, **overrides), format="json")
    _problem(response, 400, code)
    assert not Quote.objects.exists()


def test_archived_barrels_cannot_be_requested(client_for, b2b_user):
    archived = BarrelFactory(status=BarrelStatus.ARCHIVED)
    body = _problem(
        client_for(b2b_user).post(URL, _body(archived), format="json"),
        400,
        "quote_barrel_not_for_sale",
    )
    assert body["errors"][0]["field"] == "items[0].barrel"


def test_quote_requests_have_their_own_throttle(client_for, b2b_user, barrel, throttle_rates):
    throttle_rates(quotes="2/min")
    client = client_for(b2b_user)
    codes = [client.post(URL, _body(barrel), format="json").status_code for _ in range(3)]
    assert codes == [201, 201, 429]
    assert client.get(URL).status_code == 200  # reading is not counted


# --- reading ----------------------------------------------------------------------------------


def test_buyers_list_their_company_quotes_and_staff_see_all(client_for, b2b_user, admin, barrel):
    mine = request_quote(user=b2b_user, barrel=barrel)
    colleague = B2BUserFactory(company=b2b_user.company)
    ours = request_quote(user=colleague, barrel=barrel)
    theirs = request_quote(user=B2BUserFactory(), barrel=barrel)
    listed = {q["id"] for q in client_for(b2b_user).get(URL).json()["results"]}
    assert listed == {str(mine.pk), str(ours.pk)}
    everything = {q["id"] for q in client_for(admin).get(URL).json()["results"]}
    assert everything == {str(mine.pk), str(ours.pk), str(theirs.pk)}
    pending = client_for(admin).get(URL, {"status": "approved"}).json()
    assert pending["count"] == 0
    _problem(client_for(admin).get(URL, {"status": "nonsense"}), 400)


def test_another_companys_quote_is_a_404_everywhere(client_for, b2b_user, barrel, admin):
    quote = request_quote(user=b2b_user, barrel=barrel)
    send_offer(quote=quote, admin=admin, barrel=barrel)
    stranger = client_for(B2BUserFactory())
    base = f"{URL}/{quote.pk}"
    _problem(stranger.get(base), 404, "quote_not_found")
    _problem(stranger.get(f"{base}/versions/1/pdf"), 404)
    for action in (
        "messages",
        "request-changes",
        "accept",
        "decline",
        "cancel",
        "versions",
        "reject",
    ):
        _problem(
            stranger.post(
                f"{base}/{action}", {"body": "x", "message": "x", "reason": "x"}, format="json"
            ),
            404,
        )
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.APPROVED and quote.messages.count() == 0


def test_list_and_detail_run_a_fixed_number_of_queries(
    client_for, admin, b2b_user, barrel, django_assert_max_num_queries
):
    for _ in range(3):
        quote = request_quote(user=b2b_user, barrel=barrel)
        send_offer(quote=quote, admin=admin, barrel=barrel)
    client = client_for(b2b_user)
    with django_assert_max_num_queries(4):
        assert len(client.get(URL).json()["results"]) == 3
    with django_assert_max_num_queries(9):
        data = client.get(f"{URL}/{quote.pk}").json()
    assert data["versions"][0]["lines"][0]["net_unit_price"] == "225.00"


# --- negotiating ------------------------------------------------------------------------------


def test_staff_send_a_version_and_the_buyer_sees_it_with_its_pdf(
    client_for, admin, b2b_user, barrel
):
    quote = request_quote(user=b2b_user, barrel=barrel)
    response = client_for(admin).post(
        f"{URL}/{quote.pk}/versions", _version_body(barrel), format="json"
    )
    assert response.status_code == 201, response.content
    data = client_for(b2b_user).get(f"{URL}/{quote.pk}").json()
    assert data["status"] == "approved" and data["quoted_price"] == "684.00"
    [version] = data["versions"]
    assert version["freight"]["amount"] == "120.00" and version["vat"]["rate"] == "20.00"
    assert version["holds_stock"] is True
    assert data["allowed_actions"] == ["accept", "decline", "message", "request_changes"]
    assert _stock(barrel) == (5, 2)
    pdf = client_for(b2b_user).get(version["pdf_url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert quote.number in PdfReader(BytesIO(pdf.content)).pages[0].extract_text()
    assert client_for(admin).get(version["pdf_url"]).status_code == 200
    _problem(
        client_for(b2b_user).get(f"{URL}/{quote.pk}/versions/9/pdf"), 404, "quote_version_not_found"
    )


def test_buyers_cannot_send_versions_or_reject(client_for, b2b_user, barrel):
    quote = request_quote(user=b2b_user, barrel=barrel)
    client = client_for(b2b_user)
    _problem(
        client.post(f"{URL}/{quote.pk}/versions", _version_body(barrel), format="json"),
        403,
        "quote_staff_only",
    )
    _problem(
        client.post(f"{URL}/{quote.pk}/reject", {"reason": "no"}, format="json"),
        403,
        "quote_staff_only",
    )
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.PENDING and not quote.versions.exists()


@pytest.mark.parametrize(
    ("overrides", "status", "code"),
    [
        ({"lines": [{"barrel": "x", "quantity": 2, "unit_price": "-5"}]}, 400, None),
        ({"lines": []}, 400, "quote_version_no_lines"),
        ({"valid_until": "2001-01-01"}, 400, "quote_validity_in_past"),
        ({"payment_terms": "barter"}, 400, "validation_error"),
        ({"freight": {"amount": "-1.00"}}, 400, "quote_negative_price"),
        ({"freight": {"method_code": "teleport"}}, 422, "quote_shipping_unavailable"),
    ],
)
def test_bad_versions_are_refused_with_nothing_changed(
    client_for, admin, b2b_user, barrel, overrides, status, code
):
    quote = request_quote(user=b2b_user, barrel=barrel)
    body = _version_body(barrel, **overrides)
    for line in body["lines"]:
        line["barrel"] = barrel.slug
    _problem(
        client_for(admin).post(f"{URL}/{quote.pk}/versions", body, format="json"), status, code
    )
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.PENDING and not quote.versions.exists()
    assert _stock(barrel) == (5, 0)


def test_negative_prices_and_discounts_over_100_are_400(client_for, admin, b2b_user, barrel):
    quote = request_quote(user=b2b_user, barrel=barrel)
    for line, code in [
        ({"unit_price": "-1.00"}, "quote_negative_price"),
        ({"discount_percent": "150"}, "quote_invalid_discount"),
    ]:
        body = _version_body(barrel)
        body["lines"][0].update(line)
        _problem(
            client_for(admin).post(f"{URL}/{quote.pk}/versions", body, format="json"), 400, code
        )
    assert not quote.versions.exists()


def test_holding_more_than_the_stock_is_a_409_with_nothing_changed(
    client_for, admin, b2b_user, barrel
):
    quote = request_quote(user=b2b_user, barrel=barrel)
    body = _version_body(barrel)
    body["lines"][0]["quantity"] = 9
    problem = _problem(
        client_for(admin).post(f"{URL}/{quote.pk}/versions", body, format="json"),
        409,
        "insufficient_stock",
    )
    assert "availability" in problem
    assert _stock(barrel) == (5, 0) and not StockMovement.objects.exists()
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.PENDING


def test_the_thread_request_changes_and_a_second_version(client_for, admin, b2b_user, barrel):
    quote = request_quote(user=b2b_user, barrel=barrel)
    buyer, staff = client_for(b2b_user), client_for(admin)
    staff.post(f"{URL}/{quote.pk}/versions", _version_body(barrel), format="json")
    _problem(
        buyer.post(f"{URL}/{quote.pk}/request-changes", {"message": " "}, format="json"),
        400,
        "quote_message_required",
    )
    response = buyer.post(
        f"{URL}/{quote.pk}/request-changes", {"message": "Could you do 15 %?"}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "pending"
    staff.post(f"{URL}/{quote.pk}/messages", {"body": "Let me check."}, format="json")
    body = _version_body(barrel)
    body["lines"][0]["discount_percent"] = "15"
    assert staff.post(f"{URL}/{quote.pk}/versions", body, format="json").status_code == 201
    data = buyer.get(f"{URL}/{quote.pk}").json()
    assert [v["number"] for v in data["versions"]] == [1, 2]
    assert data["current_version"] == 2
    assert data["quoted_price"] == data["versions"][1]["total"]
    assert [(m["from_staff"], m["body"]) for m in data["messages"]] == [
        (False, "Could you do 15 %?"),
        (True, "Let me check."),
    ]
    assert [h["to_status"] for h in data["history"]] == [
        "pending",
        "approved",
        "pending",
        "approved",
    ]


def test_transitions_the_map_refuses_are_409(client_for, admin, b2b_user, barrel):
    quote = request_quote(user=b2b_user, barrel=barrel)
    buyer = client_for(b2b_user)
    for action, data in (
        ("accept", {}),
        ("decline", {"reason": "x"}),
        ("request-changes", {"message": "x"}),
    ):
        _problem(
            buyer.post(f"{URL}/{quote.pk}/{action}", data, format="json"),
            409,
            "quote_transition_not_allowed",
        )
    send_offer(quote=quote, admin=admin, barrel=barrel)
    _problem(
        buyer.post(f"{URL}/{quote.pk}/cancel", {}, format="json"),
        409,
        "quote_transition_not_allowed",
    )
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.APPROVED


def test_cancel_decline_and_reject(client_for, admin, b2b_user, barrel):
    buyer, staff = client_for(b2b_user), client_for(admin)
    q1 = request_quote(user=b2b_user, barrel=barrel)
    assert (
        buyer.post(f"{URL}/{q1.pk}/cancel", {"reason": "Found some"}, format="json").json()[
            "status"
        ]
        == "cancelled"
    )
    _problem(
        buyer.post(f"{URL}/{q1.pk}/messages", {"body": "hello?"}, format="json"),
        409,
        "quote_closed",
    )
    q2 = request_quote(user=b2b_user, barrel=barrel)
    staff.post(f"{URL}/{q2.pk}/versions", _version_body(barrel), format="json")
    assert buyer.post(f"{URL}/{q2.pk}/decline", {}, format="json").json()["status"] == "rejected"
    q3 = request_quote(user=b2b_user, barrel=barrel)
    _problem(
        staff.post(f"{URL}/{q3.pk}/reject", {"reason": ""}, format="json"),
        400,
        "quote_reason_required",
    )
    data = staff.post(f"{URL}/{q3.pk}/reject", {"reason": "Out of season."}, format="json").json()
    assert data["status"] == "rejected" and data["history"][-1]["note"] == "Out of season."
    assert _stock(barrel) == (5, 0)


# --- accepting --------------------------------------------------------------------------------


def test_accepting_over_http_creates_the_order(client_for, admin, b2b_user, barrel):
    AddressFactory(user=b2b_user, country="FR", zip_code="33000", is_default_shipping=True)
    quote = request_quote(user=b2b_user, barrel=barrel)
    client_for(admin).post(f"{URL}/{quote.pk}/versions", _version_body(barrel), format="json")
    response = client_for(b2b_user).post(f"{URL}/{quote.pk}/accept", {}, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    order = Order.objects.get()
    assert data["order_number"] == order.number and data["total_amount"] == "684.00"
    assert data["payment_method"] == "bank_transfer" and data["payment_reference"]
    assert data["quote"]["status"] == "accepted"
    assert data["quote"]["order"] == {"id": str(order.pk), "number": order.number}
    assert data["quote"]["allowed_actions"] == []
    _problem(
        client_for(b2b_user).post(f"{URL}/{quote.pk}/accept", {}, format="json"),
        409,
        "quote_already_accepted",
    )
    assert Order.objects.count() == 1 and _stock(barrel) == (5, 2)


def test_an_expired_offer_cannot_be_accepted_over_http(client_for, admin, b2b_user, barrel):
    AddressFactory(user=b2b_user, country="FR", zip_code="33000", is_default_shipping=True)
    quote = request_quote(user=b2b_user, barrel=barrel)
    send_offer(quote=quote, admin=admin, barrel=barrel, holds_stock=True)
    quote.refresh_from_db()
    QuoteVersion.objects.filter(pk=quote.current_version_id).update(
        valid_until=timezone.localdate() - timedelta(days=2)
    )
    _problem(
        client_for(b2b_user).post(f"{URL}/{quote.pk}/accept", {}, format="json"),
        409,
        "quote_expired",
    )
    assert not Order.objects.exists()
    assert _stock(barrel) == (5, 2)  # still held until the sweep runs
    assert quote.current_version.total == Decimal("684.00")

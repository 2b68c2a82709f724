"""Rough edges found by calling the quotes API as a storefront would."""

import pytest

from quotes.models import QuoteMessage, QuoteStatus
from quotes.tests.factories import request_quote, send_offer

pytestmark = pytest.mark.django_db

URL = "/v1/quotes"


def _offer(admin, b2b_user, barrel):
    quote = request_quote(user=b2b_user, barrel=barrel)
    send_offer(quote=quote, admin=admin, barrel=barrel)
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.APPROVED
    return quote


def test_offer_pdf_answers_a_client_that_accepts_only_pdf(client_for, admin, b2b_user, barrel):
    quote = _offer(admin, b2b_user, barrel)
    url = f"{URL}/{quote.pk}/versions/1/pdf"
    response = client_for(b2b_user).get(url, HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # The errors of the same download stay problem+json, whatever the client accepts.
    missing = client_for(b2b_user).get(
        f"{URL}/{quote.pk}/versions/9/pdf", HTTP_ACCEPT="application/pdf"
    )
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"
    assert missing.json()["code"] == "quote_version_not_found"


@pytest.mark.parametrize(
    "extra", [{"unit_price": "10.00"}, {"lines": [{"barrel": "x", "quantity": 1}]}]
)
def test_request_changes_refuses_fields_it_does_not_take(
    client_for, admin, b2b_user, barrel, extra
):
    quote = _offer(admin, b2b_user, barrel)
    response = client_for(b2b_user).post(
        f"{URL}/{quote.pk}/request-changes", {"message": "Cheaper, please.", **extra}, format="json"
    )
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "unknown_field"
    [field] = extra
    assert [(e["field"], e["code"]) for e in body["errors"]] == [(field, "unknown_field")]
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.APPROVED  # nothing happened
    assert not QuoteMessage.objects.filter(quote=quote, body="Cheaper, please.").exists()


def test_quote_request_refuses_unknown_fields_on_its_items(client_for, b2b_user, barrel):
    response = client_for(b2b_user).post(
        URL,
        {
            "items": [{"barrel": barrel.slug, "quantity": 2, "unit_price": "1.00"}],
            "destination": {"country": "FR", "postcode": "33000"},
        },
        format="json",
    )
    assert response.status_code == 400, response.content
    assert response.json()["errors"][0]["code"] == "unknown_field"
    assert response.json()["errors"][0]["field"].endswith("unit_price")

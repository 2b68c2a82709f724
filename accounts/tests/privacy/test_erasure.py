from decimal import Decimal

import pytest
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.audit.models import AuditEntry
from accounts.models import Address, User
from accounts.privacy.erasure import user_erase
from accounts.tests.factories import TEST_PASSWORD, UserFactory
from accounts.tests.privacy.helpers import PHONE, STREET, make_order, make_person
from cms_pages.models import ContactMessage
from commerce.models import Order, WebhookEvent
from conftest import columns_containing

pytestmark = pytest.mark.django_db(transaction=False)


def _stripe_event(event_id: str, intent: str, user, *, phone=PHONE, street=STREET) -> WebhookEvent:
    """A payment_intent event as Stripe sends it: the buyer's e-mail, name and address inside."""
    return WebhookEvent.objects.create(
        provider="stripe",
        event_id=event_id,
        type="payment_intent.succeeded",
        payload={
            "id": event_id,
            "object": "event",
            "type": "payment_intent.succeeded",
            "data": {
                "object": {
                    "id": intent,
                    "object": "payment_intent",
                    "amount": 62000,
                    "currency": "eur",
                    "status": "succeeded",
                    "receipt_email": user.email,
                    "shipping": {
                        "name": f"{user.first_name} {user.last_name}",
                        "phone": phone,
                        "address": {"line1": street, "city": "Mainz", "country": "DE"},
                    },
                }
            },
        },
    )


def test_after_erasure_no_personal_value_remains_anywhere_and_totals_are_unchanged(client_for):
    user = make_person()
    order = make_order(user)
    intent = order.payments.get().provider_reference
    _stripe_event("evt_erased_buyer", intent, user)
    someone_else = UserFactory(first_name="Kunigunde")
    _stripe_event(
        "evt_other_buyer",
        "pi_someone_else",
        someone_else,
        phone="+33 5 00 00 00 00",
        street="1 rue Ailleurs",
    )
    RefreshToken.for_user(user)
    email = user.email
    totals = (order.subtotal, order.tax_amount, order.total_amount, order.amount_captured)
    needles = [email, "Hildegard", "Zwiebelmeyer", PHONE, STREET, "DE89370400440532013000"]
    assert all(columns_containing(n) for n in needles[:3])  # the scan does find them before

    response = client_for(user).delete("/v1/me", {"password": TEST_PASSWORD}, format="json")
    assert response.status_code == 204, response.content

    for needle in needles:
        assert columns_containing(needle) == [], needle
    order.refresh_from_db()
    assert (order.subtotal, order.tax_amount, order.total_amount, order.amount_captured) == totals
    assert order.shipping_address["country"] == "DE"
    assert order.shipping_address["street"] == ""
    user.refresh_from_db()
    assert user.email.startswith("erased-") and user.email.endswith("@invalid")
    assert not user.is_active and not user.has_usable_password() and user.erased_at
    assert order.customer_email == user.email
    assert not Address.objects.filter(user=user).exists()
    assert not ContactMessage.objects.exists()
    assert user.company.vat_number  # kept for VAT records
    outstanding = OutstandingToken.objects.filter(user=user)
    assert BlacklistedToken.objects.filter(token__in=outstanding).count() == outstanding.count()
    assert AuditEntry.objects.filter(action="user.erase", target_id=str(user.pk)).exists()
    # The provider's event stays (replays are still recognised), without the person.
    event = WebhookEvent.objects.get(event_id="evt_erased_buyer")
    assert event.payload == {
        "id": "evt_erased_buyer",
        "object": "event",
        "type": "payment_intent.succeeded",
        "scrubbed": True,
        "data": {
            "object": {
                "id": intent,
                "object": "payment_intent",
                "amount": 62000,
                "currency": "eur",
                "status": "succeeded",
            }
        },
    }
    other = WebhookEvent.objects.get(event_id="evt_other_buyer")
    assert (
        other.payload["data"]["object"]["shipping"]["name"] == "Kunigunde " + someone_else.last_name
    )


def test_erased_user_cannot_log_in_any_more(api_client):
    user = UserFactory()
    email = user.email
    user_erase(user=user)
    response = api_client.post(
        "/v1/auth/token", {"email": email, "password": TEST_PASSWORD}, format="json"
    )
    assert response.status_code == 401


@pytest.mark.parametrize("status", ["pending", "processing", "shipped"])
def test_erasure_is_refused_while_an_order_is_unpaid_or_in_transit(client_for, status):
    user = UserFactory(first_name="Ottokar")
    order = make_order(user, status=status)
    response = client_for(user).delete("/v1/me", {"password": TEST_PASSWORD}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "erasure_open_orders"
    assert order.number in body["detail"]
    user.refresh_from_db()
    assert user.is_active and user.first_name == "Ottokar"


def test_erasure_with_a_wrong_password_changes_nothing(client_for):
    user = UserFactory(first_name="Ottokar")
    response = client_for(user).delete("/v1/me", {"password": "nope"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "password_confirmation_failed"
    user.refresh_from_db()
    assert user.is_active and user.first_name == "Ottokar" and user.erased_at is None


def test_erasure_takes_the_password_in_the_documented_header(client_for):
    """OpenAPI gives a DELETE no body: the schema documents X-Confirm-Password, and it works."""
    wrong = UserFactory(first_name="Ottokar")
    response = client_for(wrong).delete("/v1/me", HTTP_X_CONFIRM_PASSWORD="nope")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "password_confirmation_failed"
    wrong.refresh_from_db()
    assert wrong.is_active and wrong.erased_at is None
    user = UserFactory()
    response = client_for(user).delete("/v1/me", HTTP_X_CONFIRM_PASSWORD=TEST_PASSWORD)
    assert response.status_code == 204, response.content
    user.refresh_from_db()
    assert not user.is_active and user.erased_at is not None


def test_erasure_of_delivered_and_cancelled_orders_is_allowed_and_keeps_them():
    user = UserFactory()
    make_order(user, status="delivered")
    make_order(user, status="cancelled", total=Decimal("10.00"))
    user_erase(user=user)
    assert Order.objects.filter(user=user).count() == 2


def test_admin_erases_a_customer_from_the_wagtail_admin(client, admin):
    customer = make_person()
    client.force_login(admin)
    url = f"/admin/accounts/customers/erase/{customer.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "ticket 42", "confirm": "on"})
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.erased_at and customer.first_name == ""
    entry = AuditEntry.objects.get(action="user.erase")
    assert entry.actor_id == admin.pk and entry.changes["by"] == "admin"


def test_already_erased_account_answers_409():
    user = UserFactory()
    user_erase(user=user)
    with pytest.raises(Exception) as exc:
        user_erase(user=User.objects.get(pk=user.pk))
    assert getattr(exc.value, "code", "") == "already_erased"

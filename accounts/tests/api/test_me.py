"""GET/PATCH /v1/me: the profile, and no escalation through any field."""

import pytest
from django.urls import reverse

from accounts.models import Company, Role
from accounts.tests.factories import B2BUserFactory, CompanyFactory
from accounts.tests.helpers import assert_problem, error_fields

pytestmark = pytest.mark.django_db

ME = reverse("v1:accounts:me")


def test_me_needs_authentication(api_client):
    response = api_client.get(ME)
    assert_problem(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_me_shows_a_b2c_profile(client_for, b2c_user, django_assert_max_num_queries):
    client = client_for(b2c_user)
    with django_assert_max_num_queries(2):  # the user (JWT), the profile with its company
        body = client.get(ME).json()
    assert body["email"] == b2c_user.email
    assert body["role"] == "b2c"
    assert body["customer_type"] == "b2c"
    assert body["is_verified_b2b"] is False
    assert body["company"] is None


def test_me_shows_the_b2b_company_and_its_verification(client_for):
    user = B2BUserFactory(
        company=CompanyFactory(verification_status=Company.Verification.PENDING, verified_at=None)
    )
    body = client_for(user).get(ME).json()
    assert body["customer_type"] == "b2b"
    assert body["is_verified_b2b"] is False
    assert body["company"]["verification_status"] == "pending"
    assert body["company"]["vat_number"] == user.company.vat_number


def test_patch_me_updates_names_and_phone(client_for, b2c_user):
    response = client_for(b2c_user).patch(
        ME,
        {"first_name": " Léa ", "last_name": "Roux", "phone": "+33  6 00 00 00 01"},
        format="json",
    )
    assert response.status_code == 200, response.content
    b2c_user.refresh_from_db()
    assert (b2c_user.first_name, b2c_user.last_name, b2c_user.phone) == (
        "Léa",
        "Roux",
        "+33 6 00 00 00 01",
    )


def test_patch_me_with_an_invalid_phone_is_a_400(client_for, b2c_user):
    body = assert_problem(
        client_for(b2c_user).patch(ME, {"phone": "call me maybe"}, format="json"), 400
    )
    assert error_fields(body) == {"phone": "invalid_phone"}


@pytest.mark.parametrize(
    "payload",
    [
        {"role": "admin"},
        {"role": "b2b"},
        {"is_staff": True},
        {"is_superuser": True},
        {"is_active": False},
        {"company": 1},
        {"company_id": 1},
        {"verification_status": "verified"},
        {"company": {"verification_status": "verified"}},
        {"email_confirmed_at": "2026-01-01T00:00:00Z"},
        {"groups": [1]},
    ],
)
def test_escalation_through_patch_me_is_refused_and_changes_nothing(client_for, b2b_user, payload):
    b2b_user.company.verification_status = Company.Verification.PENDING
    b2b_user.company.save()
    response = client_for(b2b_user).patch(ME, {"first_name": "Mallory", **payload}, format="json")
    body = assert_problem(response, 400, "field_not_allowed")
    assert error_fields(body) == {next(iter(payload)): "field_not_allowed"}
    b2b_user.refresh_from_db()
    b2b_user.company.refresh_from_db()
    assert b2b_user.first_name != "Mallory"
    assert b2b_user.role == Role.B2B
    assert not (b2b_user.is_staff or b2b_user.is_superuser)
    assert b2b_user.company.verification_status == Company.Verification.PENDING


def test_unknown_field_in_patch_me_is_refused(client_for, b2c_user):
    body = assert_problem(client_for(b2c_user).patch(ME, {"nickname": "x"}, format="json"), 400)
    assert error_fields(body) == {"nickname": "unknown_field"}

"""accounts.demo: idempotent demo logins that work."""

import pytest
from django.urls import reverse

from accounts import demo
from accounts.models import Address, Company, User
from accounts.validators import normalize_vat_number

pytestmark = pytest.mark.django_db


def test_demo_creates_three_logins_once(api_client):
    lines = demo.load(stdout=None)
    again = demo.load(stdout=None)
    assert lines == again
    assert User.objects.count() == 3
    assert Address.objects.count() == 2
    assert Company.objects.count() == 1
    text = "\n".join(lines)
    for email in (demo.ADMIN_EMAIL, demo.B2C_EMAIL, demo.B2B_EMAIL):
        assert email in text
        response = api_client.post(
            reverse("v1:accounts:token"),
            {"email": email, "password": demo.DEMO_PASSWORD},
            format="json",
        )
        if email == demo.ADMIN_EMAIL:
            # The password is right; staff tokens wait for the second factor, set up at the
            # first admin sign-in.
            assert response.status_code == 403, response.content
            assert response.json()["code"] == "mfa_enrolment_required"
        else:
            assert response.status_code == 200, (email, response.content)


def test_demo_b2b_buyer_is_verified_with_a_valid_german_vat_number():
    demo.load(stdout=None)
    buyer = User.objects.get(email=demo.B2B_EMAIL)
    assert buyer.is_verified_b2b
    assert buyer.company.country == "DE"
    assert (
        normalize_vat_number(country="DE", value=buyer.company.vat_number)
        == buyer.company.vat_number
    )
    assert buyer.addresses.get().is_default_shipping

"""accounts.permissions as other apps use them."""

import pytest

from accounts.models import Company
from accounts.tests.factories import AddressFactory, B2BUserFactory, CompanyFactory, UserFactory
from accounts.tests.helpers import assert_problem

pytestmark = [pytest.mark.urls("accounts.tests.probe_urls"), pytest.mark.django_db]


def test_verified_b2b_passes(client_for, b2b_user):
    assert client_for(b2b_user).get("/v1/b2b-only").status_code == 200


def test_b2c_account_is_told_it_is_not_b2b(client_for, b2c_user):
    body = assert_problem(client_for(b2c_user).get("/v1/b2b-only"), 403, "not_b2b_account")
    assert "Not a B2B account" in body["detail"]


@pytest.mark.parametrize("state", [Company.Verification.PENDING, Company.Verification.REJECTED])
def test_unverified_company_is_told_so(client_for, state):
    user = B2BUserFactory(company=CompanyFactory(verification_status=state, verified_at=None))
    body = assert_problem(client_for(user).get("/v1/b2b-only"), 403, "company_not_verified")
    assert "Company not verified" in body["detail"]


def test_admin_is_not_a_b2b_buyer(client_for, admin):
    assert_problem(client_for(admin).get("/v1/b2b-only"), 403, "not_b2b_account")


def test_anonymous_is_a_401(api_client):
    assert_problem(api_client.get("/v1/b2b-only"), 401)
    assert_problem(api_client.get("/v1/admin-only"), 401)


def test_verification_withdrawn_applies_to_the_next_request(client_for, b2b_user):
    client = client_for(b2b_user)
    assert client.get("/v1/b2b-only").status_code == 200
    Company.objects.filter(pk=b2b_user.company_id).update(
        verification_status=Company.Verification.REJECTED
    )
    assert_problem(client.get("/v1/b2b-only"), 403, "company_not_verified")


def test_is_admin_reads_the_role_on_every_request(client_for, admin):
    client = client_for(admin)
    assert client.get("/v1/admin-only").status_code == 200
    type(admin).objects.filter(pk=admin.pk).update(role="b2c", is_superuser=False)
    assert_problem(client.get("/v1/admin-only"), 403, "admin_required")


def test_is_owner_answers_404_for_someone_elses_object(client_for, b2c_user):
    mine = AddressFactory(user=b2c_user)
    theirs = AddressFactory(user=UserFactory())
    client = client_for(b2c_user)
    assert client.get(f"/v1/owned/{mine.pk}").json() == {"id": mine.pk, "mine": True}
    assert_problem(client.get(f"/v1/owned/{theirs.pk}"), 404, "not_found")

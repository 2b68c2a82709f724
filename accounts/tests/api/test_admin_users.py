"""/v1/admin/users: list, search, edit; demoted or deactivated administrators lose access."""

import pytest
from django.urls import reverse

from accounts.models import Role, User
from accounts.tests.factories import (
    AdminUserFactory,
    B2BUserFactory,
    CompanyFactory,
    UserFactory,
)
from accounts.tests.helpers import assert_problem, error_fields

pytestmark = pytest.mark.django_db

LIST = reverse("v1:accounts:admin-users")


def detail(user_id: int) -> str:
    return reverse("v1:accounts:admin-user", args=[user_id])


def test_admin_lists_users_paginated_in_fixed_queries(
    client_for, admin, django_assert_max_num_queries
):
    UserFactory.create_batch(5)
    B2BUserFactory.create_batch(5)
    client = client_for(admin)
    with django_assert_max_num_queries(3):  # auth user, count, page (company joined)
        response = client.get(LIST, {"page_size": 8})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 11
    assert len(body["results"]) == 8


def test_admin_searches_users_by_email_name_or_company(client_for, admin):
    target = B2BUserFactory(email="jerez@bodega.example")
    UserFactory(email="someone@else.example")
    client = client_for(admin)
    for term in ["JEREZ@", target.company.legal_name[:12]]:
        results = client.get(LIST, {"search": term}).json()["results"]
        assert [u["email"] for u in results] == [target.email]
    b2b = client.get(LIST, {"role": "b2b"}).json()["results"]
    assert {u["role"] for u in b2b} == {"b2b"}


def test_bad_filters_are_a_400(client_for, admin):
    body = assert_problem(client_for(admin).get(LIST, {"role": "pirate"}), 400)
    assert error_fields(body) == {"role": "invalid_choice"}


def test_customers_cannot_use_admin_endpoints(client_for, b2c_user, b2b_user):
    for user in (b2c_user, b2b_user):
        body = assert_problem(client_for(user).get(LIST), 403, "admin_required")
        assert "administrators" in body["detail"]


def test_anonymous_gets_a_401_on_admin_endpoints(api_client):
    assert_problem(api_client.get(LIST), 401)


def test_admin_changes_role_and_activation(client_for, admin, b2c_user):
    company = CompanyFactory()
    response = client_for(admin).patch(
        detail(b2c_user.pk),
        {"role": "b2b", "company_id": company.pk, "phone": "+34 1 23"},
        format="json",
    )
    assert response.status_code == 200, response.content
    b2c_user.refresh_from_db()
    assert (b2c_user.role, b2c_user.company_id) == (Role.B2B, company.pk)
    response = client_for(admin).patch(detail(b2c_user.pk), {"is_active": False}, format="json")
    assert response.json()["is_active"] is False


def test_promotion_to_admin_opens_the_admin_api_and_wagtail(client_for, admin, b2c_user):
    client_for(admin).patch(detail(b2c_user.pk), {"role": "admin"}, format="json")
    b2c_user.refresh_from_db()
    assert b2c_user.is_staff and b2c_user.is_superuser
    assert client_for(b2c_user).get(LIST).status_code == 200


def test_a_demoted_admin_loses_access_on_the_next_request(client_for, admin):
    other_admin = AdminUserFactory()
    client = client_for(other_admin)  # token issued while still an administrator
    assert client.get(LIST).status_code == 200
    response = client_for(admin).patch(detail(other_admin.pk), {"role": "b2c"}, format="json")
    assert response.status_code == 200
    assert_problem(client.get(LIST), 403, "admin_required")
    other_admin.refresh_from_db()
    assert not (other_admin.is_staff or other_admin.is_superuser)


def test_a_deactivated_admin_loses_access_on_the_next_request(client_for, admin):
    other_admin = AdminUserFactory()
    client = client_for(other_admin)
    assert client.get(LIST).status_code == 200
    client_for(admin).patch(detail(other_admin.pk), {"is_active": False}, format="json")
    assert_problem(client.get(LIST), 401)


def test_an_admin_cannot_demote_or_deactivate_themselves(client_for, admin):
    client = client_for(admin)
    assert_problem(
        client.patch(detail(admin.pk), {"role": "b2c"}, format="json"),
        409,
        "cannot_change_own_account",
    )
    assert_problem(client.patch(detail(admin.pk), {"is_active": False}, format="json"), 409)
    admin.refresh_from_db()
    assert admin.role == Role.ADMIN and admin.is_active


@pytest.mark.parametrize(
    ("payload", "field", "code"),
    [
        ({"role": "root"}, "role", "invalid_choice"),
        ({"email": "x@example.com"}, "email", "field_not_allowed"),
        ({"is_superuser": True}, "is_superuser", "field_not_allowed"),
        ({"password": "x"}, "password", "field_not_allowed"),
        ({"company_id": 999_999}, "company_id", "does_not_exist"),
        ({"role": "b2b"}, "company_id", "company_required"),
    ],
)
def test_bad_admin_edits_are_a_400_and_change_nothing(
    client_for, admin, b2c_user, payload, field, code
):
    before = User.objects.values().get(pk=b2c_user.pk)
    body = assert_problem(client_for(admin).patch(detail(b2c_user.pk), payload, format="json"), 400)
    assert error_fields(body) == {field: code}
    assert User.objects.values().get(pk=b2c_user.pk) == before


def test_unknown_user_is_a_404(client_for, admin):
    assert_problem(client_for(admin).get(detail(999_999)), 404, "user_not_found")
    assert_problem(client_for(admin).patch(detail(999_999), {"role": "b2c"}, format="json"), 404)

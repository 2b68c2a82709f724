"""Wagtail admin: customers and companies, verify/reject through the same service."""

import pytest
from django.urls import reverse

from accounts.admin.users import COMPANY_NS, CUSTOMERS_NS
from accounts.models import Company, CompanyVerificationEvent, Role
from accounts.tests.factories import B2BUserFactory, CompanyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


@pytest.fixture
def pending_company(db):
    company = CompanyFactory(
        legal_name="Tonnellerie Dubois", verification_status="pending", verified_at=None
    )
    B2BUserFactory(company=company)
    return company


def test_customers_index_lists_users_with_role_and_company(admin_client):
    buyer = B2BUserFactory(email="listed@b2b.example")
    response = admin_client.get(reverse(f"{CUSTOMERS_NS}:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "listed@b2b.example" in html and buyer.company.legal_name in html
    searched = admin_client.get(reverse(f"{CUSTOMERS_NS}:index"), {"q": "listed@"})
    assert "listed@b2b.example" in searched.content.decode()


def test_customer_edit_goes_through_the_service(admin_client):
    user = UserFactory()
    response = admin_client.post(
        reverse(f"{CUSTOMERS_NS}:edit", args=[user.pk]),
        {
            "first_name": "Promoted",
            "last_name": "User",
            "phone": "",
            "role": "admin",
            "is_active": "on",
            "company": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.role == Role.ADMIN and user.is_staff and user.is_superuser


def test_customer_edit_refuses_b2b_without_company(admin_client):
    user = UserFactory()
    response = admin_client.post(
        reverse(f"{CUSTOMERS_NS}:edit", args=[user.pk]),
        {
            "first_name": "A",
            "last_name": "B",
            "phone": "",
            "role": "b2b",
            "is_active": "on",
            "company": "",
        },
    )
    assert response.status_code == 200
    assert "belongs to a company" in response.content.decode()
    user.refresh_from_db()
    assert user.role == Role.B2C


def test_companies_index_offers_verify_and_reject(admin_client, pending_company):
    response = admin_client.get(reverse(f"{COMPANY_NS}:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tonnellerie Dubois" in html
    assert reverse(f"{COMPANY_NS}:verify", args=[pending_company.pk]) in html
    assert reverse(f"{COMPANY_NS}:reject", args=[pending_company.pk]) in html


def test_verify_in_wagtail_uses_the_service(admin_client, admin, pending_company):
    verify_url = reverse(f"{COMPANY_NS}:verify", args=[pending_company.pk])
    assert admin_client.get(verify_url).status_code == 200
    response = admin_client.post(verify_url, {"text": "Checked on VIES"})
    assert response.status_code == 302
    pending_company.refresh_from_db()
    assert pending_company.verification_status == Company.Verification.VERIFIED
    assert pending_company.verified_by == admin
    event = CompanyVerificationEvent.objects.get()
    assert (event.to_status, event.note, event.actor) == ("verified", "Checked on VIES", admin)


def test_reject_in_wagtail_needs_a_reason(admin_client, pending_company):
    reject_url = reverse(f"{COMPANY_NS}:reject", args=[pending_company.pk])
    response = admin_client.post(reject_url, {"text": ""})
    assert response.status_code == 200
    pending_company.refresh_from_db()
    assert pending_company.verification_status == "pending"
    admin_client.post(reject_url, {"text": "No trade register entry."})
    pending_company.refresh_from_db()
    assert pending_company.verification_status == "rejected"
    assert pending_company.rejection_reason == "No trade register entry."


def test_company_edit_normalises_the_vat_number(admin_client, pending_company):
    response = admin_client.post(
        reverse(f"{COMPANY_NS}:edit", args=[pending_company.pk]),
        {
            "legal_name": "Tonnellerie Dubois",
            "vat_number": "fr 40 303 265 045",
            "country": "FR",
            "street": "1 rue",
            "city": "Cognac",
            "zip_code": "16100",
        },
    )
    assert response.status_code == 302
    pending_company.refresh_from_db()
    assert pending_company.vat_number == "FR40303265045"
    bad = admin_client.post(
        reverse(f"{COMPANY_NS}:edit", args=[pending_company.pk]),
        {
            "legal_name": "Tonnellerie Dubois",
            "vat_number": "FR123",
            "country": "FR",
            "street": "1 rue",
            "city": "Cognac",
            "zip_code": "16100",
        },
    )
    assert bad.status_code == 200
    pending_company.refresh_from_db()
    assert pending_company.vat_number == "FR40303265045"


def test_customers_cannot_open_the_decision_views(client, b2b_user, pending_company):
    client.force_login(b2b_user)
    response = client.post(reverse(f"{COMPANY_NS}:verify", args=[pending_company.pk]), {})
    assert response.status_code in (302, 403)
    pending_company.refresh_from_db()
    assert pending_company.verification_status == "pending"


def test_accounts_menu_appears_in_the_wagtail_admin(admin_client):
    html = admin_client.get(reverse(f"{CUSTOMERS_NS}:index")).content.decode()
    # The sidebar menu is rendered as JSON props: the group and both entries are in it.
    for label in ("Accounts", "Customers", "Companies", "/admin/accounts/companies/"):
        assert label in html


def test_company_inspect_view_renders(admin_client, pending_company):
    response = admin_client.get(reverse(f"{COMPANY_NS}:inspect", args=[pending_company.pk]))
    assert response.status_code == 200
    assert "Tonnellerie Dubois" in response.content.decode()

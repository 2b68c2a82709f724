"""/v1/admin/companies: list, verify, reject (declared transitions, history, e-mails)."""

import pytest
from django.urls import reverse

from accounts.models import Company, CompanyVerificationEvent
from accounts.tests.factories import B2BUserFactory, CompanyFactory
from accounts.tests.helpers import assert_problem, error_fields

pytestmark = pytest.mark.django_db

LIST = reverse("v1:accounts:admin-companies")
PENDING = Company.Verification.PENDING


def url(name: str, company_id: int) -> str:
    return reverse(f"v1:accounts:admin-company-{name}", args=[company_id])


@pytest.fixture
def pending_company(db):
    company = CompanyFactory(verification_status=PENDING, verified_at=None)
    B2BUserFactory(company=company, email="buyer@pending.example")
    return company


def test_admin_lists_pending_companies_in_fixed_queries(
    client_for, admin, pending_company, django_assert_max_num_queries
):
    CompanyFactory.create_batch(4)
    client = client_for(admin)
    with django_assert_max_num_queries(3):  # auth user, count, page (annotated)
        response = client.get(LIST, {"verification_status": "pending"})
    body = response.json()
    assert [c["id"] for c in body["results"]] == [pending_company.pk]
    row = body["results"][0]
    assert row["member_count"] == 1
    assert row["allowed_transitions"] == ["rejected", "verified"]
    assert row["verified_by"] is None


def test_search_finds_a_company_by_member_email(client_for, admin, pending_company):
    results = client_for(admin).get(LIST, {"search": "buyer@pending"}).json()["results"]
    assert [c["id"] for c in results] == [pending_company.pk]


def test_verify_opens_b2b_and_writes_history_and_mails_members(
    client_for, admin, pending_company, mailbox, django_capture_on_commit_callbacks
):
    member = pending_company.members.get()
    assert not member.is_verified_b2b
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin).post(url("verify", pending_company.pk), {}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["verification_status"] == "verified"
    assert body["verified_by"] == admin.email
    member.refresh_from_db()
    assert member.is_verified_b2b
    event = CompanyVerificationEvent.objects.get(company=pending_company)
    assert (event.from_status, event.to_status, event.actor) == ("pending", "verified", admin)
    message = mailbox.wait_for(1)[0]
    assert "verified" in message["Subject"] and member.email in message["X-Envelope-To"]


def test_reject_needs_a_reason_and_tells_the_members(
    client_for, admin, pending_company, mailbox, django_capture_on_commit_callbacks
):
    client = client_for(admin)
    body = assert_problem(client.post(url("reject", pending_company.pk), {}, format="json"), 400)
    assert error_fields(body) == {"reason": "required"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("reject", pending_company.pk),
            {"reason": "VAT number belongs to another company."},
            format="json",
        )
    assert response.json()["verification_status"] == "rejected"
    assert response.json()["allowed_transitions"] == ["verified"]
    text = mailbox.wait_for(1)[0].get_body(("plain",)).get_content()
    assert "VAT number belongs to another company." in text


def test_verifying_a_verified_company_is_a_409_that_changes_nothing(client_for, admin):
    company = CompanyFactory()
    body = assert_problem(
        client_for(admin).post(url("verify", company.pk), {}, format="json"),
        409,
        "invalid_verification_transition",
    )
    assert body["allowed_transitions"] == ["rejected"]
    assert not CompanyVerificationEvent.objects.exists()


def test_a_verification_can_be_withdrawn(client_for, admin, b2b_user):
    response = client_for(admin).post(
        url("reject", b2b_user.company_id), {"reason": "Company closed."}, format="json"
    )
    assert response.status_code == 200
    b2b_user.refresh_from_db()
    assert not b2b_user.is_verified_b2b


def test_only_admins_verify(client_for, b2b_user, pending_company):
    assert_problem(
        client_for(b2b_user).post(url("verify", pending_company.pk), {}, format="json"),
        403,
        "admin_required",
    )
    pending_company.refresh_from_db()
    assert pending_company.verification_status == PENDING


def test_unknown_company_is_a_404(client_for, admin):
    assert_problem(
        client_for(admin).post(url("verify", 999_999), {}, format="json"), 404, "company_not_found"
    )
    assert_problem(
        client_for(admin).get(reverse("v1:accounts:admin-company", args=[999_999])),
        404,
        "company_not_found",
    )


def test_verify_refuses_extra_fields(client_for, admin, pending_company):
    body = assert_problem(
        client_for(admin).post(
            url("verify", pending_company.pk), {"verification_status": "verified"}, format="json"
        ),
        400,
    )
    assert error_fields(body) == {"verification_status": "field_not_allowed"}

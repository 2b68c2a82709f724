"""A company registered twice (#21 item 4): the second registration stays, staff see the match
with the verified company and attach the buyer to it (a service, audited)."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts import error_codes
from accounts.audit.models import AuditEntry
from accounts.models import Company, User
from accounts.services.companies import company_members_attach
from accounts.services.emails import staff_company_pending_email_send
from accounts.tests.api.test_register import URL as REGISTER_URL
from accounts.tests.api.test_register import b2b_payload
from accounts.tests.factories import B2BUserFactory, CompanyFactory
from reporting.tests.factories import ManagerUserFactory
from vwb_site.exceptions import ApplicationError

pytestmark = pytest.mark.django_db

INDEX = reverse("accounts_companies:index")


@pytest.fixture
def keller(db):
    company = CompanyFactory(legal_name="Weingut Keller", vat_number="DE136695976")
    B2BUserFactory(company=company, email="jonas@keller.example")
    return company


@pytest.fixture
def registered_again(api_client, keller):
    """A second buyer registers Weingut Keller again, with its VAT number written differently."""
    response = api_client.post(
        REGISTER_URL, b2b_payload(legal_name="Weingut Keller GmbH"), format="json"
    )
    assert response.status_code == 201, response.content
    return User.objects.get(email="buyer@keller.example")


def _admin_client(admin) -> Client:
    client = Client()
    client.force_login(admin)
    return client


def test_registration_with_a_verified_vat_number_still_registers(registered_again, keller):
    duplicate = registered_again.company
    assert duplicate.pk != keller.pk
    assert duplicate.vat_number == keller.vat_number == "DE136695976"
    assert duplicate.verification_status == Company.Verification.PENDING


def test_staff_see_the_match_and_the_attach_action(registered_again, keller, admin):
    html = _admin_client(admin).get(INDEX).content.decode()
    assert "same VAT number as Weingut Keller (verified)" in html
    attach = reverse("accounts_companies:attach", args=[registered_again.company_id])
    assert attach in html
    assert html.count("same VAT number as") == 1  # not on Keller's own row
    decision = _admin_client(admin).get(
        reverse("accounts_companies:verify", args=[registered_again.company_id])
    )
    assert "Same VAT number as <strong>Weingut Keller</strong> (verified)" in decision.text


def test_the_staff_email_names_the_match(registered_again, keller, settings, mailbox):
    settings.STAFF_NOTIFICATION_EMAILS = ["sales@vintagewithoutborders.example"]
    mailbox.clear()
    assert staff_company_pending_email_send(company_id=registered_again.company_id)
    [message] = mailbox.wait_for(1)
    assert "Same VAT number as Weingut Keller (verified)" in message.get_body("plain").get_content()


def test_attach_moves_the_buyer_closes_the_duplicate_and_is_audited(
    registered_again, keller, admin
):
    duplicate_id = registered_again.company_id
    client = _admin_client(admin)
    url = reverse("accounts_companies:attach", args=[duplicate_id])
    page = client.get(url)
    assert page.status_code == 200 and "buyer@keller.example" in page.text
    response = client.post(url)
    assert response.status_code == 302
    registered_again.refresh_from_db()
    assert registered_again.company_id == keller.pk
    assert registered_again.is_verified_b2b
    duplicate = Company.objects.get(pk=duplicate_id)
    assert duplicate.verification_status == Company.Verification.REJECTED
    assert "Duplicate of Weingut Keller" in duplicate.rejection_reason
    entry = AuditEntry.objects.get(action="company.members_attached")
    assert entry.actor == admin and entry.target_id == str(keller.pk)
    assert entry.changes == {
        "members": {"ids": [registered_again.pk]},
        "company": [duplicate_id, keller.pk],
    }
    listing = client.get(INDEX).content.decode()
    assert "same VAT number as" not in listing  # the duplicate is rejected: no more match


@pytest.mark.parametrize(
    "case",
    ["into_unverified", "other_vat", "from_verified", "same_company"],
)
def test_attach_refuses_what_is_not_a_duplicate(case, keller, admin):
    pending = CompanyFactory(vat_number=keller.vat_number, verification_status="pending")
    source, target = pending, keller
    if case == "into_unverified":
        target = CompanyFactory(vat_number=keller.vat_number, verification_status="pending")
    elif case == "other_vat":
        source = CompanyFactory(vat_number="DE999999999", verification_status="pending")
    elif case == "from_verified":
        source = CompanyFactory(vat_number=keller.vat_number)
    elif case == "same_company":
        source = keller
    member = B2BUserFactory(company=source)
    with pytest.raises(ApplicationError) as exc:
        company_members_attach(company_id=source.pk, into_company_id=target.pk, actor=admin)
    assert exc.value.code == error_codes.COMPANY_NOT_A_DUPLICATE
    member.refresh_from_db()
    assert member.company_id == source.pk


def test_a_manager_cannot_attach(registered_again):
    client = Client()
    client.force_login(ManagerUserFactory())
    url = reverse("accounts_companies:attach", args=[registered_again.company_id])
    response = client.post(url)
    assert response.status_code in (302, 403)
    registered_again.refresh_from_db()
    assert registered_again.company.verification_status == Company.Verification.PENDING

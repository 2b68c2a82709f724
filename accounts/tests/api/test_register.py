"""POST /v1/auth/register: B2C and B2B accounts, VAT numbers, and every refused input."""

import pytest
from django.urls import reverse

from accounts.models import Company, Role, User
from accounts.tests.factories import UserFactory
from accounts.tests.helpers import assert_problem, error_fields

pytestmark = pytest.mark.django_db

URL = reverse("v1:accounts:register")
STRONG = "barrel-Oak-2026-smoky"


def b2c_payload(**overrides):
    return {
        "email": "Camille@Example.COM",
        "password": STRONG,
        "first_name": "Camille",
        "last_name": "Durand",
        "phone": "+33 6 12 34 56 78",
        **overrides,
    }


def b2b_payload(**company_overrides):
    company = {
        "legal_name": "Weingut Keller GmbH",
        "vat_number": "de 136 695 976",
        "country": "DE",
        "street": "Weinstrasse 1",
        "city": "Mainz",
        "zip_code": "55116",
        **company_overrides,
    }
    return {
        "email": "buyer@keller.example",
        "password": STRONG,
        "first_name": "Jonas",
        "last_name": "Keller",
        "role": "b2b",
        "company": company,
    }


def test_b2c_registration_creates_a_customer_and_returns_tokens(api_client):
    response = api_client.post(URL, b2c_payload(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["user"]["email"] == "camille@example.com"
    assert body["user"]["role"] == "b2c"
    assert body["user"]["email_confirmed"] is False
    assert body["user"]["company"] is None
    assert body["access"] and body["refresh"]
    user = User.objects.get(email="camille@example.com")
    assert user.password.startswith("argon2")
    me = api_client.get(reverse("v1:accounts:me"), HTTP_AUTHORIZATION=f"Bearer {body['access']}")
    assert me.json()["id"] == user.pk


def test_b2b_registration_creates_a_pending_company_with_normalised_vat(api_client):
    response = api_client.post(URL, b2b_payload(), format="json")
    assert response.status_code == 201, response.content
    user = User.objects.select_related("company").get(email="buyer@keller.example")
    assert user.role == Role.B2B
    assert user.company.verification_status == Company.Verification.PENDING
    assert user.company.vat_number == "DE136695976"
    assert user.is_verified_b2b is False
    assert response.json()["user"]["company"]["verification_status"] == "pending"


def test_vat_number_without_country_prefix_gets_it(api_client):
    response = api_client.post(URL, b2b_payload(vat_number="136695976"), format="json")
    assert response.status_code == 201, response.content
    assert Company.objects.get().vat_number == "DE136695976"


def test_greek_vat_number_is_normalised_to_the_el_prefix(api_client):
    response = api_client.post(
        URL, b2b_payload(country="GR", vat_number="GR 094259216"), format="json"
    )
    assert response.status_code == 201, response.content
    assert Company.objects.get().vat_number == "EL094259216"


def test_non_eu_company_keeps_its_tax_id_trimmed(api_client):
    response = api_client.post(
        URL, b2b_payload(country="US", vat_number="  12-3456789  "), format="json"
    )
    assert response.status_code == 201, response.content
    assert Company.objects.get().vat_number == "12-3456789"


@pytest.mark.parametrize(
    ("vat", "code", "problem_code"),
    [
        ("DE123456789", "invalid_vat_number", "invalid_vat_number"),  # wrong check digit
        ("DE12", "invalid_vat_number", "invalid_vat_number"),
        ("FR40303265045", "vat_country_mismatch", "vat_country_mismatch"),  # valid, but French
        ("", "blank", "validation_error"),  # DRF's generic code stays in errors[]
    ],
)
def test_malformed_vat_number_is_a_400_and_creates_nothing(api_client, vat, code, problem_code):
    response = api_client.post(URL, b2b_payload(vat_number=vat), format="json")
    body = assert_problem(response, 400, problem_code)
    assert error_fields(body)["company.vat_number"] == code
    assert not User.objects.exists()
    assert not Company.objects.exists()


def test_blank_tax_id_outside_the_eu_is_refused(api_client):
    response = api_client.post(URL, b2b_payload(country="CH", vat_number="   "), format="json")
    body = assert_problem(response, 400)
    assert "company.vat_number" in error_fields(body)
    assert not User.objects.exists()


def test_b2b_without_company_is_a_400(api_client):
    payload = b2b_payload()
    del payload["company"]
    body = assert_problem(api_client.post(URL, payload, format="json"), 400)
    assert error_fields(body) == {"company": "company_required"}
    assert not User.objects.exists()


def test_b2b_with_missing_company_fields_names_each_field(api_client):
    payload = b2b_payload()
    del payload["company"]["legal_name"]
    del payload["company"]["city"]
    body = assert_problem(api_client.post(URL, payload, format="json"), 400)
    assert error_fields(body) == {"company.legal_name": "required", "company.city": "required"}
    assert not Company.objects.exists()


def test_company_fields_on_a_b2c_registration_are_refused(api_client):
    payload = b2b_payload()
    payload["role"] = "b2c"
    body = assert_problem(api_client.post(URL, payload, format="json"), 400)
    assert error_fields(body) == {"company": "company_not_allowed"}
    assert not User.objects.exists()


@pytest.mark.parametrize("country", ["XX", "Germany", "zz"])
def test_unknown_country_code_is_a_400(api_client, country):
    body = assert_problem(api_client.post(URL, b2b_payload(country=country), format="json"), 400)
    assert error_fields(body)["company.country"] == "unknown_country"
    assert not Company.objects.exists()


def test_lower_case_country_code_is_accepted(api_client):
    response = api_client.post(URL, b2b_payload(country="de"), format="json")
    assert response.status_code == 201
    assert Company.objects.get().country == "DE"


def test_duplicate_email_in_another_case_is_a_409(api_client):
    UserFactory(email="camille@example.com")
    body = assert_problem(api_client.post(URL, b2c_payload(), format="json"), 409, "email_taken")
    assert error_fields(body) == {"email": "email_taken"}
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("password", "codes"),
    [
        ("short1", {"password_too_short"}),
        ("password123", {"password_too_common"}),
        ("48213579016482", {"password_entirely_numeric"}),
        ("camille@example.com", {"password_too_similar"}),
    ],
)
def test_weak_password_is_a_400_with_the_validator_messages(api_client, password, codes):
    body = assert_problem(api_client.post(URL, b2c_payload(password=password), format="json"), 400)
    got = {e["code"] for e in body["errors"] if e["field"] == "password"}
    assert codes <= got, body
    assert all(e["message"] for e in body["errors"])
    assert not User.objects.exists()


def test_role_admin_is_refused(api_client):
    body = assert_problem(api_client.post(URL, b2c_payload(role="admin"), format="json"), 400)
    assert error_fields(body) == {"role": "role_not_allowed"}
    assert not User.objects.exists()


def test_unknown_role_is_refused(api_client):
    body = assert_problem(api_client.post(URL, b2c_payload(role="superuser"), format="json"), 400)
    assert error_fields(body) == {"role": "invalid_choice"}
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "field",
    [
        {"is_staff": True},
        {"is_superuser": True},
        {"verification_status": "verified"},
        {"email_confirmed_at": "2026-01-01T00:00:00Z"},
        {"groups": [1]},
    ],
)
def test_privileged_fields_are_refused_not_ignored(api_client, field):
    body = assert_problem(api_client.post(URL, b2c_payload(**field), format="json"), 400)
    assert error_fields(body) == {next(iter(field)): "field_not_allowed"}
    assert not User.objects.exists()


def test_company_verification_status_inside_company_is_refused(api_client):
    response = api_client.post(URL, b2b_payload(verification_status="verified"), format="json")
    body = assert_problem(response, 400)
    assert error_fields(body) == {"company.verification_status": "field_not_allowed"}
    assert not Company.objects.exists()


def test_invalid_email_is_a_400(api_client):
    body = assert_problem(
        api_client.post(URL, b2c_payload(email="not-an-email"), format="json"), 400
    )
    assert error_fields(body) == {"email": "invalid"}


def test_welcome_email_with_confirmation_link_reaches_the_smtp_server(
    api_client, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(URL, b2b_payload(), format="json")
    assert response.status_code == 201
    messages = mailbox.wait_for(2)
    welcome = mailbox.to("buyer@keller.example")[0]
    assert "confirm your e-mail" in welcome["Subject"].lower()
    text = welcome.get_body(("plain",)).get_content()
    html = welcome.get_body(("html",)).get_content()
    assert "/account/confirm-email?token=" in text
    assert "Weingut Keller GmbH" in text and "verified" in text
    assert "<a href=" in html
    staff = [m for m in messages if "sales@" in m["X-Envelope-To"]]
    assert staff and "Weingut Keller GmbH" in staff[0]["Subject"]


def test_register_is_throttled_with_retry_after(api_client):
    for n in range(5):
        response = api_client.post(URL, b2c_payload(email=f"t{n}@example.com"), format="json")
        assert response.status_code == 201
    response = api_client.post(URL, b2c_payload(email="t9@example.com"), format="json")
    assert_problem(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
    assert not User.objects.filter(email="t9@example.com").exists()

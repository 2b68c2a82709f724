"""Staff tokens after the second factor: POST /v1/auth/token, then /v1/auth/token/2fa."""

import jwt
import pytest
from django.conf import settings
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.audit.models import AuditEntry
from accounts.services import mfa
from accounts.tests.factories import TEST_PASSWORD, AdminUserFactory, CompanyFactory
from accounts.tests.helpers import assert_problem
from accounts.tests.mfa import enrolled_device, totp_now

pytestmark = pytest.mark.django_db

TOKEN = reverse("v1:accounts:token")
TOKEN_2FA = reverse("v1:accounts:token-2fa")
REFRESH = reverse("v1:accounts:token-refresh")
ADMIN_USERS = reverse("v1:accounts:admin-users")
ME = reverse("v1:accounts:me")


@pytest.fixture
def roomy_auth_throttle(settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth": "10000/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


def claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def bearer(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def challenge_for(client, user) -> str:
    response = client.post(TOKEN, {"email": user.email, "password": TEST_PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["mfa_required"] is True
    assert "access" not in body and "refresh" not in body
    assert body["methods"] == ["totp", "recovery_code"]
    assert body["expires_in"] == settings.ACCOUNTS_MFA_CHALLENGE_SECONDS
    return body["challenge"]


@pytest.fixture
def enrolled_admin(db):
    admin = AdminUserFactory()
    enrolled_device(admin)
    return admin


def enrol_with_codes(user) -> tuple[object, list[str]]:
    enrolment = mfa.mfa_enrol_begin(user=user)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(pk=enrolment.device_id)
    codes = mfa.mfa_enrol_confirm(user=user, device_id=device.pk, code=totp_now(device))
    device.refresh_from_db()
    return device, codes


def test_staff_password_gives_a_challenge_then_the_code_gives_tokens_with_mfa_claims(
    api_client, enrolled_admin
):
    challenge = challenge_for(api_client, enrolled_admin)
    device = enrolled_device(enrolled_admin)
    response = api_client.post(
        TOKEN_2FA, {"challenge": challenge, "code": totp_now(device)}, format="json"
    )
    assert response.status_code == 200, response.content
    pair = response.json()
    for raw in (pair["access"], pair["refresh"]):
        assert claims(raw)["amr"] == ["pwd", "otp"]
        assert claims(raw)["mfa"] is True
    assert bearer(pair["access"]).get(ADMIN_USERS).status_code == 200


def test_buyer_login_is_unchanged_one_step_no_mfa_claim(api_client, b2c_user):
    response = api_client.post(
        TOKEN, {"email": b2c_user.email, "password": TEST_PASSWORD}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access", "refresh"}
    assert "mfa" not in claims(body["access"])
    assert bearer(body["access"]).get(ME).status_code == 200


def test_staff_without_second_factor_gets_no_token(api_client, admin):
    response = api_client.post(TOKEN, {"email": admin.email, "password": TEST_PASSWORD})
    assert_problem(response, 403, "mfa_enrolment_required")


def test_password_only_staff_token_is_refused_on_admin_reads_and_staff_writes(enrolled_admin):
    token = str(RefreshToken.for_user(enrolled_admin).access_token)  # no second factor
    client = bearer(token)
    assert_problem(client.get(ADMIN_USERS), 401, "mfa_required")
    company = CompanyFactory(verification_status="pending")
    verify = reverse("v1:accounts:admin-company-verify", args=[company.pk])
    assert_problem(client.post(verify, {}, format="json"), 401, "mfa_required")
    company.refresh_from_db()
    assert company.verification_status == "pending"
    assert_problem(client.get(ME), 401, "mfa_required")


def test_challenge_token_used_as_bearer_is_refused(api_client, enrolled_admin):
    challenge = challenge_for(api_client, enrolled_admin)
    assert_problem(bearer(challenge).get(ADMIN_USERS), 401, "token_not_valid")


def test_expired_challenge_is_refused(api_client, enrolled_admin, settings):
    settings.ACCOUNTS_MFA_CHALLENGE_SECONDS = -1
    challenge = challenge_for(api_client, enrolled_admin)
    device = enrolled_device(enrolled_admin)
    response = api_client.post(
        TOKEN_2FA, {"challenge": challenge, "code": totp_now(device)}, format="json"
    )
    assert_problem(response, 401, "token_not_valid")


def test_forged_challenge_is_refused(api_client, enrolled_admin):
    challenge = challenge_for(api_client, enrolled_admin)
    payload = claims(challenge)
    forged = jwt.encode(payload, "not-the-key", algorithm="HS256")
    response = api_client.post(TOKEN_2FA, {"challenge": forged, "code": "123456"}, format="json")
    assert_problem(response, 401, "token_not_valid")


def test_replayed_totp_code_within_its_window_is_refused(api_client, enrolled_admin):
    device = enrolled_device(enrolled_admin)
    code = totp_now(device)
    first = api_client.post(
        TOKEN_2FA, {"challenge": challenge_for(api_client, enrolled_admin), "code": code}
    )
    assert first.status_code == 200
    again = api_client.post(
        TOKEN_2FA, {"challenge": challenge_for(api_client, enrolled_admin), "code": code}
    )
    assert_problem(again, 401, "mfa_code_invalid")


def test_recovery_code_works_once(api_client, db):
    admin = AdminUserFactory()
    _, codes = enrol_with_codes(admin)
    assert len(codes) == settings.ACCOUNTS_MFA_RECOVERY_CODES
    first = api_client.post(
        TOKEN_2FA,
        {"challenge": challenge_for(api_client, admin), "recovery_code": codes[0].upper()},
    )
    assert first.status_code == 200, first.content
    assert claims(first.json()["access"])["amr"] == ["pwd", "otp", "rec"]
    again = api_client.post(
        TOKEN_2FA, {"challenge": challenge_for(api_client, admin), "recovery_code": codes[0]}
    )
    assert_problem(again, 401, "mfa_code_invalid")


def test_recovery_codes_are_stored_hashed(db):
    admin = AdminUserFactory()
    _, codes = enrol_with_codes(admin)
    stored = list(admin.mfa_recovery_codes.values_list("code_hash", flat=True))
    assert len(stored) == len(codes)
    assert not {c.replace("-", "") for c in codes} & set(stored)
    assert all(len(h) == 64 for h in stored)


def test_wrong_codes_count_as_failed_logins_under_the_same_lockout(
    api_client, enrolled_admin, roomy_auth_throttle
):
    device = enrolled_device(enrolled_admin)
    challenge = challenge_for(api_client, enrolled_admin)
    wrong = f"{(int(totp_now(device)) + 1) % 1_000_000:06d}"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = api_client.post(TOKEN_2FA, {"challenge": challenge, "code": wrong})
        assert_problem(response, 401, "mfa_code_invalid")
    assert_problem(
        api_client.post(TOKEN_2FA, {"challenge": challenge, "code": wrong}), 429, "account_locked"
    )
    # Locked now: the right code and even the right password are refused from this client.
    right = api_client.post(TOKEN_2FA, {"challenge": challenge, "code": totp_now(device)})
    assert_problem(right, 429, "account_locked")
    again = api_client.post(TOKEN, {"email": enrolled_admin.email, "password": TEST_PASSWORD})
    assert_problem(again, 429, "account_locked")


def test_refresh_keeps_the_mfa_claim(api_client, enrolled_admin):
    device = enrolled_device(enrolled_admin)
    challenge = challenge_for(api_client, enrolled_admin)
    pair = api_client.post(TOKEN_2FA, {"challenge": challenge, "code": totp_now(device)}).json()
    rotated = api_client.post(REFRESH, {"refresh": pair["refresh"]}).json()
    assert claims(rotated["access"])["mfa"] is True
    assert bearer(rotated["access"]).get(ADMIN_USERS).status_code == 200


def test_code_or_recovery_code_is_required_not_both(api_client, enrolled_admin):
    challenge = challenge_for(api_client, enrolled_admin)
    response = api_client.post(TOKEN_2FA, {"challenge": challenge})
    assert_problem(response, 400)
    both = api_client.post(
        TOKEN_2FA, {"challenge": challenge, "code": "123456", "recovery_code": "abcde-fghij"}
    )
    assert_problem(both, 400)


def test_admin_resets_a_colleagues_second_factor_audited_and_tokens_revoked(
    api_client, enrolled_admin
):
    colleague = AdminUserFactory()
    device, _ = enrol_with_codes(colleague)
    challenge = challenge_for(api_client, colleague)
    # The enrolment used this step's code: the next step's (within the drift allowed) signs in.
    code = totp_now(device, offset_steps=1)
    pair = api_client.post(TOKEN_2FA, {"challenge": challenge, "code": code}).json()
    mfa.mfa_reset(user=colleague, actor=enrolled_admin)
    assert not colleague.totpdevice_set.exists()
    assert not colleague.mfa_recovery_codes.exists()
    entry = AuditEntry.objects.get(action="mfa.reset")
    assert entry.actor_id == enrolled_admin.pk
    assert entry.target_id == str(colleague.pk)
    assert entry.changes["mfa_enrolled"] == [True, False]
    assert_problem(api_client.post(REFRESH, {"refresh": pair["refresh"]}), 401)
    assert_problem(
        api_client.post(TOKEN, {"email": colleague.email, "password": TEST_PASSWORD}),
        403,
        "mfa_enrolment_required",
    )


def test_only_an_administrator_can_reset_a_second_factor(enrolled_admin, b2c_user):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        mfa.mfa_reset(user=enrolled_admin, actor=b2c_user)
    assert enrolled_admin.totpdevice_set.exists()

"""JWT login (with django-axes lockout), refresh rotation, logout, and refused tokens."""

from datetime import timedelta

import jwt
import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from accounts.tests.factories import TEST_PASSWORD, UserFactory
from accounts.tests.helpers import assert_problem

pytestmark = pytest.mark.django_db

TOKEN = reverse("v1:accounts:token")
REFRESH = reverse("v1:accounts:token-refresh")
LOGOUT = reverse("v1:accounts:logout")
ME = reverse("v1:accounts:me")


def login(client, email, password=TEST_PASSWORD, **extra):
    return client.post(TOKEN, {"email": email, "password": password}, format="json", **extra)


def me_with(token: str):
    return APIClient().get(ME, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_login_returns_a_pair_whose_access_token_opens_me(api_client, b2c_user):
    response = login(api_client, b2c_user.email)
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"access", "refresh"}
    assert me_with(body["access"]).json()["email"] == b2c_user.email
    b2c_user.refresh_from_db()
    assert b2c_user.last_login is not None


def test_access_token_lives_ten_minutes_and_is_hs256(api_client, b2c_user):
    access = login(api_client, b2c_user.email).json()["access"]
    header = jwt.get_unverified_header(access)
    claims = jwt.decode(access, options={"verify_signature": False})
    assert header["alg"] == "HS256"
    assert claims["exp"] - claims["iat"] == 600


def test_login_email_is_case_insensitive(api_client, b2c_user):
    assert login(api_client, b2c_user.email.upper()).status_code == 200


@pytest.mark.parametrize("email", ["nobody@example.com", None])
def test_wrong_credentials_are_a_401_problem(api_client, b2c_user, email):
    response = login(api_client, email or b2c_user.email, password="not-the-password")
    assert_problem(response, 401, "invalid_credentials")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_deactivated_account_cannot_log_in(api_client, b2c_user):
    b2c_user.is_active = False
    b2c_user.save()
    assert_problem(login(api_client, b2c_user.email), 401, "invalid_credentials")


def test_failed_logins_are_counted_by_axes(api_client, b2c_user):
    for _ in range(3):
        login(api_client, b2c_user.email, password="wrong-password-1")
    attempt = AccessAttempt.objects.get(username=b2c_user.email)
    assert attempt.failures_since_start == 3


def test_account_is_locked_after_five_failures_even_with_the_right_password(api_client, b2c_user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert_problem(login(api_client, b2c_user.email, password="wrong-1"), 401)
    # The attempt that reaches the limit is already answered as a lockout.
    assert_problem(login(api_client, b2c_user.email, password="wrong-1"), 429, "account_locked")
    response = login(api_client, b2c_user.email)  # right password
    body = assert_problem(response, 429, "account_locked")
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert body["retry_after"] == int(response["Retry-After"])
    assert "access" not in body


def test_lockout_follows_the_account_whatever_the_case_of_the_email(api_client, b2c_user):
    for n in range(settings.AXES_FAILURE_LIMIT):
        email = b2c_user.email.upper() if n % 2 else b2c_user.email
        login(api_client, email, password="wrong-1", REMOTE_ADDR="10.0.0.1")
    response = login(api_client, b2c_user.email, REMOTE_ADDR="10.0.0.1")
    assert_problem(response, 429, "account_locked")
    # Locked for that client only: from another address the owner logs in.
    assert login(api_client, b2c_user.email, REMOTE_ADDR="10.0.1.1").status_code == 200


def test_client_address_is_locked_after_failures_on_many_accounts(api_client, b2c_user, settings):
    settings.AXES_CLIENT_FAILURE_LIMIT = 6
    for n in range(settings.AXES_CLIENT_FAILURE_LIMIT):
        login(api_client, f"guess{n}@example.com", password="wrong-1", REMOTE_ADDR="10.9.9.9")
    assert_problem(login(api_client, b2c_user.email, REMOTE_ADDR="10.9.9.9"), 429, "account_locked")
    # The account itself is not locked: from another address it logs in.
    assert login(api_client, b2c_user.email, REMOTE_ADDR="10.8.8.8").status_code == 200


def test_a_successful_login_resets_the_failure_count(api_client, b2c_user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(api_client, b2c_user.email, password="wrong-1")
    assert login(api_client, b2c_user.email).status_code == 200
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(api_client, b2c_user.email, password="wrong-1")
    assert login(api_client, b2c_user.email).status_code == 200


def test_an_older_pbkdf2_hash_is_upgraded_to_argon2_on_login(api_client, b2c_user):
    b2c_user.password = make_password(TEST_PASSWORD, hasher="pbkdf2_sha256")
    b2c_user.save()
    assert b2c_user.password.startswith("pbkdf2_sha256$")
    assert login(api_client, b2c_user.email).status_code == 200
    b2c_user.refresh_from_db()
    assert b2c_user.password.startswith("argon2$")
    assert b2c_user.check_password(TEST_PASSWORD)


def test_token_endpoint_is_throttled(api_client, b2c_user):
    for _ in range(10):
        assert login(api_client, b2c_user.email).status_code == 200
    response = login(api_client, b2c_user.email)
    assert_problem(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0


def test_token_endpoint_ignores_a_stale_bearer_header(api_client, b2c_user):
    response = login(api_client, b2c_user.email, HTTP_AUTHORIZATION="Bearer expired.or.junk")
    assert response.status_code == 200


# --- refresh and logout ---------------------------------------------------------------------


def test_refresh_rotates_and_the_old_refresh_token_is_refused(api_client, b2c_user):
    first = login(api_client, b2c_user.email).json()
    rotated = api_client.post(REFRESH, {"refresh": first["refresh"]}, format="json")
    assert rotated.status_code == 200, rotated.content
    second = rotated.json()
    assert second["refresh"] != first["refresh"]
    assert me_with(second["access"]).status_code == 200
    reuse = api_client.post(REFRESH, {"refresh": first["refresh"]}, format="json")
    body = assert_problem(reuse, 401, "token_not_valid")
    assert "blacklisted" in body["detail"]
    assert (
        api_client.post(REFRESH, {"refresh": second["refresh"]}, format="json").status_code == 200
    )


def test_refresh_for_a_deactivated_user_is_refused(api_client, b2c_user):
    pair = login(api_client, b2c_user.email).json()
    b2c_user.is_active = False
    b2c_user.save()
    assert_problem(
        api_client.post(REFRESH, {"refresh": pair["refresh"]}, format="json"),
        401,
        "account_inactive",
    )


def test_logout_blacklists_the_refresh_token(api_client, b2c_user):
    pair = login(api_client, b2c_user.email).json()
    response = api_client.post(LOGOUT, {"refresh": pair["refresh"]}, format="json")
    assert response.status_code == 204
    assert_problem(
        api_client.post(REFRESH, {"refresh": pair["refresh"]}, format="json"),
        401,
        "token_not_valid",
    )
    assert_problem(api_client.post(LOGOUT, {"refresh": pair["refresh"]}, format="json"), 401)


def test_an_access_token_is_not_accepted_as_a_refresh_token(api_client, b2c_user):
    pair = login(api_client, b2c_user.email).json()
    assert_problem(
        api_client.post(REFRESH, {"refresh": pair["access"]}, format="json"), 401, "token_not_valid"
    )


def test_a_refresh_token_is_not_accepted_as_an_access_token(b2c_user):
    refresh = str(RefreshToken.for_user(b2c_user))
    assert_problem(me_with(refresh), 401)


# --- forged, expired, alg:none --------------------------------------------------------------


def _claims(user) -> dict:
    return dict(AccessToken.for_user(user).payload)


def test_forged_signature_is_a_401(b2c_user):
    token = jwt.encode(_claims(b2c_user), "not-the-signing-key-at-all-000000", algorithm="HS256")
    assert_problem(me_with(token), 401, "token_not_valid")


def test_alg_none_token_is_a_401(b2c_user):
    token = jwt.encode(_claims(b2c_user), key=None, algorithm="none")
    assert jwt.get_unverified_header(token)["alg"] == "none"
    assert_problem(me_with(token), 401, "token_not_valid")


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_token_signed_with_another_algorithm_is_a_401(b2c_user):
    key = settings.SIMPLE_JWT["SIGNING_KEY"]  # the right key, but HS512 is not the pinned HS256
    token = jwt.encode(_claims(b2c_user), key, algorithm="HS512")
    assert_problem(me_with(token), 401, "token_not_valid")


def test_expired_access_token_is_a_401(b2c_user):
    token = AccessToken.for_user(b2c_user)
    token.set_exp(from_time=timezone.now() - timedelta(hours=1))
    assert_problem(me_with(str(token)), 401, "token_not_valid")


def test_tampered_claims_are_a_401(b2c_user):
    other = UserFactory()
    header, _payload, signature = str(AccessToken.for_user(b2c_user)).split(".")
    forged_payload = jwt.encode(_claims(other), "x" * 32).split(".")[1]
    assert_problem(me_with(f"{header}.{forged_payload}.{signature}"), 401, "token_not_valid")


def test_expired_refresh_token_is_refused(api_client, b2c_user):
    token = RefreshToken.for_user(b2c_user)
    token.set_exp(from_time=timezone.now() - timedelta(days=30))
    assert_problem(
        api_client.post(REFRESH, {"refresh": str(token)}, format="json"), 401, "token_not_valid"
    )


def test_garbage_refresh_token_is_refused(api_client):
    assert_problem(api_client.post(REFRESH, {"refresh": "abc.def.ghi"}, format="json"), 401)


def _age_blacklisting(refresh: str, seconds: int) -> None:
    from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken

    jti = jwt.decode(refresh, options={"verify_signature": False})["jti"]
    BlacklistedToken.objects.filter(token__jti=jti).update(
        blacklisted_at=timezone.now() - timedelta(seconds=seconds)
    )


def test_replaying_a_rotated_refresh_token_revokes_every_session(api_client, b2c_user):
    """Someone replays a refresh token its owner rotated a while ago: a copy was taken. Every
    refresh token of the account stops working, the successor and other devices' included."""
    stolen = login(api_client, b2c_user.email).json()["refresh"]
    successor = api_client.post(REFRESH, {"refresh": stolen}, format="json").json()["refresh"]
    other_device = login(APIClient(), b2c_user.email).json()["refresh"]
    _age_blacklisting(stolen, settings.ACCOUNTS_REFRESH_REUSE_GRACE_SECONDS + 1)

    assert_problem(
        api_client.post(REFRESH, {"refresh": stolen}, format="json"), 401, "token_not_valid"
    )
    for refresh in (successor, other_device):
        assert_problem(
            api_client.post(REFRESH, {"refresh": refresh}, format="json"), 401, "token_not_valid"
        )
    assert login(APIClient(), b2c_user.email).status_code == 200  # the owner logs in again


def test_a_quick_retry_of_a_rotated_token_is_refused_without_revoking(api_client, b2c_user):
    first = login(api_client, b2c_user.email).json()["refresh"]
    successor = api_client.post(REFRESH, {"refresh": first}, format="json").json()["refresh"]
    _age_blacklisting(first, settings.ACCOUNTS_REFRESH_REUSE_GRACE_SECONDS - 5)
    assert_problem(api_client.post(REFRESH, {"refresh": first}, format="json"), 401)
    assert api_client.post(REFRESH, {"refresh": successor}, format="json").status_code == 200


def test_a_forged_replay_revokes_nothing(api_client, b2c_user):
    first = login(api_client, b2c_user.email).json()["refresh"]
    successor = api_client.post(REFRESH, {"refresh": first}, format="json").json()["refresh"]
    _age_blacklisting(first, 3600)
    claims = jwt.decode(first, options={"verify_signature": False})
    forged = jwt.encode(claims, "not-the-signing-key-0123456789abcdef", algorithm="HS256")
    assert_problem(api_client.post(REFRESH, {"refresh": forged}, format="json"), 401)
    assert api_client.post(REFRESH, {"refresh": successor}, format="json").status_code == 200

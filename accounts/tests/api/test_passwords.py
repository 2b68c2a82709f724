"""Password change, and reset by e-mail (single-use, expiring link)."""

import re
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.tests.factories import TEST_PASSWORD
from accounts.tests.helpers import assert_problem, error_fields

pytestmark = pytest.mark.django_db

CHANGE = reverse("v1:accounts:password-change")
RESET = reverse("v1:accounts:password-reset")
CONFIRM = reverse("v1:accounts:password-reset-confirm")
TOKEN = reverse("v1:accounts:token")
REFRESH = reverse("v1:accounts:token-refresh")
ME = reverse("v1:accounts:me")
NEW = "new-Barrel-Stave-77"


def bearer(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def reset_link_from(mailbox, email: str) -> dict[str, str]:
    message = mailbox.wait_for(1) and mailbox.to(email)[-1]
    text = message.get_body(("plain",)).get_content()
    url = re.search(r"https?://\S+reset-password\S+", text).group(0)
    query = parse_qs(urlparse(url).query)
    return {"uid": query["uid"][0], "token": query["token"][0]}


# --- change ---------------------------------------------------------------------------------


def test_password_change_returns_new_tokens_and_ends_other_sessions(b2c_user):
    old = RefreshToken.for_user(b2c_user)
    old_access = str(old.access_token)
    response = bearer(old_access).post(
        CHANGE, {"current_password": TEST_PASSWORD, "new_password": NEW}, format="json"
    )
    assert response.status_code == 200, response.content
    fresh = response.json()
    b2c_user.refresh_from_db()
    assert b2c_user.check_password(NEW)
    assert b2c_user.password.startswith("argon2")
    assert_problem(bearer(old_access).get(ME), 401)  # the old access token is revoked
    assert_problem(APIClient().post(REFRESH, {"refresh": str(old)}, format="json"), 401)
    assert bearer(fresh["access"]).get(ME).status_code == 200


def test_password_change_with_a_wrong_current_password_changes_nothing(client_for, b2c_user):
    response = client_for(b2c_user).post(
        CHANGE, {"current_password": "wrong", "new_password": NEW}, format="json"
    )
    body = assert_problem(response, 400, "wrong_password")
    assert error_fields(body) == {"current_password": "wrong_password"}
    b2c_user.refresh_from_db()
    assert b2c_user.check_password(TEST_PASSWORD)


def test_password_change_to_a_weak_password_lists_the_validator_messages(client_for, b2c_user):
    response = client_for(b2c_user).post(
        CHANGE, {"current_password": TEST_PASSWORD, "new_password": "123"}, format="json"
    )
    body = assert_problem(response, 400)
    codes = {e["code"] for e in body["errors"] if e["field"] == "new_password"}
    assert {"password_too_short", "password_entirely_numeric"} <= codes
    b2c_user.refresh_from_db()
    assert b2c_user.check_password(TEST_PASSWORD)


def test_password_change_needs_authentication(api_client):
    assert_problem(
        api_client.post(CHANGE, {"current_password": "a", "new_password": NEW}, format="json"), 401
    )


# --- reset ----------------------------------------------------------------------------------


def test_reset_sends_a_link_that_sets_the_password_once(
    api_client, b2c_user, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(RESET, {"email": b2c_user.email.upper()}, format="json")
    assert response.status_code == 202
    message = mailbox.wait_for(1)[0]
    assert "reset" in message["Subject"].lower()
    assert message.get_body(("html",)) is not None
    link = reset_link_from(mailbox, b2c_user.email)

    response = api_client.post(CONFIRM, {**link, "new_password": NEW}, format="json")
    assert response.status_code == 204, response.content
    b2c_user.refresh_from_db()
    assert b2c_user.check_password(NEW)
    assert b2c_user.email_confirmed  # following the mailed link proved the address

    again = api_client.post(
        CONFIRM, {**link, "new_password": "another-Good-pass-88"}, format="json"
    )
    body = assert_problem(again, 400, "password_reset_link_invalid")
    assert body["errors"][0]["code"] == "password_reset_link_invalid"
    b2c_user.refresh_from_db()
    assert b2c_user.check_password(NEW)


def test_reset_for_an_unknown_address_answers_the_same_and_sends_nothing(
    api_client, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = api_client.post(RESET, {"email": "ghost@example.com"}, format="json")
    assert response.status_code == 202
    assert callbacks == []
    assert mailbox.messages == []


class PastTokenGenerator(PasswordResetTokenGenerator):
    def _now(self):
        return datetime.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)


def test_an_expired_reset_link_is_refused(api_client, b2c_user):
    link = {
        "uid": urlsafe_base64_encode(force_bytes(b2c_user.pk)),
        "token": PastTokenGenerator().make_token(b2c_user),
    }
    body = assert_problem(
        api_client.post(CONFIRM, {**link, "new_password": NEW}, format="json"), 400
    )
    assert body["errors"][0]["code"] == "password_reset_link_invalid"
    b2c_user.refresh_from_db()
    assert b2c_user.check_password(TEST_PASSWORD)


@pytest.mark.parametrize(
    ("uid", "token"),
    [
        ("bm90LWEtbnVtYmVy", "abc-def"),
        ("!!!", "x"),
        ("MTIzNDU2Nzg5", "abc-def"),
    ],
)
def test_forged_reset_links_are_refused(api_client, b2c_user, uid, token):
    response = api_client.post(
        CONFIRM, {"uid": uid, "token": token, "new_password": NEW}, format="json"
    )
    assert_problem(response, 400)
    b2c_user.refresh_from_db()
    assert b2c_user.check_password(TEST_PASSWORD)


def test_reset_with_a_weak_password_keeps_the_link_usable(api_client, b2c_user):
    link = {
        "uid": urlsafe_base64_encode(force_bytes(b2c_user.pk)),
        "token": PasswordResetTokenGenerator().make_token(b2c_user),
    }
    body = assert_problem(
        api_client.post(CONFIRM, {**link, "new_password": "short"}, format="json"), 400
    )
    assert "new_password" in error_fields(body)
    assert api_client.post(CONFIRM, {**link, "new_password": NEW}, format="json").status_code == 204


def test_reset_unlocks_a_locked_account(api_client, b2c_user, django_capture_on_commit_callbacks):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api_client.post(
            TOKEN,
            {"email": b2c_user.email, "password": "bad"},
            format="json",
            REMOTE_ADDR="10.1.1.1",
        )
    assert AccessAttempt.objects.filter(username=b2c_user.email).exists()
    link = {
        "uid": urlsafe_base64_encode(force_bytes(b2c_user.pk)),
        "token": PasswordResetTokenGenerator().make_token(b2c_user),
    }
    with django_capture_on_commit_callbacks(execute=True):
        api_client.post(CONFIRM, {**link, "new_password": NEW}, format="json")
    response = api_client.post(
        TOKEN, {"email": b2c_user.email, "password": NEW}, format="json", REMOTE_ADDR="10.2.2.2"
    )
    assert response.status_code == 200, response.content


def test_reset_request_is_throttled(api_client, b2c_user):
    for _ in range(5):
        assert api_client.post(RESET, {"email": b2c_user.email}, format="json").status_code == 202
    response = api_client.post(RESET, {"email": b2c_user.email}, format="json")
    assert_problem(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0

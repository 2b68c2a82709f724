"""E-mail confirmation links, and changing the login e-mail (password + link to the new one)."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import signing
from django.urls import reverse

from accounts.services.emails import EMAIL_TOKEN_SALT, email_token_make
from accounts.tests.factories import TEST_PASSWORD, UserFactory
from accounts.tests.helpers import assert_problem, error_fields

pytestmark = pytest.mark.django_db

CONFIRM = reverse("v1:accounts:email-confirm")
ME = reverse("v1:accounts:me")
ME_EMAIL = reverse("v1:accounts:me-email")


def token_from(message) -> str:
    text = message.get_body(("plain",)).get_content()
    url = re.search(r"https?://\S+confirm-email\S+", text).group(0)
    return parse_qs(urlparse(url).query)["token"][0]


def test_welcome_link_confirms_the_address(api_client, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        api_client.post(
            reverse("v1:accounts:register"),
            {"email": "new@example.com", "password": "barrel-Oak-2026-smoky"},
            format="json",
        )
    token = token_from(mailbox.wait_for(1)[0])
    response = api_client.post(CONFIRM, {"token": token}, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {"email": "new@example.com", "email_confirmed": True}


def test_forged_confirmation_token_is_refused(api_client, b2c_user):
    token = email_token_make(user=b2c_user)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    body = assert_problem(api_client.post(CONFIRM, {"token": forged}, format="json"), 400)
    assert body["errors"][0]["code"] == "email_confirmation_invalid"
    b2c_user.refresh_from_db()
    assert not b2c_user.email_confirmed


class OldSigner(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(__import__("time").time()) - 30 * 24 * 3600)


def test_expired_confirmation_token_is_refused(api_client, b2c_user):
    token = email_token_make(user=b2c_user, signer=OldSigner(salt=EMAIL_TOKEN_SALT))
    assert_problem(api_client.post(CONFIRM, {"token": token}, format="json"), 400)
    b2c_user.refresh_from_db()
    assert not b2c_user.email_confirmed


def test_email_cannot_change_through_patch_me(client_for, b2c_user):
    body = assert_problem(
        client_for(b2c_user).patch(ME, {"email": "x@example.com"}, format="json"), 400
    )
    assert error_fields(body) == {"email": "field_not_allowed"}
    assert "/v1/me/email" in body["errors"][0]["message"]
    b2c_user.refresh_from_db()
    assert b2c_user.email != "x@example.com"


def test_email_change_needs_the_current_password(
    client_for, b2c_user, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(b2c_user).post(
            ME_EMAIL, {"new_email": "moved@example.com", "current_password": "wrong"}, format="json"
        )
    body = assert_problem(response, 400)
    assert error_fields(body) == {"current_password": "wrong_password"}
    assert mailbox.messages == []


def test_email_change_is_confirmed_from_the_new_mailbox(
    client_for, api_client, b2c_user, mailbox, django_capture_on_commit_callbacks
):
    old_email = b2c_user.email
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(b2c_user).post(
            ME_EMAIL,
            {"new_email": "Moved@Example.com", "current_password": TEST_PASSWORD},
            format="json",
        )
    assert response.status_code == 202, response.content
    b2c_user.refresh_from_db()
    assert b2c_user.email == old_email  # nothing changes before the link is followed
    message = mailbox.wait_for(1)[0]
    assert "moved@example.com" in message["X-Envelope-To"]
    token = token_from(message)

    response = api_client.post(CONFIRM, {"token": token}, format="json")
    assert response.status_code == 200
    b2c_user.refresh_from_db()
    assert b2c_user.email == "moved@example.com"
    assert b2c_user.email_confirmed
    # The link is spent: the address it was made for has changed.
    assert_problem(api_client.post(CONFIRM, {"token": token}, format="json"), 400)


def test_email_change_to_a_taken_address_is_a_409(client_for, b2c_user):
    UserFactory(email="taken@example.com")
    response = client_for(b2c_user).post(
        ME_EMAIL,
        {"new_email": "TAKEN@example.com", "current_password": TEST_PASSWORD},
        format="json",
    )
    assert_problem(response, 409, "email_taken")


def test_address_taken_between_request_and_confirmation_is_a_409(api_client, b2c_user):
    token = email_token_make(user=b2c_user, email="late@example.com")
    UserFactory(email="late@example.com")
    assert_problem(api_client.post(CONFIRM, {"token": token}, format="json"), 409, "email_taken")
    b2c_user.refresh_from_db()
    assert b2c_user.email != "late@example.com"


RESEND = reverse("v1:accounts:email-confirm-resend")


def test_a_lost_confirmation_link_can_be_sent_again(
    client_for, api_client, b2c_user, mailbox, django_capture_on_commit_callbacks
):
    assert not b2c_user.email_confirmed
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(b2c_user).post(RESEND)
    assert response.status_code == 202, response.content
    assert b2c_user.email in response.json()["detail"]
    message = mailbox.wait_for(1)[0]
    assert b2c_user.email in message["X-Envelope-To"]
    confirmed = api_client.post(CONFIRM, {"token": token_from(message)}, format="json")
    assert confirmed.status_code == 200, confirmed.content
    assert confirmed.json() == {"email": b2c_user.email, "email_confirmed": True}


def test_resending_for_a_confirmed_address_is_a_409_and_mails_nothing(
    client_for, b2c_user, mailbox, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    b2c_user.email_confirmed_at = timezone.now()
    b2c_user.save(update_fields=["email_confirmed_at"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(b2c_user).post(RESEND)
    assert_problem(response, 409, "email_already_confirmed")
    assert callbacks == []
    assert mailbox.messages == []


def test_resending_needs_a_login_and_is_throttled(api_client, client_for, b2c_user, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    assert_problem(api_client.post(RESEND), 401)
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "email_resend", "2/min")
    client = client_for(b2c_user)
    assert [client.post(RESEND).status_code for _ in range(3)] == [202, 202, 429]

"""POST /v1/contact-messages: stored, e-mailed to staff, rate limited, bots silently dropped."""

import pytest

from cms_pages.models import ContactMessage
from cms_pages.services import contact_message_notify_staff

pytestmark = pytest.mark.django_db

URL = "/v1/contact-messages"
VALID = {
    "name": "Hamish MacLeod",
    "email": "hamish@glen-distillers.example",
    "company": "Glen Distillers Ltd",
    "topic": "b2b",
    "message": "We need 40 ex-sherry butts for a finishing programme. Can you quote CIF Leith?",
}


def test_valid_message_is_stored_and_emailed_to_staff(
    api_client, mailbox, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFICATION_EMAILS = ["sales@vwb.example", "ops@vwb.example"]
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(URL, VALID, format="json")
    assert response.status_code == 202
    assert response.json() == {"status": "received"}

    stored = ContactMessage.objects.get()
    assert (stored.name, stored.email, stored.topic) == (
        "Hamish MacLeod",
        "hamish@glen-distillers.example",
        "b2b",
    )
    [email] = mailbox.wait_for(1)
    assert email["X-Envelope-To"] == "sales@vwb.example, ops@vwb.example"
    assert email["Subject"] == "[Contact] Business (B2B) purchase: Hamish MacLeod"
    assert email["Reply-To"] == "hamish@glen-distillers.example"
    assert "40 ex-sherry butts" in email.get_content()
    stored.refresh_from_db()
    assert stored.notified_at is not None


def test_notifying_twice_sends_one_email(mailbox, django_capture_on_commit_callbacks, api_client):
    with django_capture_on_commit_callbacks(execute=True):
        api_client.post(URL, VALID, format="json")
    mailbox.wait_for(1)
    assert contact_message_notify_staff(contact_message_id=ContactMessage.objects.get().pk) is False
    assert len(mailbox.messages) == 1


def test_filled_honeypot_answers_like_success_but_stores_and_sends_nothing(
    api_client, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = api_client.post(
            URL, {**VALID, "website": "http://cheap-pills.example"}, format="json"
        )
    assert response.status_code == 202
    assert response.json() == {"status": "received"}
    assert callbacks == []
    assert ContactMessage.objects.count() == 0
    assert mailbox.messages == []


@pytest.mark.parametrize(
    ("payload", "field", "code"),
    [
        ({k: v for k, v in VALID.items() if k != "email"}, "email", "required"),
        ({k: v for k, v in VALID.items() if k != "message"}, "message", "required"),
        ({**VALID, "email": "not-an-email"}, "email", "invalid"),
        ({**VALID, "topic": "lottery"}, "topic", "invalid_choice"),
        ({**VALID, "message": "x" * 5001}, "message", "max_length"),
        ({**VALID, "name": "n" * 121}, "name", "max_length"),
        ({**VALID, "name": "Eve\r\nBcc: victim@example.com"}, "name", "invalid"),
        ({**VALID, "message": ""}, "message", "blank"),
    ],
)
def test_bad_input_is_a_400_problem_and_nothing_is_stored_or_sent(
    api_client, mailbox, django_capture_on_commit_callbacks, payload, field, code
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = api_client.post(URL, payload, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "validation_error"
    assert {"field": field, "code": code} in [
        {"field": e["field"], "code": e["code"]} for e in body["errors"]
    ]
    assert callbacks == []
    assert ContactMessage.objects.count() == 0
    assert mailbox.messages == []


def test_malformed_json_is_a_400_problem(api_client):
    response = api_client.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "malformed_request"


def test_contact_form_is_rate_limited_per_client(api_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        statuses = [api_client.post(URL, VALID, format="json").status_code for _ in range(6)]
    assert statuses == [202] * 5 + [429]
    assert ContactMessage.objects.count() == 5

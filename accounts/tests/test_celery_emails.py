"""The welcome e-mail goes through a real Celery worker to the real test SMTP server."""

import pytest
from django.urls import reverse


@pytest.mark.usefixtures("celery_worker")
def test_registration_welcome_email_is_sent_by_the_worker(api_client, mailbox):
    response = api_client.post(
        reverse("v1:accounts:register"),
        {"email": "worker@example.com", "password": "barrel-Oak-2026-smoky", "first_name": "Wendy"},
        format="json",
    )
    assert response.status_code == 201, response.content
    message = mailbox.wait_for(1, timeout=30)[0]
    assert "worker@example.com" in message["X-Envelope-To"]
    assert "confirm-email?token=" in message.get_body(("plain",)).get_content()
    assert "Hello Wendy" in message.get_body(("html",)).get_content()

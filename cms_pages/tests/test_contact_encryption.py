"""Contact messages hold a visitor's free text and phone number: encrypted at rest."""

import pytest
from django.db import connection

from cms_pages.models import ContactMessage
from vwb_site.core.crypto import is_encrypted

pytestmark = pytest.mark.django_db

PHONE = "+33 6 12 34 56 78"
TEXT = "I live at 4 rue Lafayette, Cognac; please call me about the sherry butts."


def test_contact_message_text_and_phone_are_stored_encrypted(api_client):
    response = api_client.post(
        "/v1/contact-messages",
        {
            "name": "Louise Girard",
            "email": "louise@example.com",
            "phone": PHONE,
            "topic": "general",
            "message": TEXT,
        },
        format="json",
    )
    assert response.status_code == 202, response.content
    stored = ContactMessage.objects.get()
    assert (stored.message, stored.phone) == (TEXT, PHONE)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT message, phone FROM cms_pages_contactmessage WHERE id = %s", [stored.pk]
        )
        raw_message, raw_phone = cursor.fetchone()
    assert "Lafayette" not in raw_message and is_encrypted(raw_message)
    assert "34 56" not in raw_phone and is_encrypted(raw_phone)

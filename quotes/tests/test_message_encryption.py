"""Quote messages and notes are free text buyers and staff write: encrypted at rest."""

import pytest
from django.db import connection

from quotes.models import Quote, QuoteMessage
from quotes.services.actions import quote_message_add
from quotes.tests.factories import request_quote
from vwb_site.core.crypto import is_encrypted

pytestmark = pytest.mark.django_db

BODY = "Call me on +49 170 1234567 before delivery, ask for Jonas Keller."


def test_a_quote_message_is_stored_encrypted_and_read_back_in_clear(b2b_user, barrel):
    quote = request_quote(user=b2b_user, barrel=barrel)
    message = quote_message_add(quote=quote, author=b2b_user, body=BODY)
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM quotes_quotemessage WHERE id = %s", [message.pk])
        raw = cursor.fetchone()[0]
    assert BODY not in raw and "Keller" not in raw and is_encrypted(raw)
    assert QuoteMessage.objects.get(pk=message.pk).body == BODY


def test_a_quotes_notes_are_stored_encrypted(b2b_user, barrel):
    quote = request_quote(user=b2b_user, barrel=barrel)  # notes "Dock 4."
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM quotes_quote WHERE id = %s", [quote.pk])
        raw = cursor.fetchone()[0]
    assert "Dock" not in raw and is_encrypted(raw)
    assert Quote.objects.get(pk=quote.pk).notes == "Dock 4."

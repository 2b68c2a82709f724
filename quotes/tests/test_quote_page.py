"""The quote page and the queue of the admin (#21 item 2)."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalog.tests.factories import BarrelFactory
from quotes.admin.page import request_age
from quotes.models import Quote, QuoteMessage
from quotes.services.actions import quote_message_add, quote_request_changes
from quotes.services.requests import quote_request_create
from quotes.services.versions import quote_version_send
from quotes.tests.factories import request_quote, send_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(admin):
    client = Client()
    client.force_login(admin)
    return client


def _page(client, quote) -> str:
    response = client.get(reverse("quotes_admin:detail", args=[quote.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_each_version_stands_next_to_the_previous_one(staff, approved_quote, admin, barrel):
    quote_request_changes(quote=approved_quote, user=approved_quote.user, message="Less, please.")
    send_offer(quote=approved_quote, admin=admin, barrel=barrel, unit_price="230.00", freight="90")
    html = _page(staff, approved_quote)
    versions = re.findall(r'data-version="(\d+)"', html)
    assert versions == ["2", "1"]  # newest first
    second = html[html.index('data-version="2"') : html.index('data-version="1"')]
    assert "Version 1" in second and "250.00" in second and "230.00" in second
    assert 'data-changed="unit_price"' in second and 'data-changed="freight_amount"' in second
    first = html[html.index('data-version="1"') :]
    assert "Request" in first
    for number in (1, 2):
        assert reverse("quotes_admin:pdf", args=[approved_quote.pk, number]) in html


def test_the_send_form_starts_from_the_last_version(staff, approved_quote, admin, barrel):
    quote_request_changes(quote=approved_quote, user=approved_quote.user, message="Again.")
    html = _page(staff, approved_quote)
    assert 'data-quote-action="send"' in html and 'id="quote-send-dialog"' in html
    form = html[html.index("data-send-offer-form") :]
    assert 'name="lines-0-unit_price" value="250.00"' in form
    assert 'name="lines-0-discount_percent" value="10.00"' in form
    assert f'value="{barrel.slug}" selected' in form


def test_the_version_pdf_opens(staff, approved_quote):
    response = staff.get(reverse("quotes_admin:pdf", args=[approved_quote.pk, 1]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_staff_reply_in_the_thread(staff, approved_quote, admin):
    quote_message_add(quote=approved_quote, author=approved_quote.user, body="Can you ship in May?")
    html = _page(staff, approved_quote)
    assert "Can you ship in May?" in html and "data-reply-form" in html
    response = staff.post(
        reverse("quotes_admin:detail", args=[approved_quote.pk]), {"body": "Yes, early May."}
    )
    assert response.status_code == 302
    reply = QuoteMessage.objects.filter(quote=approved_quote).order_by("-created_at").first()
    assert reply.body == "Yes, early May." and reply.from_staff and reply.author == admin


def test_holds_and_validity_are_shown(staff, pending_quote, admin, barrel):
    send_offer(quote=pending_quote, admin=admin, barrel=barrel, holds_stock=True, days=10)
    html = _page(staff, pending_quote)
    validity = html[html.index("data-quote-validity") :]
    assert f"2 × {barrel.name}" in validity
    assert (timezone.localdate() + timedelta(days=10)).isoformat() in validity


def test_the_queue_filters_and_shows_the_age(staff, b2b_user, barrel, admin):
    old = request_quote(user=b2b_user, barrel=barrel)
    Quote.objects.filter(pk=old.pk).update(request_date=timezone.now() - timedelta(days=3, hours=2))
    new = request_quote(user=b2b_user, barrel=barrel, country="DE", postcode="55116")
    offered = request_quote(user=b2b_user, barrel=barrel)
    send_offer(quote=offered, admin=admin, barrel=barrel)
    url = reverse("quotes_admin:queue")

    def listed(**params) -> list[str]:
        html = staff.get(url, params).content.decode()
        return [q.number for q in (old, new, offered) if q.number in html]

    html = staff.get(url).content.decode()
    assert html.index(old.number) < html.index(new.number)  # oldest first
    assert "3 d 2 h" in html
    assert listed() == [old.number, new.number]
    assert listed(status="approved") == [offered.number]
    assert listed(status="all") == [old.number, new.number, offered.number]
    assert listed(destination_country="DE") == [new.number]
    assert listed(q=offered.number) == [offered.number]


def test_request_age_reads_in_days_hours_minutes(pending_quote):
    pending_quote.request_date = timezone.now() - timedelta(minutes=45, seconds=5)
    assert request_age(pending_quote) == "45 min"
    pending_quote.request_date = timezone.now() - timedelta(hours=5, minutes=3)
    assert request_age(pending_quote) == "5 h 3 min"


def test_the_quote_page_runs_a_fixed_number_of_queries(staff, b2b_user, admin):
    barrels = [BarrelFactory(stock_quantity=20) for _ in range(4)]
    small = request_quote(user=b2b_user, barrel=barrels[0])
    big = quote_request_create(
        user=b2b_user,
        items=[{"barrel": b.slug, "quantity": 1} for b in barrels],
        text="",
        destination_country="FR",
        destination_postcode="33000",
        desired_delivery_date=None,
        notes="",
    )
    for quote, lines in ((small, barrels[:1]), (big, barrels)):
        for _ in range(2):
            quote_version_send(
                quote=quote,
                actor=admin,
                lines=[{"barrel": b.slug, "quantity": 1} for b in lines],
                valid_until=timezone.localdate() + timedelta(days=7),
                payment_terms="bank_transfer",
                freight_amount=Decimal("50.00"),
                message="",
                holds_stock=True,
            )
            quote_request_changes(quote=quote, user=b2b_user, message="Again")
    _page(staff, small)
    counts = []
    for quote in (small, big):
        with CaptureQueriesContext(connection) as captured:
            _page(staff, quote)
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_a_first_offer_starts_from_the_request(staff, pending_quote, barrel):
    html = _page(staff, pending_quote)
    assert 'data-quote-action="send"' in html and 'data-quote-action="reject"' in html
    form = html[html.index("data-send-offer-form") :]
    assert 'name="lines-0-quantity" value="2"' in form
    assert f'value="{barrel.slug}" selected' in form
    assert "No offer sent yet." in html

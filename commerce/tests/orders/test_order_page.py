"""The order page and the order list of the admin (#21 item 1): status tag, next steps as header
buttons with a form in a dialog each, buyer, lines, VAT per rate, documents, source; the list's
filters, search and CSV export of the filtered list."""

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import AddressFactory, B2BUserFactory
from catalog.tests.factories import BarrelFactory
from commerce.models import Order, OrderDocument, OrderLine
from commerce.tests.factories import order_create, paid_order_create
from quotes.services.acceptance import quote_accept

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(admin):
    client = Client()
    client.force_login(admin)
    return client


def _page(client, order) -> str:
    response = client.get(reverse("commerce_admin_order_detail", args=[order.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _buttons(html: str) -> list[str]:
    return re.findall(r'data-order-action="([a-z-]+)"', html)


def test_next_steps_follow_the_status_and_payment(staff):
    pending_transfer = order_create(payment_method="bank_transfer")
    html = _page(staff, pending_transfer)
    assert _buttons(html) == ["bank-transfer", "cancel"]
    assert 'data-order-status="pending"' in html
    assert 'data-action-form="bank-transfer"' in html and 'id="order-bank-transfer-dialog"' in html
    paid = paid_order_create()
    assert _buttons(_page(staff, paid)) == ["ship", "refund", "cancel"]


def test_the_page_links_the_buyer_company_barrels_and_vat_per_rate(staff):
    buyer = B2BUserFactory(company__legal_name="Weingut Keller")
    order = paid_order_create(
        user=buyer,
        buyer_vat_number="DE136695976",
        tax_breakdown=[
            {"label": "DEMO-0000008", "base": "500.00", "rate": "20.00", "amount": "100.00"},
            {"label": "shipping", "base": "100.00", "rate": "20.00", "amount": "20.00"},
        ],
    )
    html = _page(staff, order)
    assert reverse("accounts_customers:edit", args=[buyer.pk]) in html
    assert reverse("accounts_companies:edit", args=[buyer.company_id]) in html
    assert "Weingut Keller" in html and "Verified" in html and "DE136695976" in html
    barrel = order.lines.get().barrel
    assert reverse("wagtailsnippets_catalog_barrel:edit", args=[barrel.pk]) in html
    assert html.count("data-vat-rate=") == 1
    assert "VAT 20 %" in html and "600.00" in html
    assert ">DEMO-0000008<" not in html and ">shipping<" not in html
    assert "Placed at the storefront" in html


def test_the_page_names_the_quote_it_came_from(staff, approved_quote):
    AddressFactory(
        user=approved_quote.user,
        country="FR",
        zip_code="33000",
        city="Bordeaux",
        is_default_shipping=True,
    )
    order = quote_accept(quote=approved_quote, user=approved_quote.user)
    html = _page(staff, order)
    assert f"Quote {approved_quote.number}" in html
    assert reverse("quotes_admin:detail", args=[approved_quote.pk]) in html


def test_an_action_form_error_comes_back_as_a_message(staff):
    order = paid_order_create()
    url = reverse("commerce_admin_order_refund", args=[order.pk])
    response = staff.post(url, {"refund-amount": "-5"}, follow=True)
    assert "Amount" in response.content.decode()
    order.refresh_from_db()
    assert order.amount_refunded == Decimal("0")


def test_the_list_filters_searches_and_exports_the_filtered_rows(staff):
    fr = paid_order_create()
    de = order_create(
        payment_method="bank_transfer",
        shipping_address={"country": "DE", "city": "Mainz", "street": "x", "zip_code": "1"},
    )
    old = order_create()
    Order.objects.filter(pk=old.pk).update(order_date=timezone.now() - timedelta(days=40))
    index = reverse("commerce_admin_orders")

    def numbers(**params) -> set[str]:
        html = staff.get(index, params).content.decode()
        return {o.number for o in (fr, de, old) if o.number in html}

    assert numbers() == {fr.number, de.number, old.number}
    assert numbers(status="processing") == {fr.number}
    assert numbers(payment_method="bank_transfer") == {fr.number, de.number}
    assert numbers(country="DE") == {de.number}
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert numbers(order_date_from=since) == {fr.number, de.number}
    assert numbers(q=de.number) == {de.number}
    assert numbers(q=fr.customer_email.upper()) == {fr.number}
    response = staff.get(index, {"status": "pending", "export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert sorted(r["Number"] for r in rows) == sorted([de.number, old.number])
    by_number = {r["Number"]: r for r in rows}
    assert by_number[de.number]["Ship-to country"] == "DE"
    assert by_number[de.number]["Total amount"] == str(de.total_amount)


def test_a_manager_cannot_open_orders(manager):
    client = Client()
    client.force_login(manager)
    order = paid_order_create()
    for url in (
        reverse("commerce_admin_orders"),
        reverse("commerce_admin_orders_results"),
        reverse("commerce_admin_order_detail", args=[order.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url


def test_bulk_action_generates_the_invoices_of_the_selected_orders(staff, manager):
    first, second, unselected = paid_order_create(), paid_order_create(), paid_order_create()
    listing = staff.get(reverse("commerce_admin_orders")).content.decode()
    assert "data-bulk-action-checkbox" in listing and "Generate invoices" in listing
    url = reverse("wagtail_bulk_action", args=["commerce", "order", "generate_invoices"])
    query = f"?id={first.pk}&id={second.pk}&next=/admin/commerce/orders/"
    confirm = staff.get(url + query)
    assert confirm.status_code == 200
    assert first.number in confirm.text and second.number in confirm.text
    others = Client()
    others.force_login(manager)
    others.post(url + query)
    assert not OrderDocument.objects.exists()
    response = staff.post(url + query, follow=True)
    assert "2 invoice(s) generated." in response.content.decode()
    assert set(OrderDocument.objects.values_list("order_id", flat=True)) == {first.pk, second.pk}
    assert unselected.pk not in set(OrderDocument.objects.values_list("order_id", flat=True))


def test_the_order_page_runs_a_fixed_number_of_queries(staff):
    small = paid_order_create()
    big = paid_order_create()
    for _ in range(4):
        barrel = BarrelFactory()
        OrderLine.objects.create(
            order=big,
            barrel=barrel,
            sku=barrel.sku,
            name=barrel.name,
            quantity=1,
            unit_price=barrel.price,
            line_total=barrel.price,
            tax_rate=Decimal("20.00"),
            tax_amount=Decimal("1.00"),
        )
    _page(staff, small)  # warm the per-process caches (site, permissions)
    counts = []
    for order in (small, big):
        with CaptureQueriesContext(connection) as captured:
            _page(staff, order)
        counts.append(len(captured))
    # Session and user, the staff member's second-factor device (django-otp), the order with
    # its relations, shipments, documents, source quote, admin menu: 18 whatever the number of
    # lines.
    assert counts == [18, 18], counts

"""Order documents: gap-free numbers, regeneration, text read back, reactions, API access."""

import io

import pytest
from django.db import transaction
from pypdf import PdfReader

from commerce.models import DocumentCounter, OrderDocument, OrderStatus
from commerce.shipping.documents.numbering import document_number_take
from commerce.shipping.documents.services import document_generate
from commerce.shipping.tests.factories import make_order
from commerce.shipping.tracking import shipment_create
from vwb_site.exceptions import ConflictError

pytestmark = pytest.mark.django_db


def text_of(doc: OrderDocument) -> str:
    with doc.file.open("rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_invoice_numbers_are_sequential_per_year_without_gaps():
    numbers = [document_generate(order=make_order(), kind="invoice").number for _ in range(3)]
    assert numbers == ["INV-2026-000001", "INV-2026-000002", "INV-2026-000003"]


def test_a_rolled_back_invoice_gives_its_number_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        assert document_number_take(series="INV", year=2026) == "INV-2026-000001"
        raise RuntimeError("the PDF could not be stored")
    assert document_generate(order=make_order(), kind="invoice").number == "INV-2026-000001"
    assert DocumentCounter.objects.get(series="INV", year=2026).last_value == 1


def test_regenerating_keeps_the_number_and_replaces_the_file():
    order = make_order()
    first = document_generate(order=order, kind="invoice")
    first_name = first.file.name
    again = document_generate(order=order, kind="invoice")
    assert again.pk == first.pk
    assert again.number == first.number
    assert again.generation_count == 2
    assert again.file.name != first_name
    assert OrderDocument.objects.count() == 1


def test_invoice_text_reverse_charge_to_germany():
    order = make_order(country="DE")
    text = text_of(document_generate(order=order, kind="invoice"))
    for expected in [
        "Invoice INV-2026-000001",
        order.number,
        "Vintage Without Borders SAS",
        "FR12345678901",
        "RCS Bordeaux",
        "Weingut Becker GmbH",
        "DE123456789",
        "1,740.00",
        "241.88",
        "Total including VAT 1,981.88 EUR",
        "Art. 138 of Directive 2006/112/EC",
        "Reverse charge",
        "VAT 0 % (reverse charge) 0 1,981.88 0.00",
    ]:
        assert expected in text, expected


def test_invoice_text_domestic_vat_breakdown():
    order = make_order(country="FR")
    text = text_of(document_generate(order=order, kind="invoice"))
    # 1,740.00 goods + 241.88 shipping, VAT 20 %: 348.00 + 48.38 = 396.38; total 2,378.26,
    # stated once per rate (not per line, under the line's SKU or "shipping").
    for expected in [
        "VAT 20 % 20 1,981.88 396.38",
        "Total VAT 396.38",
        "Total including VAT 2,378.26 EUR",
    ]:
        assert expected in text, expected
    assert "Reverse charge" not in text
    assert "shipping 20" not in text and f"{order.lines.get().sku} 20" not in text


def test_packing_list_text_has_pallets_dimensions_and_weights(admin):
    order = make_order(status=OrderStatus.SHIPPED)
    shipment_create(order=order, carrier_code="dhl-freight", tracking_number="JD1", actor=admin)
    text = text_of(document_generate(order=order, kind="packing_list"))
    for expected in [
        "Packing list PL-2026-000001",
        "95.0 x 72.0",
        "45.00 kg",
        "270.00 kg",
        "Pallet 1",
        "Pallet 2",
        "205.00 kg",
        "115.00 kg",
        "Number of packages: 2 pallets",
        "Total gross weight: 320.00 kg",
        "DHL Freight",
        "Tracking number: JD1",
    ]:
        assert expected in text, expected


def test_commercial_invoice_for_the_united_states(settings):
    settings.SHIPPING_INCOTERM = "DAP"
    order = make_order(country="US", status=OrderStatus.SHIPPED, method_code="sea-freight")
    document_generate(order=order, kind="invoice")
    text = text_of(document_generate(order=order, kind="commercial_invoice"))
    for expected in [
        "Commercial invoice CI-2026-000001",
        "Invoice: INV-2026-000001",
        "Incoterm: DAP",
        "Currency: EUR",
        "4416",
        " FR ",
        "270.00 kg",
        "Total gross weight: 320.00 kg",
        "Number of packages: 2 pallets",
        "Total invoice value (DAP) 1,981.88 EUR",
        "EORI: FR12345678901000",
        "Art. 146",
    ]:
        assert expected in text, expected


def test_no_commercial_invoice_inside_the_eu():
    order = make_order(country="DE", status=OrderStatus.SHIPPED)
    with pytest.raises(ConflictError) as caught:
        document_generate(order=order, kind="commercial_invoice")
    assert caught.value.code == "document_not_applicable"
    assert not OrderDocument.objects.exists()


def test_no_documents_for_an_unpaid_order():
    with pytest.raises(ConflictError):
        document_generate(order=make_order(status=OrderStatus.PENDING), kind="invoice")
    assert not DocumentCounter.objects.exists() or (DocumentCounter.objects.get().last_value == 0)

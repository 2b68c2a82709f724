"""Each PDF builder, from plain data: the text read back with pypdf holds numbers and wording."""

import datetime
import io
from decimal import Decimal as D

from pypdf import PdfReader

from commerce.shipping.documents.commercial_invoice import build_commercial_invoice
from commerce.shipping.documents.data import (
    CommercialInvoiceData,
    DocumentLine,
    InvoiceData,
    PackingListData,
    PalletSummary,
    Party,
    VatLine,
)
from commerce.shipping.documents.invoice import build_invoice
from commerce.shipping.documents.packing_list import build_packing_list
from commerce.shipping.documents.wording import EXPORT_EXEMPTION, REVERSE_CHARGE

SELLER = Party(
    "Vintage Without Borders SAS",
    ("12 quai des Chartrons", "33000 Bordeaux", "France"),
    vat_number="FR12345678901",
    eori="FR12345678901000",
    registration="RCS Bordeaux 123 456 789",
)
BUYER = Party(
    "Weingut Becker GmbH", ("Weinstrasse 1", "55116 Mainz", "Germany"), vat_number="DE123456789"
)
LINE = DocumentLine(
    "Bordeaux barrique, French oak",
    "BRL-00001",
    6,
    D("290.00"),
    D("1740.00"),
    D("0"),
    hs_code="4416",
    origin_country="FR",
    volume_liters=225,
    height_cm=D("95.0"),
    diameter_cm=D("72.0"),
    unit_weight_kg=D("45.00"),
)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def squash(text: str) -> str:
    return " ".join(text.split())


def test_invoice_text_has_number_seller_details_totals_and_reverse_charge():
    data = InvoiceData(
        number="INV-2026-000001",
        issued_on=datetime.date(2026, 11, 27),
        order_number="VWB-2026-000042",
        seller=SELLER,
        buyer=BUYER,
        ship_to=BUYER,
        currency="EUR",
        lines=(LINE,),
        shipping_label="Road pallet freight",
        shipping_amount=D("241.88"),
        vat_lines=(VatLine("VAT 0 % (reverse charge)", D("0"), D("1981.88"), D("0.00")),),
        subtotal=D("1981.88"),
        vat_total=D("0.00"),
        total=D("1981.88"),
        legal_notes=(REVERSE_CHARGE,),
    )
    text = text_of(build_invoice(data))
    for expected in [
        "Invoice INV-2026-000001",
        "VWB-2026-000042",
        "2026-11-27",
        "Vintage Without Borders SAS",
        "FR12345678901",
        "RCS Bordeaux 123 456 789",
        "DE123456789",
        "1,740.00",
        "241.88",
        "1,981.88 EUR",
        "Article 138 of Council Directive 2006/112/EC",
    ]:
        assert expected in text, expected
    assert squash(REVERSE_CHARGE) in text


def test_packing_list_text_has_dimensions_weights_and_pallets():
    data = PackingListData(
        number="PL-2026-000001",
        issued_on=datetime.date(2026, 11, 27),
        order_number="VWB-2026-000042",
        seller=SELLER,
        ship_to=BUYER,
        lines=(LINE,),
        pallets=(
            PalletSummary(1, (("BRL-00001", 4),), D("180.00"), D("205.00")),
            PalletSummary(2, (("BRL-00001", 2),), D("90.00"), D("115.00")),
        ),
        shipping_method="Road pallet freight",
        carrier="DHL Freight",
        tracking_number="JD0001",
    )
    text = text_of(build_packing_list(data))
    for expected in [
        "Packing list PL-2026-000001",
        "95.0 x 72.0",
        "225",
        "45.00 kg",
        "270.00 kg",
        "Pallet 1",
        "4 x BRL-00001",
        "205.00 kg",
        "115.00 kg",
        "Number of packages: 2 pallets",
        "Total gross weight: 320.00 kg",
        "Tracking number: JD0001",
    ]:
        assert expected in text, expected


def test_commercial_invoice_text_has_hs_code_origin_weights_packages_incoterm():
    data = CommercialInvoiceData(
        number="CI-2026-000001",
        issued_on=datetime.date(2026, 11, 27),
        order_number="VWB-2026-000043",
        invoice_number="INV-2026-000002",
        seller=SELLER,
        buyer=BUYER,
        ship_to=BUYER,
        currency="EUR",
        incoterm="DAP",
        lines=(LINE,),
        shipping_amount=D("321.25"),
        goods_total=D("1740.00"),
        total=D("2061.25"),
        net_weight_kg=D("270.00"),
        gross_weight_kg=D("320.00"),
        packages=2,
        notes=(EXPORT_EXEMPTION,),
    )
    text = text_of(build_commercial_invoice(data))
    for expected in [
        "Commercial invoice CI-2026-000001",
        "INV-2026-000002",
        "Incoterm: DAP",
        "4416",
        " FR ",
        "270.00 kg",
        "Total gross weight: 320.00 kg",
        "Number of packages: 2 pallets",
        "2,061.25 EUR",
        "FR12345678901000",
        "Currency: EUR",
        "Article 146",
    ]:
        assert expected in text, expected

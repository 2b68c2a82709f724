from io import BytesIO

import pytest
from pypdf import PdfReader

from quotes.pdf import render_version_pdf
from quotes.tests.factories import request_quote, send_offer

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    reader = PdfReader(BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_quote_pdf_shows_seller_buyer_lines_freight_vat_validity_and_terms(
    approved_quote, barrel, settings
):
    version = approved_quote.current_version
    data = render_version_pdf(version)
    assert data.startswith(b"%PDF")
    text = _text(data)
    company = approved_quote.company
    for expected in [
        f"Quote {approved_quote.number} - version 1",
        settings.QUOTES_SELLER_NAME,
        settings.QUOTES_SELLER_VAT_NUMBER,
        company.legal_name,
        f"VAT number: {company.vat_number}",
        barrel.name,
        barrel.sku,
        "250.00 EUR",
        "10.00%",
        "225.00 EUR",
        "450.00 EUR",
        "Freight",
        "120.00 EUR",
        "VAT 20.00% (FR)",
        "114.00 EUR",
        "684.00 EUR",
        f"Valid until: {version.valid_until:%Y-%m-%d}",
        "Payment terms: Bank transfer before shipping",
        "Our best price.",
    ]:
        assert expected in text, expected


def test_a_reverse_charge_pdf_carries_the_legal_wording(b2b_user, admin, barrel):
    quote = request_quote(user=b2b_user, barrel=barrel, country="DE", postcode="55116")
    version = send_offer(quote=quote, admin=admin, barrel=barrel, terms="net_30", holds_stock=True)
    text = " ".join(_text(render_version_pdf(version)).split())
    assert "VAT 0.00% (DE)" in text
    assert "Reverse charge" in text
    assert b2b_user.company.vat_number in text
    assert "Net 30 days from invoice" in text
    assert "held for you until the validity date" in text

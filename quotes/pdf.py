"""A quote version as a PDF (ReportLab): seller, buyer, lines, freight, VAT, validity, terms."""

from io import BytesIO
from xml.sax.saxutils import escape

from django.conf import settings
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from commerce.models import PaymentTerms
from quotes.models import QuoteVersion
from vwb_site.core.countries import COUNTRY_NAMES

TERMS_WORDING = {
    PaymentTerms.CARD: "Payment by card when the order is placed; goods ship once paid.",
    PaymentTerms.BANK_TRANSFER: (
        "Payment by bank transfer before shipping, quoting the order number as reference."
    ),
    PaymentTerms.NET_30: "Payment by bank transfer within 30 days of the invoice date.",
}


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _money(amount, currency: str) -> str:
    return f"{amount:,.2f} {currency}"


def _vat_label(version: QuoteVersion) -> str:
    country = version.vat_country or version.quote.destination_country
    return f"VAT {version.vat_rate:.2f}% ({country})"


def seller_lines() -> list[str]:
    lines = [settings.QUOTES_SELLER_NAME, *settings.QUOTES_SELLER_ADDRESS.split("|")]
    if settings.QUOTES_SELLER_VAT_NUMBER:
        lines.append(f"VAT number: {settings.QUOTES_SELLER_VAT_NUMBER}")
    if settings.QUOTES_SELLER_EMAIL:
        lines.append(settings.QUOTES_SELLER_EMAIL)
    return [line.strip() for line in lines if line.strip()]


def buyer_lines(version: QuoteVersion) -> list[str]:
    company = version.quote.company
    lines = [
        company.legal_name,
        company.street,
        f"{company.zip_code} {company.city}",
        COUNTRY_NAMES.get(company.country, company.country),
        f"VAT number: {company.vat_number or 'none given'}",
        f"Contact: {version.quote.user.get_full_name()} <{version.quote.user.email}>",
    ]
    return [line for line in lines if line.strip()]


def render_version_pdf(version: QuoteVersion) -> bytes:
    quote = version.quote
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=f"Quote {quote.number} version {version.number}",
        author=settings.QUOTES_SELLER_NAME,
    )
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    cur = version.currency
    story = [
        _p(f"Quote {quote.number} - version {version.number}", styles["Title"]),
        _p(
            f"Date: {version.created_at:%Y-%m-%d}    Valid until: {version.valid_until:%Y-%m-%d}",
            body,
        ),
        Spacer(1, 5 * mm),
    ]
    parties = Table(
        [
            [_p("Seller", styles["Heading4"]), _p("Buyer", styles["Heading4"])],
            [_p("\n".join(seller_lines()), body), _p("\n".join(buyer_lines(version)), body)],
        ],
        colWidths=[87 * mm, 87 * mm],
    )
    parties.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    destination = COUNTRY_NAMES.get(quote.destination_country, quote.destination_country)
    story += [
        parties,
        Spacer(1, 4 * mm),
        _p(f"Destination: {destination} {quote.destination_postcode}".strip(), body),
        Spacer(1, 4 * mm),
    ]
    rows = [["#", "Barrel", "Qty", "Unit price", "Discount", "Net unit", "Amount"]]
    for line in version.lines.all():
        rows.append(
            [
                str(line.position),
                _p(f"{line.description} ({line.sku})", small),
                str(line.quantity),
                _money(line.unit_price, cur),
                f"{line.discount_percent:.2f}%" if line.discount_percent else "-",
                _money(line.net_unit_price, cur),
                _money(line.line_total, cur),
            ]
        )
    freight = f"Freight: {version.freight_name}" if version.freight_name else "Freight"
    totals = [
        ["", "Subtotal (excl. VAT)", _money(version.lines_subtotal, cur)],
        ["", freight, _money(version.freight_amount, cur)],
        ["", "Total excl. VAT", _money(version.net_total, cur)],
        ["", _vat_label(version), _money(version.vat_amount, cur)],
        ["", "Total", _money(version.total, cur)],
    ]
    table = Table(
        rows, colWidths=[8 * mm, 62 * mm, 12 * mm, 25 * mm, 18 * mm, 25 * mm, 25 * mm], repeatRows=1
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    totals_table = Table(totals, colWidths=[70 * mm, 75 * mm, 30 * mm])
    totals_table.setStyle(
        TableStyle(
            [
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("FONTNAME", (1, -1), (-1, -1), "Helvetica-Bold"),
                ("LINEABOVE", (1, -1), (-1, -1), 0.5, colors.black),
            ]
        )
    )
    story += [table, Spacer(1, 3 * mm), totals_table, Spacer(1, 5 * mm)]
    if version.vat_wording:
        story.append(_p(version.vat_wording, small))
    story += [
        Spacer(1, 3 * mm),
        _p(
            f"Payment terms: {version.get_payment_terms_display()}. "
            f"{TERMS_WORDING[version.payment_terms]}",
            body,
        ),
        _p(
            f"This offer is valid until {version.valid_until:%Y-%m-%d} (end of day, UTC). "
            "Prices in " + cur + ".",
            body,
        ),
    ]
    if version.holds_stock:
        story.append(_p("The quoted barrels are held for you until the validity date.", body))
    if version.message:
        story += [Spacer(1, 3 * mm), _p(version.message, body)]
    doc.build(story)
    return buffer.getvalue()

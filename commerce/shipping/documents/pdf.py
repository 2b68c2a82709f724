"""ReportLab building blocks shared by the documents: page, styles, party blocks, tables.

Standard PDF fonts (Helvetica) keep the text extractable; money and weights are formatted here.
"""

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from commerce.shipping.documents.data import Party

_BASE = getSampleStyleSheet()
STYLES = {
    "title": ParagraphStyle(
        "title", parent=_BASE["Title"], fontSize=16, spaceAfter=4 * mm, alignment=0
    ),
    "h": ParagraphStyle("h", parent=_BASE["Heading4"], spaceBefore=2 * mm, spaceAfter=1 * mm),
    "body": ParagraphStyle("body", parent=_BASE["BodyText"], fontSize=9, leading=11),
    "small": ParagraphStyle("small", parent=_BASE["BodyText"], fontSize=8, leading=10),
    "right": ParagraphStyle("right", parent=_BASE["BodyText"], fontSize=9, alignment=TA_RIGHT),
}
CONTENT_WIDTH = A4[0] - 30 * mm


def amount(value: Decimal, currency: str = "") -> str:
    text = f"{Decimal(value):,.2f}"
    return f"{text} {currency}".strip()


def kg(value: Decimal) -> str:
    return f"{Decimal(value):,.2f} kg"


def para(text: str, style: str = "body") -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), STYLES[style])


def party_block(title: str, party: Party) -> list:
    lines = [party.name, *party.address_lines]
    if party.vat_number:
        lines.append(f"VAT number: {party.vat_number}")
    if party.eori:
        lines.append(f"EORI: {party.eori}")
    if party.registration:
        lines.append(party.registration)
    if party.email:
        lines.append(party.email)
    if party.phone:
        lines.append(party.phone)
    return [para(title, "h"), para("\n".join(line for line in lines if line))]


def two_columns(left: list, right: list) -> Table:
    table = Table([[left, right]], colWidths=[CONTENT_WIDTH / 2] * 2)
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    return table


def grid(
    rows: list[list], widths: list[float], *, numeric_from: int = 1, total_rows: int = 0
) -> Table:
    """A table with a header row; columns from `numeric_from` are right-aligned."""
    cells = [
        [para(str(c), "small") if isinstance(c, str) and len(c) > 30 else c for c in row]
        for row in rows
    ]
    table = Table(cells, colWidths=[w * CONTENT_WIDTH for w in widths], repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
        ("FONT", (0, 1), (-1, -1), "Helvetica", 8),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
        ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if total_rows:
        style += [
            ("LINEABOVE", (0, -total_rows), (-1, -total_rows), 0.5, colors.grey),
            ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 8),
        ]
    table.setStyle(TableStyle(style))
    return table


def render(story: list, *, title: str, footer: str) -> bytes:
    buffer = io.BytesIO()

    def on_page(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.drawString(15 * mm, 10 * mm, footer[:180])
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=footer.split(" - ")[0],
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def spacer(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)

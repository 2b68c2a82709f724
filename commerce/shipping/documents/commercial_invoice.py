"""The commercial invoice for customs, outside the EU: HS codes, origin, weights, incoterm."""

from commerce.shipping.documents.data import CommercialInvoiceData
from commerce.shipping.documents.pdf import (
    amount,
    grid,
    kg,
    para,
    party_block,
    render,
    spacer,
    two_columns,
)
from commerce.shipping.documents.wording import COMMERCIAL_INVOICE_DECLARATION


def build_commercial_invoice(data: CommercialInvoiceData) -> bytes:
    cur = data.currency
    story = [
        para(f"Commercial invoice {data.number}", "title"),
        para(
            f"Commercial invoice number: {data.number}\nDate: {data.issued_on.isoformat()}\n"
            f"Order: {data.order_number}\nInvoice: {data.invoice_number or '-'}\n"
            f"Incoterm: {data.incoterm}\nCurrency: {cur}\n"
            f"Reason for export: {data.reason_for_export}"
        ),
        spacer(),
        two_columns(party_block("Exporter", data.seller), party_block("Buyer", data.buyer)),
        two_columns(party_block("Consignee", data.ship_to), []),
        spacer(),
    ]
    rows = [
        [
            "Description",
            "HS code",
            "Origin",
            "Qty",
            "Net weight",
            f"Unit value ({cur})",
            f"Value ({cur})",
        ]
    ]
    for line in data.lines:
        rows.append(
            [
                line.description,
                line.hs_code,
                line.origin_country,
                str(line.quantity),
                kg(line.net_weight_kg),
                amount(line.unit_price),
                amount(line.total),
            ]
        )
    rows.append(["Goods total", "", "", "", "", "", amount(data.goods_total)])
    rows.append(["Freight", "", "", "", "", "", amount(data.shipping_amount)])
    rows.append(
        [f"Total invoice value ({data.incoterm})", "", "", "", "", "", amount(data.total, cur)]
    )
    story.append(
        grid(rows, [0.28, 0.1, 0.08, 0.06, 0.14, 0.16, 0.18], numeric_from=3, total_rows=3)
    )
    story += [
        spacer(),
        para(
            f"Number of packages: {data.packages} {data.package_kind}\n"
            f"Total net weight: {kg(data.net_weight_kg)}\n"
            f"Total gross weight: {kg(data.gross_weight_kg)}"
        ),
        spacer(),
    ]
    for note in data.notes:
        story.append(para(note, "small"))
    story.append(para(data.declaration or COMMERCIAL_INVOICE_DECLARATION, "small"))
    story.append(para(f"{data.seller.name}, {data.issued_on.isoformat()}", "small"))
    footer = " - ".join(
        p for p in (data.seller.name, f"EORI {data.seller.eori}" if data.seller.eori else "") if p
    )
    return render(story, title=f"Commercial invoice {data.number}", footer=footer)

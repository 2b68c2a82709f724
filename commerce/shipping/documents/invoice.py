"""The invoice: seller's legal details, lines, shipping, VAT breakdown, legal wording."""

from commerce.shipping.documents.data import InvoiceData
from commerce.shipping.documents.pdf import (
    amount,
    grid,
    para,
    party_block,
    render,
    spacer,
    two_columns,
)


def build_invoice(data: InvoiceData) -> bytes:
    cur = data.currency
    story = [
        para(f"Invoice {data.number}", "title"),
        para(
            f"Invoice number: {data.number}\nDate of issue: {data.issued_on.isoformat()}\n"
            f"Order: {data.order_number}\nCurrency: {cur}"
        ),
        spacer(),
        two_columns(party_block("Seller", data.seller), party_block("Bill to", data.buyer)),
        two_columns(party_block("Ship to", data.ship_to), []),
        spacer(),
    ]
    rows = [["Description", "SKU", "Qty", "Unit price", "VAT %", f"Amount ({cur})"]]
    for line in data.lines:
        rows.append(
            [
                line.description,
                line.sku,
                str(line.quantity),
                amount(line.unit_price),
                "" if line.vat_rate is None else f"{line.vat_rate.normalize():f}",
                amount(line.total),
            ]
        )
    rows.append(
        [
            data.shipping_label or "Shipping",
            "",
            "1",
            amount(data.shipping_amount),
            "",
            amount(data.shipping_amount),
        ]
    )
    totals = []
    if data.discount_amount:
        totals.append(["Discount", "", "", "", "", f"-{amount(data.discount_amount)}"])
    totals += [["Subtotal excluding VAT", "", "", "", "", amount(data.subtotal)]]
    totals += [["Total VAT", "", "", "", "", amount(data.vat_total)]]
    totals += [["Total including VAT", "", "", "", "", amount(data.total, cur)]]
    story.append(
        grid(
            rows + totals,
            [0.38, 0.14, 0.06, 0.14, 0.1, 0.18],
            numeric_from=2,
            total_rows=len(totals),
        )
    )
    story += [spacer(), para("VAT breakdown", "h")]
    vat_rows = [["VAT", "Rate %", f"Taxable base ({cur})", f"VAT ({cur})"]]
    for vat in data.vat_lines:
        vat_rows.append(
            [vat.label, f"{vat.rate.normalize():f}", amount(vat.base), amount(vat.amount)]
        )
    story.append(grid(vat_rows, [0.4, 0.15, 0.25, 0.2]))
    if data.legal_notes or data.payment_note:
        story.append(spacer())
        for note in (*data.legal_notes, data.payment_note):
            if note:
                story.append(para(note, "small"))
    footer = " - ".join(
        p
        for p in (data.seller.name, data.seller.registration, f"VAT {data.seller.vat_number}")
        if p
    )
    return render(story, title=f"Invoice {data.number}", footer=footer)

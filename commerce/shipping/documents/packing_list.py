"""The packing list: barrels with dimensions and weights, and what is on each pallet."""

from commerce.shipping.documents.data import PackingListData
from commerce.shipping.documents.pdf import grid, kg, para, party_block, render, spacer, two_columns


def build_packing_list(data: PackingListData) -> bytes:
    shipping = [f"Shipping method: {data.shipping_method}"]
    if data.carrier:
        shipping.append(f"Carrier: {data.carrier}")
    if data.tracking_number:
        shipping.append(f"Tracking number: {data.tracking_number}")
    story = [
        para(f"Packing list {data.number}", "title"),
        para(
            f"Packing list number: {data.number}\nDate: {data.issued_on.isoformat()}\n"
            f"Order: {data.order_number}\n" + "\n".join(shipping)
        ),
        spacer(),
        two_columns(party_block("Shipper", data.seller), party_block("Consignee", data.ship_to)),
        spacer(),
        para("Barrels", "h"),
    ]
    rows = [
        [
            "Barrel",
            "SKU",
            "Qty",
            "Volume (L)",
            "Height x diameter (cm)",
            "Unit weight",
            "Net weight",
        ]
    ]
    for line in data.lines:
        rows.append(
            [
                line.description,
                line.sku,
                str(line.quantity),
                str(line.volume_liters),
                f"{line.height_cm} x {line.diameter_cm}",
                kg(line.unit_weight_kg),
                kg(line.net_weight_kg),
            ]
        )
    rows.append(["Total", "", str(data.barrel_count), "", "", "", kg(data.net_weight_kg)])
    story.append(
        grid(rows, [0.27, 0.12, 0.06, 0.1, 0.17, 0.13, 0.15], numeric_from=2, total_rows=1)
    )
    story += [spacer(), para("Pallets", "h")]
    pallet_rows = [["Pallet", "Contents", "Net weight", "Gross weight"]]
    for pallet in data.pallets:
        contents = ", ".join(f"{count} x {sku}" for sku, count in pallet.contents)
        pallet_rows.append(
            [
                f"Pallet {pallet.index}",
                contents,
                kg(pallet.net_weight_kg),
                kg(pallet.gross_weight_kg),
            ]
        )
    pallet_rows.append(
        [
            f"{len(data.pallets)} pallets",
            f"{data.barrel_count} barrels",
            kg(data.net_weight_kg),
            kg(data.gross_weight_kg),
        ]
    )
    story.append(grid(pallet_rows, [0.15, 0.5, 0.17, 0.18], numeric_from=2, total_rows=1))
    story.append(spacer())
    story.append(
        para(
            f"Number of packages: {len(data.pallets)} pallets. "
            f"Total net weight: {kg(data.net_weight_kg)}. "
            f"Total gross weight: {kg(data.gross_weight_kg)}."
        )
    )
    if data.required_documents:
        story.append(para("Accompanying documents: " + ", ".join(data.required_documents) + "."))
    return render(story, title=f"Packing list {data.number}", footer=data.seller.name)

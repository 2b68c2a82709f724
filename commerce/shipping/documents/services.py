"""Generate, number and store an order's documents.

`document_generate(order=..., kind=...)` is idempotent: the first call takes a number (gap-free,
per series and year) and creates the row; every call renders the PDF again from the order and
replaces the file, keeping the number and date of issue. Celery runs it after the order's status
changes (see `reactions`); staff run it from the admin.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit.services import audit_record, diff, redact
from commerce.models import (
    DocumentKind,
    Order,
    OrderDocument,
    OrderStatus,
    Shipment,
    ShippingMethod,
    TaxRegime,
)
from commerce.models.shipping_records import DOCUMENT_SERIES
from commerce.shipping import error_codes
from commerce.shipping.documents import wording
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
from commerce.shipping.documents.numbering import document_number_take
from commerce.shipping.documents.packing_list import build_packing_list
from commerce.shipping.rates import CannotCarry, money, pack
from commerce.shipping.selectors import country_rule_get
from commerce.shipping.services import RateLine, required_documents_for
from vwb_site.core.countries import COUNTRY_NAMES, is_eu
from vwb_site.exceptions import ConflictError
from vwb_site.logging_config import get_logger

log = get_logger("commerce.shipping.documents")

DOCUMENT_STATUSES = (OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED)


def seller_party() -> Party:
    return Party(
        name=settings.SELLER_NAME,
        address_lines=tuple(settings.SELLER_ADDRESS),
        vat_number=settings.SELLER_VAT_NUMBER,
        eori=settings.SELLER_EORI,
        registration=settings.SELLER_REGISTRATION,
        email=settings.SELLER_EMAIL,
    )


def address_party(address: dict, *, vat_number: str = "", email: str = "") -> Party:
    address = address or {}
    country = address.get("country", "")
    lines = (
        address.get("company_name", ""),
        address.get("street", ""),
        f"{address.get('zip_code', '')} {address.get('city', '')}".strip(),
        COUNTRY_NAMES.get(country, country),
    )
    return Party(
        name=address.get("recipient_name", "") or address.get("company_name", ""),
        address_lines=tuple(line for line in lines if line),
        vat_number=vat_number,
        email=email,
        phone=address.get("phone", ""),
    )


def destination_country(order: Order) -> str:
    return (order.shipping_address or {}).get("country", "")


def is_applicable(order: Order, kind: str) -> bool:
    if order.status not in DOCUMENT_STATUSES:
        return False
    if kind == DocumentKind.COMMERCIAL_INVOICE:
        return not is_eu(destination_country(order))
    return kind in DocumentKind.values


def _lines(order: Order) -> tuple[DocumentLine, ...]:
    return tuple(
        DocumentLine(
            description=line.name,
            sku=line.sku,
            quantity=line.quantity,
            unit_price=line.unit_price,
            total=line.line_total,
            vat_rate=line.tax_rate,
            hs_code=line.barrel.hs_code,
            origin_country=line.barrel.origin_country,
            volume_liters=line.barrel.volume_liters,
            height_cm=line.barrel.height_cm,
            diameter_cm=line.barrel.diameter_cm,
            unit_weight_kg=line.barrel.empty_weight_kg,
        )
        for line in order.lines.select_related("barrel").order_by("id")
    )


def _pallets(order: Order) -> tuple[PalletSummary, ...]:
    """The pallets as the rate service packs them for the order's method (one per barrel when
    the method no longer exists or cannot take a barrel)."""
    lines = list(order.lines.select_related("barrel").order_by("id"))
    method = (
        ShippingMethod.objects.prefetch_related("capacity_bands")
        .filter(code=order.shipping_method_code)
        .first()
    )
    tare = method.pallet_tare_kg if method else Decimal("25.00")
    try:
        if method is None:
            raise CannotCarry("unknown method")
        loads = pack(
            lines,
            capacity_bands=list(method.capacity_bands.all()),
            tare_kg=tare,
            max_pallet_weight_kg=None,
        )
    except CannotCarry:
        loads = []
        for line in lines:
            for _ in range(line.quantity):
                loads.extend(
                    pack(
                        [RateLine(barrel=line.barrel, quantity=1)],
                        capacity_bands=[_OneBand()],
                        tare_kg=tare,
                        max_pallet_weight_kg=None,
                    )
                )
    return tuple(
        PalletSummary(
            index=index,
            contents=tuple((barrel.sku, count) for barrel, count in load.items.items()),
            net_weight_kg=money(load.net_weight_kg),
            gross_weight_kg=money(load.gross_weight_kg),
        )
        for index, load in enumerate(loads, start=1)
    )


class _OneBand:
    max_volume_liters = 10**9
    barrels_per_pallet = 1


def _invoice_data(order: Order, doc: OrderDocument) -> InvoiceData:
    notes = [order.tax_legal_text] if order.tax_legal_text else []
    if not notes and order.tax_regime == TaxRegime.REVERSE_CHARGE:
        notes.append(wording.REVERSE_CHARGE)
    if not notes and order.tax_regime == TaxRegime.EXPORT:
        notes.append(wording.EXPORT_EXEMPTION)
    if order.customer_type == "b2b":
        notes.append(wording.LATE_PAYMENT)
    paid = (
        f"Paid on {order.paid_at.date().isoformat()}."
        if order.paid_at
        else "Payment due on receipt."
    )
    return InvoiceData(
        number=doc.number,
        issued_on=doc.created_at.date(),
        order_number=order.number,
        seller=seller_party(),
        buyer=address_party(
            order.billing_address, vat_number=order.buyer_vat_number, email=order.customer_email
        ),
        ship_to=address_party(order.shipping_address),
        currency=order.currency,
        lines=_lines(order),
        shipping_label=f"Shipping: {order.shipping_method_name}"
        if order.shipping_method_name
        else "Shipping",
        shipping_amount=order.shipping_amount,
        # One row per VAT rate (not per line: a line's SKU or "shipping" is no VAT label).
        vat_lines=tuple(
            VatLine(label=vat.label, rate=vat.rate, base=vat.base, amount=vat.amount)
            for vat in order.vat_by_rate()
        ),
        subtotal=order.subtotal + order.shipping_amount,
        vat_total=order.tax_amount,
        total=order.total_amount,
        legal_notes=tuple(notes),
        payment_note=paid,
    )


def _last_shipment(order: Order) -> Shipment | None:
    return order.shipments.select_related("carrier").order_by("-shipped_at", "-id").first()


def _packing_list_data(order: Order, doc: OrderDocument) -> PackingListData:
    shipment = _last_shipment(order)
    country = destination_country(order)
    return PackingListData(
        number=doc.number,
        issued_on=doc.created_at.date(),
        order_number=order.number,
        seller=seller_party(),
        ship_to=address_party(order.shipping_address),
        lines=_lines(order),
        pallets=_pallets(order),
        shipping_method=order.shipping_method_name or order.shipping_method_code,
        carrier=shipment.carrier.name if shipment else "",
        tracking_number=shipment.tracking_number if shipment else "",
        required_documents=tuple(
            doc_code.replace("_", " ")
            for doc_code in required_documents_for(country=country, rule=_rule(country))
            if country
        ),
    )


def _rule(country: str):
    return country_rule_get(country=country)


def _commercial_invoice_data(order: Order, doc: OrderDocument) -> CommercialInvoiceData:
    pallets = _pallets(order)
    invoice = order.documents.filter(kind=DocumentKind.INVOICE).first()
    notes = [order.tax_legal_text or wording.EXPORT_EXEMPTION]
    return CommercialInvoiceData(
        number=doc.number,
        issued_on=doc.created_at.date(),
        order_number=order.number,
        invoice_number=invoice.number if invoice else "",
        seller=seller_party(),
        buyer=address_party(
            order.billing_address, vat_number=order.buyer_vat_number, email=order.customer_email
        ),
        ship_to=address_party(order.shipping_address),
        currency=order.currency,
        incoterm=settings.SHIPPING_INCOTERM,
        lines=_lines(order),
        shipping_amount=order.shipping_amount,
        goods_total=order.subtotal,
        total=order.subtotal + order.shipping_amount,
        net_weight_kg=money(sum((p.net_weight_kg for p in pallets), Decimal("0"))),
        gross_weight_kg=money(sum((p.gross_weight_kg for p in pallets), Decimal("0"))),
        packages=len(pallets),
        notes=tuple(notes),
    )


# kind -> (the data of the document, the PDF builder that renders that data)
BUILDERS: dict[str, tuple[Callable[[Order, OrderDocument], Any], Callable[[Any], bytes]]] = {
    DocumentKind.INVOICE: (_invoice_data, build_invoice),
    DocumentKind.PACKING_LIST: (_packing_list_data, build_packing_list),
    DocumentKind.COMMERCIAL_INVOICE: (_commercial_invoice_data, build_commercial_invoice),
}


def _document_get_or_create(*, order: Order, kind: str) -> OrderDocument:
    """The document row, numbered on creation (its own transaction: the number is committed
    with the row, or not at all)."""
    try:
        with transaction.atomic():
            doc = OrderDocument.objects.select_for_update().filter(order=order, kind=kind).first()
            if doc is not None:
                return doc
            now = timezone.now()
            number = document_number_take(series=DOCUMENT_SERIES[kind], year=now.year)
            return OrderDocument.objects.create(
                order=order, kind=kind, number=number, created_at=now
            )
    except IntegrityError:  # created concurrently: that one keeps its number, ours rolled back
        return OrderDocument.objects.get(order=order, kind=kind)


@transaction.atomic
def document_generate(*, order: Order, kind: str, actor=None) -> OrderDocument:
    """Render `kind` for `order` and store it (same number on every regeneration). A staff
    member's (re)generation (`actor`) is recorded in the audit log."""
    if kind not in BUILDERS:
        raise ConflictError(
            f"Unknown document kind {kind!r}.", code=error_codes.DOCUMENT_NOT_APPLICABLE
        )
    order = Order.objects.get(pk=order.pk)
    if not is_applicable(order, kind):
        raise ConflictError(
            f"No {DocumentKind(kind).label.lower()} for order {order.number} "
            f"({order.status}, to {destination_country(order) or '?'}).",
            code=error_codes.DOCUMENT_NOT_APPLICABLE,
        )
    doc = _document_get_or_create(order=order, kind=kind)
    doc = OrderDocument.objects.select_for_update().get(pk=doc.pk)
    to_data, build = BUILDERS[kind]
    pdf = build(to_data(order, doc))
    old_name = doc.file.name if doc.file else ""
    before = {"generated_at": doc.generated_at, "generation_count": doc.generation_count}
    doc.file.save(doc.filename, ContentFile(pdf), save=False)
    doc.generated_at = timezone.now()
    doc.generation_count += 1
    doc.save(update_fields=["file", "generated_at", "generation_count"])
    if actor is not None:
        after = {"generated_at": doc.generated_at, "generation_count": doc.generation_count}
        audit_record(
            actor=actor,
            action="document.regenerate" if before["generation_count"] else "document.generate",
            target=doc,
            changes={**diff(redact(before), redact(after)), "kind": [None, kind]},
        )
    if old_name and old_name != doc.file.name:
        storage = doc.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    log.info(
        "order_document_generated",
        order=str(order.pk),
        kind=kind,
        number=doc.number,
        bytes=len(pdf),
    )
    return doc


@transaction.atomic
def document_store(*, order: Order, kind: str, pdf: bytes) -> OrderDocument:
    """Store a PDF made elsewhere (a carrier's label) as the order's `kind` document: numbered
    once, its file replaced on a second call."""
    doc = _document_get_or_create(order=order, kind=kind)
    doc = OrderDocument.objects.select_for_update().get(pk=doc.pk)
    old_name = doc.file.name if doc.file else ""
    doc.file.save(doc.filename, ContentFile(pdf), save=False)
    doc.generated_at = timezone.now()
    doc.generation_count += 1
    doc.save(update_fields=["file", "generated_at", "generation_count"])
    if old_name and old_name != doc.file.name:
        storage = doc.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    log.info("order_document_stored", order=str(order.pk), kind=kind, bytes=len(pdf))
    return doc


# The statuses `documents_due` answers with documents for.
STATUSES_WITH_DOCUMENTS = frozenset({OrderStatus.PROCESSING, OrderStatus.SHIPPED})


def documents_due(*, order: Order, to_status: str) -> list[str]:
    """Which documents a status change calls for."""
    if to_status == OrderStatus.PROCESSING:
        return [DocumentKind.INVOICE.value]
    if to_status == OrderStatus.SHIPPED:
        kinds: list[str] = [DocumentKind.PACKING_LIST]
        if not is_eu(destination_country(order)):
            kinds.append(DocumentKind.COMMERCIAL_INVOICE)
        return kinds
    return []

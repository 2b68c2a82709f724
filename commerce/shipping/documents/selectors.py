"""Reads of an order's documents for the order's admin page."""

from commerce.models import DocumentKind, OrderDocument
from commerce.shipping.documents.services import is_applicable


def order_document_rows(*, order) -> list[dict]:
    """Every document kind for the order's admin page, in DocumentKind order: `kind`, `label`,
    `doc` (the OrderDocument, None until generated) and `applicable` (1 query)."""
    documents = {doc.kind: doc for doc in OrderDocument.objects.filter(order=order)}
    return [
        {
            "kind": kind,
            "label": label,
            "doc": documents.get(kind),
            "applicable": is_applicable(order, kind),
        }
        for kind, label in DocumentKind.choices
    ]


def order_document_ready_get(*, order_id, kind: str) -> OrderDocument | None:
    """The order's generated document of `kind` (one per order and kind), None until its file
    is ready."""
    doc = OrderDocument.objects.filter(order_id=order_id, kind=kind).first()
    return doc if doc is not None and doc.is_ready else None

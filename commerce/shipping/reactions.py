"""Reactions to order status changes (declared in commerce.events.REACTIONS).

paid (processing): the invoice; shipped: the packing list and, outside the EU, the commercial
invoice. Each document is one Celery task.
"""

from commerce.models import Order
from commerce.shipping.documents.services import STATUSES_WITH_DOCUMENTS, documents_due
from commerce.shipping.tasks import generate_order_document
from vwb_site.tasks import dispatch_on_commit


def documents_on_status_change(*, order_id, from_status: str, to_status: str) -> None:
    if to_status not in STATUSES_WITH_DOCUMENTS:  # most changes call for none: no query
        return
    order = Order.objects.filter(pk=order_id).only("id", "shipping_address").first()
    if order is None:
        return
    for kind in documents_due(order=order, to_status=to_status):
        dispatch_on_commit(generate_order_document, str(order_id), str(kind))

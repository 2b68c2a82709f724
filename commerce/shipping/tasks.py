"""Celery tasks of commerce shipping: thin wrappers around the document service.

Found by the Celery app's autodiscovery (vwb_site/celery_app.py), like every tasks.py of an
app or of one of its subpackages.
"""

from commerce.models import Order
from vwb_site.celery_app import app
from vwb_site.logging_config import get_logger
from vwb_site.tasks import RETRYING

log = get_logger("commerce.shipping.tasks")


@app.task(**RETRYING, name="commerce.shipping.generate_order_document")
def generate_order_document(self, order_id: str, kind: str) -> str | None:
    """Render and store one document of an order. Idempotent: a rerun keeps the number."""
    from commerce.shipping.documents.services import document_generate, is_applicable

    order = Order.objects.filter(pk=order_id).first()
    if order is None or not is_applicable(order, kind):
        log.warning("order_document_skipped", order=str(order_id), kind=kind)
        return None
    return document_generate(order=order, kind=kind).number

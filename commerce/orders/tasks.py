"""Celery tasks of commerce orders: thin, idempotent wrappers around services.

Found by the Celery app's autodiscovery (vwb_site/celery_app.py), like every tasks.py of an app
or of one of its subpackages. The e-mail task is defined beside the e-mails it sends
(`commerce.orders.emails`) and imported here so that discovery registers it too.
"""

from commerce.orders.emails import send_order_email
from vwb_site.celery_app import app
from vwb_site.tasks import RETRYING

__all__ = ["expire_unpaid_orders", "reconcile_payments", "send_order_email"]


@app.task(**RETRYING, name="commerce.expire_unpaid_orders")
def expire_unpaid_orders(self) -> list[str]:
    from commerce.orders.services import orders_expire_unpaid

    return orders_expire_unpaid()


@app.task(**RETRYING, name="commerce.reconcile_payments")
def reconcile_payments(self) -> dict:
    from commerce.orders.services import order_payments_reconcile

    return order_payments_reconcile()

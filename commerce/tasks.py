"""Celery tasks of commerce: thin, idempotent wrappers around services."""

from vwb_site.celery_app import app
from vwb_site.tasks import RETRYING


@app.task(**RETRYING, name="commerce.send_order_email")
def send_order_email(self, order_id: str, kind: str, amount: str = "") -> None:
    from commerce.emails import order_email_send

    order_email_send(order_id=order_id, kind=kind, amount=amount)


@app.task(**RETRYING, name="commerce.expire_unpaid_orders")
def expire_unpaid_orders(self) -> list[str]:
    from commerce.orders.services import orders_expire_unpaid

    return orders_expire_unpaid()


@app.task(**RETRYING, name="commerce.reconcile_payments")
def reconcile_payments(self) -> dict:
    from commerce.payments.services import payments_reconcile

    return payments_reconcile()

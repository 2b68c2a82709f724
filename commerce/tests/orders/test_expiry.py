"""Unpaid orders expire and give their stock back (the beat task's service)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from catalog.tests.factories import BarrelFactory
from commerce.orders.services import orders_expire_unpaid
from commerce.orders.tasks import expire_unpaid_orders
from commerce.tests.factories import order_create

pytestmark = pytest.mark.django_db


def test_bank_transfer_orders_past_their_deadline_are_cancelled_and_release_stock():
    barrel = BarrelFactory(stock_quantity=4)
    late = order_create(
        barrel=barrel,
        quantity=2,
        payment_method="bank_transfer",
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    on_time = order_create(
        barrel=barrel,
        quantity=1,
        payment_method="bank_transfer",
        expires_at=timezone.now() + timedelta(days=3),
    )
    assert orders_expire_unpaid() == [late.number]
    late.refresh_from_db()
    on_time.refresh_from_db()
    barrel.refresh_from_db()
    assert late.status == "cancelled" and on_time.status == "pending"
    assert barrel.reserved_quantity == 1
    assert "Expired" in late.history.last().note


def test_card_orders_expire_after_the_card_ttl(stripe_settings):
    barrel = BarrelFactory(stock_quantity=1)
    order = order_create(barrel=barrel, expires_at=timezone.now() - timedelta(seconds=1))
    assert expire_unpaid_orders.delay().get() == [order.number]
    barrel.refresh_from_db()
    assert barrel.available == 1


def test_paid_orders_never_expire():
    from commerce.tests.factories import paid_order_create

    order = paid_order_create(expires_at=timezone.now() - timedelta(days=1))
    assert orders_expire_unpaid() == []
    order.refresh_from_db()
    assert order.status == "processing"


def test_beat_runs_the_expiry_and_the_reconciliation_every_few_minutes():
    from django.conf import settings

    from vwb_site.celery_app import app

    schedule = {
        entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert schedule["commerce.expire_unpaid_orders"] == 300.0
    assert schedule["commerce.reconcile_payments"] <= 900.0
    assert {"commerce.expire_unpaid_orders", "commerce.reconcile_payments"} <= set(app.tasks)

"""commerce.demo: the demo buyer's orders, one per stage, placed through the real services."""

import io

import pytest

from commerce import demo
from commerce.models import Order

pytestmark = pytest.mark.django_db


def test_demo_orders_load_once_one_per_stage_through_the_services():
    from accounts import demo as accounts_demo
    from catalog import demo as catalog_demo
    from catalog.models import Barrel, StockMovement

    accounts_demo.load(stdout=io.StringIO())
    catalog_demo.load(stdout=io.StringIO())
    lines = demo.load(stdout=io.StringIO())
    orders = {o.status: o for o in Order.objects.prefetch_related("lines", "shipments")}
    assert set(orders) == {"delivered", "shipped", "processing", "pending"}
    assert all(o.number in lines[0] for o in orders.values())
    assert orders["pending"].amount_captured == 0
    for status in ("processing", "shipped", "delivered"):
        assert orders[status].amount_due == 0  # paid in full by a recorded bank transfer
    for order in orders.values():
        line = order.lines.get()
        barrel = Barrel.objects.get(pk=line.barrel_id)
        reasons = sorted(
            StockMovement.objects.filter(reference_id=str(order.pk)).values_list(
                "reason", "reserved_delta", "stock_delta"
            )
        )
        if order.status in ("shipped", "delivered"):
            assert [s.tracking_number for s in order.shipments.all()]
            assert reasons == [
                ("reservation", line.quantity, 0),
                ("sale", -line.quantity, -line.quantity),
            ]
            assert barrel.reserved_quantity == 0
        else:
            assert reasons == [("reservation", line.quantity, 0)]
            assert barrel.reserved_quantity == line.quantity

    assert demo.load(stdout=io.StringIO()) == lines  # idempotent
    assert Order.objects.count() == 4


def _load_all():
    from accounts import demo as accounts_demo
    from catalog import demo as catalog_demo

    accounts_demo.load(stdout=io.StringIO())
    catalog_demo.load(stdout=io.StringIO())
    return demo.load(stdout=io.StringIO())


def test_with_paypal_configured_the_demo_opens_a_paypal_order_paid_once_approved(paypal):
    from django.core.management import call_command

    lines = _load_all()
    order = Order.objects.get(payment_method="paypal")
    payment = order.payments.get()
    assert order.status == "pending" and payment.provider_reference in paypal.fake.orders
    assert f"PayPal order: {order.number} (pending" in lines[-1]
    assert _load_all()[-1] == lines[-1]  # idempotent: no second PayPal order
    assert len(paypal.fake.orders) == 1
    paypal.approve(payment.provider_reference)  # someone approves it in the sandbox
    call_command("reconcile_payments", "--older-than", "0", stdout=io.StringIO())
    order.refresh_from_db()
    assert order.status == "processing" and order.amount_due == 0


def test_without_paypal_reachable_the_demo_still_loads_and_says_why(paypal, settings, dead_port):
    settings.PAYPAL_BASE_URL = f"http://127.0.0.1:{dead_port}"
    lines = _load_all()
    assert lines[-1].startswith("PayPal order: skipped (PayPal cannot be reached")
    assert not Order.objects.filter(payment_method="paypal").exists()
    assert Order.objects.count() == 4

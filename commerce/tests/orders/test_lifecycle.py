"""The order state machine: declared transitions, history rows, stock, reactions."""

import pytest

from catalog.tests.factories import BarrelFactory
from commerce.models import TRANSITIONS, OrderStatus, OrderStatusHistory
from commerce.orders.services import order_cancel, order_transition
from commerce.tests.factories import order_create, paid_order_create
from vwb_site.exceptions import ConflictError

pytestmark = pytest.mark.django_db


def test_the_transition_map_is_the_documented_lifecycle():
    assert TRANSITIONS == {
        "pending": ("processing", "cancelled"),
        "processing": ("shipped", "cancelled"),
        "shipped": ("delivered",),
        "delivered": (),
        "cancelled": (),
    }


def test_a_transition_writes_a_history_row_with_who_when_from_and_to(admin):
    order = paid_order_create()
    order_transition(order=order, to=OrderStatus.SHIPPED, actor=admin, note="Left the yard")
    order.refresh_from_db()
    assert order.status == "shipped" and order.shipped_at is not None
    last = OrderStatusHistory.objects.filter(order=order).last()
    assert (last.from_status, last.to_status, last.actor, last.note) == (
        "processing",
        "shipped",
        admin,
        "Left the yard",
    )
    assert last.created_at is not None


def test_a_transition_outside_the_map_is_refused_and_changes_nothing():
    order = order_create()
    with pytest.raises(ConflictError) as info:
        order_transition(order=order, to=OrderStatus.DELIVERED)
    assert info.value.code == "invalid_transition"
    assert info.value.extra["allowed_transitions"] == ["processing", "cancelled"]
    order.refresh_from_db()
    assert order.status == "pending"
    assert OrderStatusHistory.objects.filter(order=order).count() == 1


def test_reactions_run_in_the_transaction_of_the_change_and_their_effects_after_commit(
    django_capture_on_commit_callbacks, monkeypatch, mailbox
):
    calls = []
    monkeypatch.setattr("commerce.events.REACTIONS", ["commerce.tests.orders.test_lifecycle.spy"])
    spy.calls = calls
    order = order_create()
    with django_capture_on_commit_callbacks(execute=False):
        order_cancel(order=order)
        # The reaction ran with the change, so what it records is written with it.
        assert calls == [(order.pk, "pending", "cancelled")]
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        order_cancel(order=order_create())
    assert mailbox.messages == []  # the e-mail waits for the commit
    for callback in callbacks:
        callback()
    assert len(mailbox.wait_for(1)) == 1


def spy(*, order_id, from_status, to_status):
    spy.calls.append((order_id, from_status, to_status))


def test_cancelling_a_pending_order_releases_its_stock():
    barrel = BarrelFactory(stock_quantity=5)
    order = order_create(barrel=barrel, quantity=2)
    barrel.refresh_from_db()
    assert barrel.reserved_quantity == 2
    order_cancel(order=order, note="Changed my mind")
    barrel.refresh_from_db()
    order.refresh_from_db()
    assert (barrel.stock_quantity, barrel.reserved_quantity) == (5, 0)
    assert order.status == "cancelled" and order.cancelled_at is not None


def test_cancelling_a_paid_order_refunds_it_in_full_and_releases_stock(admin):
    barrel = BarrelFactory(stock_quantity=3)
    order = paid_order_create(barrel=barrel)
    order_cancel(order=order, actor=admin, note="Customer request")
    order.refresh_from_db()
    barrel.refresh_from_db()
    assert order.status == "cancelled"
    assert order.amount_refunded == order.amount_captured == order.total_amount
    assert order.refunds.get().amount == order.total_amount
    assert barrel.reserved_quantity == 0 and barrel.stock_quantity == 3


def test_a_shipped_order_cannot_be_cancelled_and_nothing_changes(admin):
    barrel = BarrelFactory(stock_quantity=3)
    order = paid_order_create(barrel=barrel)
    order_transition(order=order, to=OrderStatus.SHIPPED, actor=admin)
    with pytest.raises(ConflictError) as info:
        order_cancel(order=order, actor=admin)
    assert info.value.code == "cannot_cancel"
    order.refresh_from_db()
    assert order.status == "shipped" and order.amount_refunded == 0
    assert not order.refunds.exists()

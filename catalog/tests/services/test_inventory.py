import threading

import pytest
from django.db import IntegrityError, connection, transaction

from catalog.models import Barrel, BarrelStatus, StockMovement
from catalog.services.inventory import (
    StockReference,
    held_by,
    stock_adjust,
    stock_release,
    stock_reserve,
    stock_sell,
    stock_transfer,
)
from catalog.tests.factories import BarrelFactory
from vwb_site.exceptions import ApplicationError, ConflictError, NotFoundError

pytestmark = pytest.mark.django_db


def test_reserve_holds_stock_and_writes_one_movement_per_barrel(barrel, admin):
    other = BarrelFactory(stock_quantity=2)
    ref = StockReference.order("o-1")
    stock_reserve(lines=[(barrel.id, 2), (other.id, 1), (barrel.id, 1)], reference=ref, actor=admin)
    barrel.refresh_from_db()
    other.refresh_from_db()
    assert (barrel.stock_quantity, barrel.reserved_quantity, barrel.available) == (5, 3, 2)
    assert other.reserved_quantity == 1
    movement = StockMovement.objects.get(barrel=barrel)
    assert (movement.reason, movement.reserved_delta, movement.reserved_after) == (
        "reservation",
        3,
        3,
    )
    assert (movement.reference_kind, movement.reference_id) == ("order", "o-1")
    assert movement.actor == admin
    assert held_by(ref) == {barrel.id: 3, other.id: 1}


def test_reserving_more_than_available_changes_nothing(barrel):
    other = BarrelFactory(stock_quantity=1)
    with pytest.raises(ConflictError) as exc:
        stock_reserve(lines=[(other.id, 1), (barrel.id, 6)], reference=StockReference.order("o"))
    assert exc.value.code == "insufficient_stock"
    assert exc.value.extra["availability"] == {barrel.slug: 5}
    other.refresh_from_db()
    assert other.reserved_quantity == 0
    assert not StockMovement.objects.exists()


@pytest.mark.parametrize("quantity", [0, -1, 1.5])
def test_reserve_refuses_non_positive_or_fractional_quantities(barrel, quantity):
    with pytest.raises(ApplicationError) as exc:
        stock_reserve(lines=[(barrel.id, quantity)], reference=StockReference.order("o"))
    assert exc.value.code == "invalid_quantity"


def test_reserve_refuses_archived_and_unknown_barrels(barrel):
    archived = BarrelFactory(status=BarrelStatus.ARCHIVED)
    with pytest.raises(ConflictError) as exc:
        stock_reserve(lines=[(archived.id, 1)], reference=StockReference.order("o"))
    assert exc.value.code == "barrel_not_available"
    with pytest.raises(NotFoundError):
        stock_reserve(lines=[(999_999, 1)], reference=StockReference.order("o"))


def test_release_is_idempotent_and_returns_exactly_what_was_held(barrel):
    ref = StockReference.quote("q-1")
    stock_reserve(lines=[(barrel.id, 4)], reference=ref)
    stock_release(reference=ref)
    stock_release(reference=ref)
    barrel.refresh_from_db()
    assert barrel.reserved_quantity == 0
    assert StockMovement.objects.filter(reason="release").count() == 1


def test_sell_takes_reserved_units_out_of_stock_once(barrel):
    ref = StockReference.order("o-2")
    stock_reserve(lines=[(barrel.id, 2)], reference=ref)
    stock_sell(reference=ref)
    stock_sell(reference=ref)
    barrel.refresh_from_db()
    assert (barrel.stock_quantity, barrel.reserved_quantity) == (3, 0)


def test_transfer_moves_a_quote_hold_to_its_order(barrel):
    quote, order = StockReference.quote("q"), StockReference.order("o")
    stock_reserve(lines=[(barrel.id, 2)], reference=quote)
    stock_transfer(source=quote, target=order)
    barrel.refresh_from_db()
    assert barrel.reserved_quantity == 2
    assert held_by(quote) == {}
    assert held_by(order) == {barrel.id: 2}


def test_adjust_cannot_take_stock_below_reserved(barrel, admin):
    stock_reserve(lines=[(barrel.id, 4)], reference=StockReference.order("o"))
    with pytest.raises(ConflictError) as exc:
        stock_adjust(barrel=barrel, delta=-2, actor=admin, note="count")
    assert exc.value.code == "stock_below_reserved"
    movement = stock_adjust(barrel=barrel, delta=-1, actor=admin, note="Broken stave")
    assert (movement.stock_after, movement.reserved_after) == (4, 4)


def test_database_refuses_reserved_above_stock(barrel):
    with pytest.raises(IntegrityError), transaction.atomic():
        Barrel.objects.filter(pk=barrel.pk).update(reserved_quantity=6)


@pytest.mark.django_db(transaction=True)
def test_ten_buyers_for_three_units_end_with_exactly_three_reserved():
    barrel = BarrelFactory(stock_quantity=3)
    outcomes: list[str] = []
    start = threading.Barrier(10)

    def buy(n: int) -> None:
        try:
            start.wait()
            stock_reserve(lines=[(barrel.id, 1)], reference=StockReference.order(f"o-{n}"))
            outcomes.append("ok")
        except ConflictError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=buy, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    barrel.refresh_from_db()
    assert sorted(outcomes) == ["ok"] * 3 + ["refused"] * 7
    assert (barrel.stock_quantity, barrel.reserved_quantity) == (3, 3)
    assert StockMovement.objects.filter(barrel=barrel).count() == 3

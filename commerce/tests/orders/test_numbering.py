"""Order numbers: VWB-YYYY-NNNNNN, one counter per year, never shared under concurrency."""

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection, transaction
from django.utils import timezone

from commerce.models import OrderNumberCounter
from commerce.orders.numbering import order_number_next


@pytest.mark.django_db
def test_numbers_follow_each_other_within_a_year_and_restart_the_next(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: datetime(2031, 12, 31, 23, 59, tzinfo=UTC))
    assert [order_number_next() for _ in range(3)] == [
        "VWB-2031-000001",
        "VWB-2031-000002",
        "VWB-2031-000003",
    ]
    monkeypatch.setattr(timezone, "now", lambda: datetime(2032, 1, 1, 0, 1, tzinfo=UTC))
    assert order_number_next() == "VWB-2032-000001"
    assert dict(
        OrderNumberCounter.objects.filter(year__gte=2031).values_list("year", "last_value")
    ) == {2031: 3, 2032: 1}


@pytest.mark.django_db
def test_a_number_taken_in_a_rolled_back_transaction_is_given_back():
    first = order_number_next()
    with transaction.atomic():
        order_number_next()
        transaction.set_rollback(True)
    following = int(order_number_next().rsplit("-", 1)[1])
    assert following == int(first.rsplit("-", 1)[1]) + 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_transactions_never_share_a_number():
    taken: list[str] = []
    barrier = threading.Barrier(8)

    def take():
        try:
            barrier.wait()
            with transaction.atomic():
                number = order_number_next()
            taken.append(number)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(taken) == len(set(taken)) == 8

"""Periodic work without beat: a command per job, and `run_periodic` (what `make run` starts)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models_privacy import RetentionRun
from catalog.tests.factories import BarrelFactory
from commerce.tests.factories import order_create
from quotes.models import QuoteStatus
from quotes.tests.factories import request_quote, send_offer

pytestmark = pytest.mark.django_db


def run(*args, **options) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=out, **options)
    return out.getvalue()


def _late_order():
    barrel = BarrelFactory(stock_quantity=3)
    order = order_create(
        barrel=barrel,
        quantity=2,
        payment_method="bank_transfer",
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    return order, barrel


def test_expire_unpaid_orders_cancels_late_orders_and_releases_stock():
    order, barrel = _late_order()
    assert run("expire_unpaid_orders") == f"expired: 1 ({order.number})\n"
    order.refresh_from_db()
    barrel.refresh_from_db()
    assert order.status == "cancelled" and barrel.reserved_quantity == 0
    assert run("expire_unpaid_orders") == "expired: 0\n"


def test_expire_quotes_expires_offers_past_their_validity(admin, b2b_user, barrel):
    quote = request_quote(user=b2b_user, barrel=barrel)
    send_offer(quote=quote, admin=admin, barrel=barrel)
    quote.refresh_from_db()
    version = quote.current_version
    version.valid_until = timezone.localdate() - timedelta(days=1)
    version.save(update_fields=["valid_until"])
    output = run("expire_quotes")
    assert "expired: 1" in output
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.EXPIRED


def test_privacy_retention_records_a_run():
    output = run("privacy_retention")
    [retention] = RetentionRun.objects.all()
    assert retention.finished_at is not None
    printed = dict(item.split(": ") for item in output.strip().split(", "))
    assert printed == {rule: str(count) for rule, count in retention.counts.items()}
    assert "contact_messages" in printed


def test_flush_barrel_views_moves_counted_views(client):
    from catalog.models import BarrelViewCount

    barrel = BarrelFactory()
    for _ in range(3):
        assert client.get(f"/v1/barrels/{barrel.slug}").status_code == 200
    output = run("flush_barrel_views")
    counted = sum(BarrelViewCount.objects.filter(barrel=barrel).values_list("views", flat=True))
    assert output == f"views added: {counted}\n"
    assert counted == 3


def test_run_periodic_lists_every_beat_entry(settings):
    output = run("run_periodic", "--list")
    assert [line.split("\t")[0] for line in output.splitlines()] == list(
        settings.CELERY_BEAT_SCHEDULE
    )


def test_run_periodic_runs_named_jobs_now_through_their_task():
    order, _ = _late_order()
    output = run("run_periodic", "commerce-expire-unpaid-orders")
    assert f"commerce-expire-unpaid-orders: ['{order.number}']" in output
    order.refresh_from_db()
    assert order.status == "cancelled"


def test_run_periodic_refuses_unknown_jobs_and_no_job():
    with pytest.raises(CommandError, match="Unknown job"):
        run("run_periodic", "expire-everything")
    with pytest.raises(CommandError, match="Name the jobs"):
        run("run_periodic")


def test_the_loop_runs_each_job_on_its_schedule(settings):
    """The local scheduler: a 0.2 s job runs several times in a second, a daily one not at all,
    and an order that falls due while it loops is expired by it."""
    settings.CELERY_BEAT_SCHEDULE = {
        "commerce-expire-unpaid-orders": {
            "task": "commerce.expire_unpaid_orders",
            "schedule": 0.2,
        },
        "privacy-retention": {"task": "accounts.privacy_retention_run", "schedule": 86400.0},
    }
    order, _ = _late_order()
    output = run("run_periodic", "--loop", "--stop-after", "1.2", "--tick", "0.05")
    runs = [line for line in output.splitlines() if "commerce-expire-unpaid-orders:" in line]
    assert 3 <= len(runs) <= 7, output
    assert f"['{order.number}']" in runs[0]
    assert "privacy-retention" not in output
    assert not RetentionRun.objects.exists()
    order.refresh_from_db()
    assert order.status == "cancelled"


def test_the_loop_is_for_local_mode_only(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with pytest.raises(CommandError, match="beat"):
        run("run_periodic", "--loop", "--stop-after", "0.1")


def test_make_runs_loop_steps_aside_for_beat_when_a_broker_is_configured(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    assert (
        run("run_periodic", "--loop", "--if-local")
        == "a broker is configured: periodic jobs are beat's\n"
    )

"""The transactional outbox: what it adds to checkout, how fast the relay drains, how long a
backlog takes to clear once the broker is back.

    .venv/bin/python bench/outbox_bench.py [--orders 200] [--rows 1000]
    .venv/bin/python bench/outbox_bench.py --smoke   # 10 orders, 20 rows: seconds

1. Checkout service time (`order_place`, bank transfer, one line, in-process, PostgreSQL and
   a real Redis broker, no worker: tasks are queued on a bench-only queue, purged afterwards),
   alternating order by order between the outbox (row in the transaction, fast-path publish
   after commit) and the old `on_commit(task.delay)`. Prints the median and p95 of each and the
   difference of the medians.
2. Relay throughput: `rows` pending rows (fast path off) drained by `outbox_relay_batch`.
3. Recovery after an outage: the broker sits behind a TCP forwarder that the bench closes
   (connections refused, as with a stopped Redis). `rows` checkouts' worth of side effects
   are written while it is down, with `manage.py outbox_relay` running in its own process;
   then the forwarder opens again and the time until the backlog is empty is measured.

Uses (and drops) its own database, vwb_bench_outbox (--db; with BENCH_TEMPLATE_DB a copy of
that already migrated database, no migrations), and Redis db 7 (--redis-db), emptied at the end.
"""

import argparse
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from bench_env import create_database, drop_database  # noqa: E402

PG = "postgres://postgres@127.0.0.1:5432"
REDIS = "127.0.0.1", 6379


class Forwarder:
    """127.0.0.1:<port> -> Redis while open; refused while closed (the broker "stopped")."""

    def __init__(self):
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.sock = None
        self.conns: list[socket.socket] = []

    def open(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", self.port))
        self.sock.listen(64)
        threading.Thread(target=self._accept, args=(self.sock,), daemon=True).start()

    def close(self):
        if self.sock:
            # shutdown() first: a close() alone leaves the socket listening while the accept
            # thread is blocked in it (connections still accepted, the port still bound).
            with contextlib.suppress(OSError):
                self.sock.shutdown(socket.SHUT_RDWR)
            self.sock.close()
            self.sock = None
        for conn in self.conns:
            with contextlib.suppress(OSError):
                conn.close()
        self.conns.clear()

    def _accept(self, sock):
        while True:
            try:
                client, _ = sock.accept()
            except OSError:
                return
            upstream = socket.create_connection(REDIS)
            self.conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a, b):
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                with contextlib.suppress(OSError):
                    s.close()


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--db", default="vwb_bench_outbox")
    parser.add_argument("--redis-db", type=int, default=7)
    parser.add_argument("--smoke", action="store_true", help="10 orders, 20 rows: seconds")
    args = parser.parse_args()
    if args.smoke:
        args.orders, args.rows, args.warmup = 10, 20, 3
    queue = f"{args.db}-queue"

    forwarder = Forwarder()
    forwarder.open()
    broker_url = f"redis://127.0.0.1:{forwarder.port}/{args.redis_db}"
    env = {
        "DJANGO_SETTINGS_MODULE": "vwb_site.settings.test",
        "DATABASE_URL": f"{PG}/{args.db}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{args.redis_db}",
        "CACHE_KEY_PREFIX": queue,
        "CELERY_BROKER_URL": broker_url,
        "CELERY_DEFAULT_QUEUE": queue,
        "LOG_LEVEL": "ERROR",
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    os.environ.update(env)
    if not create_database(args.db, pg=PG):
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v", "0"],
            cwd=ROOT,
            check=True,
            env=os.environ,
        )

    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)
    from django.conf import settings
    from django.db import connection, transaction

    from accounts.tests.factories import B2BUserFactory
    from catalog.tests.factories import BarrelFactory
    from commerce.orders import emails
    from commerce.orders.services import CheckoutInput, CheckoutLine, order_place
    from vwb_site.celery_app import app
    from vwb_site.outbox.models import OutboxMessage, OutboxStatus
    from vwb_site.outbox.services import outbox_enqueue, outbox_relay_batch
    from vwb_site.tasks import record_heartbeat

    app.conf.task_always_eager = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    connection.ensure_connection()
    user = B2BUserFactory()
    barrel = BarrelFactory(stock_quantity=10_000_000)
    data = CheckoutInput(
        lines=[CheckoutLine(barrel_id=barrel.pk, quantity=1)],
        payment_method="bank_transfer",
        shipping_method_code="road-pallet",
        shipping_address={
            "recipient_name": "Camille Martin",
            "street": "12 rue des Chais",
            "city": "Bordeaux",
            "zip_code": "33000",
            "country": "FR",
        },
    )

    def legacy(task, *a, **kw):  # what dispatch did before: on_commit(task.delay)
        transaction.on_commit(lambda: task.delay(*a, **kw))

    outboxed = emails.dispatch_on_commit
    for _ in range(args.warmup):  # warm-up: caches, connections, code paths
        order_place(user=user, data=data)
    timings = {"outbox": [], "legacy": []}
    for n in range(args.orders * 2):
        mode = "outbox" if n % 2 == 0 else "legacy"
        emails.dispatch_on_commit = outboxed if mode == "outbox" else legacy
        started = time.perf_counter()
        order_place(user=user, data=data)
        timings[mode].append((time.perf_counter() - started) * 1000)
    emails.dispatch_on_commit = outboxed
    med = {m: statistics.median(v) for m, v in timings.items()}
    print(f"checkout service time over {args.orders} orders each (ms), same run, alternating:")
    for mode in ("legacy", "outbox"):
        print(f"  {mode:7} median {med[mode]:.2f}  p95 {pct(timings[mode], 95):.2f}")
    print(f"  outbox overhead (median difference): {med['outbox'] - med['legacy']:+.2f} ms")

    # 2. Relay throughput.
    settings.OUTBOX_FAST_PATH = False
    settings.OUTBOX_RELAY_GRACE_SECONDS = 0
    OutboxMessage.objects.all().delete()
    for n in range(args.rows):
        outbox_enqueue(record_heartbeat, f"bench-{n}")
    started = time.perf_counter()
    sent = 0
    while counts := outbox_relay_batch():
        sent += counts["sent"]
        if not counts["sent"]:
            break
    elapsed = time.perf_counter() - started
    print(f"relay throughput: {sent} rows in {elapsed:.2f} s = {sent / elapsed:.0f} rows/s")

    # 3. Recovery after an outage, with the relay as deployed (its own process).
    settings.OUTBOX_FAST_PATH = True
    relay = subprocess.Popen(
        [sys.executable, "manage.py", "outbox_relay", "--interval", "1"],
        cwd=ROOT,
        env={**os.environ, "OUTBOX_RELAY_GRACE_SECONDS": "0"},
    )
    try:
        forwarder.close()
        app._pool = None
        app.amqp._producer_pool = None
        started = time.perf_counter()
        for n in range(args.rows):  # written while the broker is down: the fast path fails
            with transaction.atomic():
                outbox_enqueue(record_heartbeat, f"outage-{n}")
        written = time.perf_counter() - started
        pending = OutboxMessage.objects.filter(status=OutboxStatus.PENDING)
        backlog = pending.count()
        print(
            f"broker down: {backlog} rows written in {written:.2f} s"
            f" ({written / backlog * 1000:.2f} ms each, fast path standing aside after the first)"
        )
        time.sleep(3)  # the relay polls a dead broker meanwhile
        forwarder.open()
        back = time.perf_counter()
        while pending.exists():
            if time.perf_counter() - back > 120:
                raise SystemExit("the backlog did not drain within 120 s of the broker's return")
            time.sleep(0.02)
        recovery = time.perf_counter() - back
        print(
            f"recovery: backlog of {backlog} rows empty {recovery:.2f} s after the broker came back"
            f" (relay polling every 1 s)"
        )
        assert backlog == args.rows, backlog
    finally:
        relay.terminate()
        relay.wait(10)
    import redis

    redis.Redis(host=REDIS[0], port=REDIS[1], db=args.redis_db).flushdb()
    connection.close()
    drop_database(args.db, pg=PG)
    forwarder.close()


if __name__ == "__main__":
    main()

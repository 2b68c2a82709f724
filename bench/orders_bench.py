"""Order placement under contention: N concurrent buyers, one barrel with M in stock.

Runs the real stack as deployed: gunicorn (sync workers) with the production settings (persistent
database connections; throttles off, every buyer comes from one address) on PostgreSQL, Redis for
the cache and the Celery broker (e-mail tasks are queued on a bench-only queue, purged
afterwards). Every buyer is a
verified B2B customer paying by bank transfer, so no payment provider is called: what is measured
is checkout itself (pricing, freight, VAT, stock lock and reservation, order number, writes).

    .venv/bin/python bench/orders_bench.py [--buyers 50] [--stock 10] [--workers 4]

Prints the outcome (exactly `stock` orders, zero oversold, the others 409) and the latency
percentiles of order placement. Uses (and drops) its own database, vwb_bench_orders.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bench_env import GunicornServer, production_env  # noqa: E402

DB_NAME = "vwb_bench_orders"
PG = "postgres://postgres@127.0.0.1:5432"


def env_for_server() -> dict[str, str]:
    # Production settings as deployed (persistent connections, tasks to the broker: e-mails
    # are queued on a bench-only queue, purged afterwards), throttles off.
    return production_env(db_name=DB_NAME, redis_db=6, prefix="vwb-bench-orders")


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def drop_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lower, upper = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (k - lower)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buyers", type=int, default=50)
    parser.add_argument("--stock", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--sequential", type=int, default=10,
                        help="orders then placed one at a time, for the uncontended latency")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()

    env = env_for_server()
    os.environ.update(env)
    print(f"Preparing database {DB_NAME} (migrations)...", flush=True)
    recreate_database()
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT,
                   env=env, check=True)

    import django

    django.setup()
    from rest_framework_simplejwt.tokens import RefreshToken

    from accounts.tests.factories import B2BUserFactory
    from catalog.models import Barrel
    from catalog.tests.factories import BarrelFactory
    from commerce.models import Order
    from commerce.tests.e2e.server import Http

    barrel = BarrelFactory(stock_quantity=args.stock)
    buyers = [B2BUserFactory() for _ in range(args.buyers)]
    tokens = [str(RefreshToken.for_user(b).access_token) for b in buyers]
    body = {
        "lines": [{"barrel": barrel.id, "quantity": 1}],
        "shipping_address": {"recipient_name": "Bench Buyer", "street": "1 quai des Chartrons",
                             "city": "Bordeaux", "zip_code": "33000", "country": "FR"},
        "shipping_method_code": "road-pallet", "payment_method": "bank_transfer",
    }
    print(f"Starting gunicorn with {args.workers} workers...", flush=True)
    server = GunicornServer(env, args.workers)
    base = server.base_url
    try:
        # Warm every worker's code paths with a preview (places nothing).
        for token in tokens[: args.workers * 2]:
            Http(base, token).post("/v1/orders/preview", body)
        results: list[tuple[int, float, str]] = []
        lock = threading.Lock()
        barrier = threading.Barrier(args.buyers)

        def buy(token: str, index: int) -> None:
            http = Http(base, token)
            barrier.wait()
            started = time.perf_counter()
            status, data = http.post("/v1/orders", body,
                                     headers={"Idempotency-Key": f"bench-{index}"})
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                results.append((status, elapsed, data.get("code", "")))

        threads = [threading.Thread(target=buy, args=(t, i)) for i, t in enumerate(tokens)]
        wall, client_cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = (time.perf_counter() - wall) * 1000
        used = resource.getrusage(resource.RUSAGE_SELF)
        client_cpu = (used.ru_utime + used.ru_stime - client_cpu.ru_utime
                      - client_cpu.ru_stime) * 1000
        # The same placement one at a time (no queueing, no contention): the service time.
        spare = BarrelFactory(stock_quantity=args.sequential)
        sequential = []
        for i, token in enumerate(tokens[: args.sequential]):
            one = dict(body, lines=[{"barrel": spare.id, "quantity": 1}])
            started = time.perf_counter()
            status, _ = Http(base, token).post("/v1/orders", one,
                                               headers={"Idempotency-Key": f"seq-{i}"})
            sequential.append((time.perf_counter() - started) * 1000)
            assert status == 201, status
    finally:
        server.stop()

    barrel = Barrel.objects.get(pk=barrel.pk)
    created = [r for r in results if r[0] == 201]
    conflicts = [r for r in results if r[0] == 409]
    others = [r for r in results if r[0] not in (201, 409)]
    orders = Order.objects.filter(lines__barrel=barrel).count()  # the burst's barrel only
    latencies = [r[1] for r in results]
    print()
    print(f"buyers: {args.buyers}, stock: {args.stock}, gunicorn workers: {args.workers}")
    print(f"201 created: {len(created)}   409 conflict: {len(conflicts)} "
          f"({sorted({r[2] for r in conflicts})})   other: {len(others)} {others[:3]}")
    print(f"orders in the database: {orders}   barrel stock {barrel.stock_quantity}, "
          f"reserved {barrel.reserved_quantity}, oversold "
          f"{max(barrel.reserved_quantity - barrel.stock_quantity, 0)}")
    print(f"order placement latency (all {len(latencies)} requests): "
          f"p50 {percentile(latencies, 50):.0f} ms, p95 {percentile(latencies, 95):.0f} ms, "
          f"p99 {percentile(latencies, 99):.0f} ms, mean {statistics.mean(latencies):.0f} ms")
    if created:
        ok = [r[1] for r in created]
        print(f"  successful placements: p50 {percentile(ok, 50):.0f} ms, "
              f"p95 {percentile(ok, 95):.0f} ms, p99 {percentile(ok, 99):.0f} ms")
    if conflicts:
        refused = [r[1] for r in conflicts]
        print(f"  409 answers: p50 {percentile(refused, 50):.0f} ms, "
              f"p95 {percentile(refused, 95):.0f} ms")
    print(f"wall time for the burst: {wall:.0f} ms (the {args.buyers} client threads used "
          f"{client_cpu:.0f} ms of CPU of the same 2 cores)")
    print(f"one buyer at a time ({len(sequential)} orders): p50 {percentile(sequential, 50):.0f} ms"
          f", p95 {percentile(sequential, 95):.0f} ms, max {max(sequential):.0f} ms")

    from vwb_site.celery_app import app

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("vwb-bench-orders")
    from django.db import connections

    connections.close_all()
    if not args.keep_db:
        drop_database()
    good = (len(created) == args.stock and len(conflicts) == args.buyers - args.stock
            and not others and orders == args.stock
            and barrel.reserved_quantity == args.stock)
    print("RESULT:", "OK" if good else "FAILED")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())

"""Order placement under contention: N concurrent buyers, one barrel with M in stock.

Runs the real stack as deployed: gunicorn (sync workers) with the production settings (persistent
database connections; throttles off, every buyer comes from one address) on PostgreSQL, Redis for
the cache and the Celery broker (e-mail tasks are queued on a bench-only queue, purged
afterwards). Every buyer is a
verified B2B customer paying by bank transfer, so no payment provider is called: what is measured
is checkout itself (pricing, freight, VAT, stock lock and reservation, order number, writes).

    .venv/bin/python bench/orders_bench.py [--buyers 50] [--stock 10] [--rounds 5] [--workers 3]
    .venv/bin/python bench/orders_bench.py --smoke   # 6 buyers, 2 in stock, 1 burst: seconds

Prints, for each burst, the outcome (exactly `stock` orders, zero oversold, the others 409)
and the latency percentiles of order placement, then the percentiles of all bursts pooled.
Uses (and drops) its own database, vwb_bench_orders (--db); with BENCH_TEMPLATE_DB, a copy
of that already migrated database (no migrations: the smoke tests).
"""

import argparse
import gc
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bench_env import GunicornServer, create_database, drop_database, production_env  # noqa: E402

PG = "postgres://postgres@127.0.0.1:5432"
SMOKE = {"buyers": 6, "stock": 2, "rounds": 1, "workers": 1, "sequential": 2}


def env_for_server(db_name: str) -> dict[str, str]:
    # Production settings as deployed (persistent connections, tasks to the broker: e-mails
    # are queued on a bench-only queue, purged afterwards), throttles off.
    return production_env(db_name=db_name, redis_db=6, prefix=f"{db_name}-queue")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lower, upper = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (k - lower)


def cpu_busy_ms() -> float | None:
    """CPU time all processes of the machine have used so far (Linux /proc/stat), in ms."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
    except OSError:
        return None
    idle = fields[3] + fields[4]  # idle + iowait (steal, fields[7], counts as busy: lost)
    return (sum(fields[:8]) - idle) * 1000 / os.sysconf("SC_CLK_TCK")


def cpu_by_process() -> dict[int, tuple[str, float]]:
    """pid -> (program name, CPU ms used so far), from Linux /proc (empty elsewhere)."""
    found: dict[int, tuple[str, float]] = {}
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")].split("/")[0]
        fields = stat[stat.rindex(")") + 2 :].split()
        found[int(entry.name)] = (name, (int(fields[11]) + int(fields[12])) * 1000 / tick)
    return found


def cpu_by_program(before: dict, after: dict) -> dict[str, float]:
    """CPU ms used between two cpu_by_process() samples, per program name."""
    totals: dict[str, float] = {}
    for pid, (name, used) in after.items():
        spent = used - before.get(pid, (name, 0.0))[1]
        if spent > 0:
            totals[name] = totals.get(name, 0.0) + spent
    return totals


def burst(base: str, tokens: list[str], body: dict, round_no: int) -> dict:
    """Every buyer posts the same order at the same instant; returns what each one got. The
    buyers are as light as a load generator should be (each request's bytes are prepared
    before the start and written to a plain socket): they share the server's cores."""
    host, port = base.removeprefix("http://").split(":")
    payload = json.dumps(body).encode()
    results: list[tuple[int, float, str]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(tokens))

    def buy(token: str, index: int) -> None:
        request = (
            f"POST /v1/orders HTTP/1.1\r\nHost: {host}:{port}\r\n"
            f"Content-Type: application/json\r\nAccept: application/json\r\n"
            f"Authorization: Bearer {token}\r\nIdempotency-Key: bench-{round_no}-{index}\r\n"
            f"Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n"
        ).encode() + payload
        barrier.wait()
        started = time.perf_counter()
        with socket.create_connection((host, int(port)), timeout=30) as sock:
            sock.sendall(request)
            chunks = []
            while chunk := sock.recv(65536):  # the server closes after its answer
                chunks.append(chunk)
        elapsed = (time.perf_counter() - started) * 1000
        head, _, raw = b"".join(chunks).partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        code = json.loads(raw).get("code", "") if status != 201 else ""
        with lock:
            results.append((status, elapsed, code))

    threads = [threading.Thread(target=buy, args=(t, i)) for i, t in enumerate(tokens)]
    # No garbage collection in the buyers' process during the burst: a full one walks every
    # object Django and the factories loaded here (150 ms), and would be counted as latency.
    gc.collect()
    gc.disable()
    wall, client_cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
    busy, processes = cpu_busy_ms(), cpu_by_process()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = (time.perf_counter() - wall) * 1000
    gc.enable()
    busy = cpu_busy_ms() - busy if busy is not None else None
    programs = cpu_by_program(processes, cpu_by_process())
    used = resource.getrusage(resource.RUSAGE_SELF)
    client_cpu = (used.ru_utime + used.ru_stime - client_cpu.ru_utime - client_cpu.ru_stime) * 1000
    return {
        "results": results,
        "wall": wall,
        "client_cpu": client_cpu,
        "busy": busy,
        "programs": programs,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buyers", type=int, default=50)
    parser.add_argument("--stock", type=int, default=10)
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="bursts, each on a fresh barrel (the figures vary from one burst "
        "to the next: all are printed, and pooled)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=3,
        help="gunicorn sync workers (3: gunicorn.conf.py's default)",
    )
    parser.add_argument(
        "--sequential",
        type=int,
        default=10,
        help="orders then placed one at a time, for the uncontended latency",
    )
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--db", default="vwb_bench_orders")
    parser.add_argument("--smoke", action="store_true", help=f"tiny sizes, seconds: {SMOKE}")
    args = parser.parse_args()
    if args.smoke:
        for key, value in SMOKE.items():
            setattr(args, key, value)

    env = env_for_server(args.db)
    os.environ.update(env)
    print(f"Preparing database {args.db}...", flush=True)
    if not create_database(args.db, pg=PG):
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )

    import django

    django.setup()
    from rest_framework_simplejwt.tokens import RefreshToken

    from accounts.tests.factories import B2BUserFactory
    from catalog.models import Barrel
    from catalog.tests.factories import BarrelFactory
    from commerce.models import Order
    from commerce.tests.e2e.server import Http

    buyers = [B2BUserFactory() for _ in range(args.buyers)]
    tokens = [str(RefreshToken.for_user(b).access_token) for b in buyers]

    def order_body(barrel) -> dict:
        return {
            "lines": [{"barrel": barrel.id, "quantity": 1}],
            "shipping_address": {
                "recipient_name": "Bench Buyer",
                "street": "1 quai des Chartrons",
                "city": "Bordeaux",
                "zip_code": "33000",
                "country": "FR",
            },
            "shipping_method_code": "road-pallet",
            "payment_method": "bank_transfer",
        }

    print(f"Starting gunicorn with {args.workers} workers...", flush=True)
    server = GunicornServer(env, args.workers)
    base = server.base_url
    rounds = []
    try:
        # Warm-up burst, not measured: every worker runs both answers (placed and sold out)
        # once before the measured bursts, as the workers of a running shop have.
        burst(base, tokens, order_body(BarrelFactory(stock_quantity=len(tokens) // 2)), -1)
        for round_no in range(args.rounds):
            barrel = BarrelFactory(stock_quantity=args.stock)
            outcome = burst(base, tokens, order_body(barrel), round_no)
            barrel = Barrel.objects.get(pk=barrel.pk)
            outcome["barrel"] = barrel
            outcome["orders"] = Order.objects.filter(lines__barrel=barrel).count()
            rounds.append(outcome)
        # The same placement one at a time (no queueing, no contention): the service time.
        spare = BarrelFactory(stock_quantity=args.sequential)
        sequential = []
        for i, token in enumerate(tokens[: args.sequential]):
            started = time.perf_counter()
            status, _ = Http(base, token).post(
                "/v1/orders", order_body(spare), headers={"Idempotency-Key": f"seq-{i}"}
            )
            sequential.append((time.perf_counter() - started) * 1000)
            assert status == 201, status
    finally:
        server.stop()

    print()
    print(
        f"buyers: {args.buyers} at once, stock: {args.stock}, gunicorn workers: "
        f"{args.workers}, {args.rounds} bursts (each on a fresh barrel), "
        f"{os.cpu_count()} cores shared by the server, PostgreSQL, Redis and the buyers"
    )
    good = True
    for number, outcome in enumerate(rounds, start=1):
        results, barrel = outcome["results"], outcome["barrel"]
        created = [r for r in results if r[0] == 201]
        conflicts = [r for r in results if r[0] == 409]
        others = [r for r in results if r[0] not in (201, 409)]
        latencies = [r[1] for r in results]
        oversold = max(barrel.reserved_quantity - barrel.stock_quantity, 0)
        ok = (
            len(created) == args.stock
            and len(conflicts) == args.buyers - args.stock
            and not others
            and outcome["orders"] == args.stock
            and barrel.reserved_quantity == args.stock
        )
        good = good and ok
        busy = (
            f", machine CPU {outcome['busy']:.0f} of {outcome['wall'] * os.cpu_count():.0f} ms"
            if outcome["busy"] is not None
            else ""
        )
        print(
            f"burst {number}: 201 x{len(created)}, 409 x{len(conflicts)} "
            f"{sorted({r[2] for r in conflicts})}, other x{len(others)} {others[:2]}; "
            f"{outcome['orders']} orders, reserved {barrel.reserved_quantity}/"
            f"{barrel.stock_quantity}, oversold {oversold}; p50 "
            f"{percentile(latencies, 50):.0f} / p95 {percentile(latencies, 95):.0f} / p99 "
            f"{percentile(latencies, 99):.0f} ms; wall {outcome['wall']:.0f} ms (buyers' "
            f"threads {outcome['client_cpu']:.0f} ms CPU{busy})"
        )
        if outcome["programs"]:
            top = sorted(outcome["programs"].items(), key=lambda item: -item[1])[:5]
            print("  CPU ms by program: " + ", ".join(f"{n} {v:.0f}" for n, v in top))
    pooled = [r[1] for outcome in rounds for r in outcome["results"]]
    created = [r[1] for outcome in rounds for r in outcome["results"] if r[0] == 201]
    refused = [r[1] for outcome in rounds for r in outcome["results"] if r[0] == 409]
    p95s = sorted(percentile([r[1] for r in o["results"]], 95) for o in rounds)
    print(
        f"order placement, all {len(pooled)} requests of the {len(rounds)} bursts: "
        f"p50 {percentile(pooled, 50):.0f} ms, p95 {percentile(pooled, 95):.0f} ms, "
        f"p99 {percentile(pooled, 99):.0f} ms, mean {statistics.mean(pooled):.0f} ms"
    )
    print(
        f"  per-burst p95: median {statistics.median(p95s):.0f} ms, "
        f"range {p95s[0]:.0f}-{p95s[-1]:.0f} ms"
    )
    if created:
        print(
            f"  successful placements: p50 {percentile(created, 50):.0f} ms, "
            f"p95 {percentile(created, 95):.0f} ms, p99 {percentile(created, 99):.0f} ms"
        )
    if refused:
        print(
            f"  409 answers: p50 {percentile(refused, 50):.0f} ms, "
            f"p95 {percentile(refused, 95):.0f} ms"
        )
    print(
        f"one buyer at a time ({len(sequential)} orders): p50 {percentile(sequential, 50):.0f} ms"
        f", p95 {percentile(sequential, 95):.0f} ms, max {max(sequential):.0f} ms"
    )

    from vwb_site.celery_app import app

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(env["CELERY_DEFAULT_QUEUE"])
    from django.db import connections

    connections.close_all()
    if not args.keep_db:
        drop_database(args.db, pg=PG)
    print("RESULT:", "OK" if good else "FAILED")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())

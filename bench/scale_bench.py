"""Scaling benchmark: the catalog with two web instances against one, and through PgBouncer
against direct connections, measured in one run.

    .venv/bin/python bench/scale_bench.py [--barrels 5000] [--duration 10]
        [--service-duration 5] [--concurrency 16] [--workers 2] [--db vwb_scale_bench]
        [--keep-db | --reuse-db] [--smoke]

What it does:
1. creates a fresh PostgreSQL database, migrates it and seeds N active barrels (seed_catalog,
   as bench/catalog_bench.py does);
2. figure 1, two instances against one: starts two gunicorns (production settings, each
   `--workers` sync workers, persistent database connections, shared Redis) and loads the
   catalog list (a mix of filters, orderings and pages) with `--concurrency` clients, first
   all on instance A, then spread request by request over A and B, which is what a load
   balancer in front of them does. Twice: with the response cache on (production: Redis and
   the worker-local copies) and off (every request reads PostgreSQL). The ratio is
   rps(A + B) / rps(A);
3. figure 2, PgBouncer against direct: one instance reading PostgreSQL directly and one
   through a private PgBouncer in transaction pooling mode (DATABASE_POOLER=pgbouncer:
   psycopg prepares nothing, no server-side cursors; `default_pool_size` 4), response cache
   off so every request reaches the database; p50/p95 of the uncached list under load and of
   the service time (one client, no queueing);
4. prints both tables, then stops everything and drops the database (unless --keep-db).

Each comparison is taken in `--rounds` slices, the configurations in turn (the order reversed
every other round), so that other work on the machine weighs on both sides alike.

The load generator is a small multi-process Python client on the same machine (a connection
per request, as gunicorn's sync workers close it anyway). On a machine with few cores the
instances, PostgreSQL, Redis and the client share the same CPUs: a second instance adds
processes, not cores, so the ratio says whether spreading over instances costs anything
(shared caches, connections), not how far more machines would scale. --smoke runs the whole
path in seconds (few barrels, 1 s loads) to check that it works, not to measure.
"""

import argparse
import multiprocessing as mp
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_env import GunicornServer, free_port, http_get, production_env
from catalog_bench import manage, psql

RUN_ID = f"{os.getpid()}-{int(time.time())}"
LISTS = [
    f"/v1/barrels?{query}"
    for query in (
        "",
        "ordering=price",
        "ordering=-price",
        "ordering=volume",
        "wood_type=french_oak",
        "wood_type=american_oak&ordering=price",
        "previous_content=bordeaux",
        "previous_content=bourbon&ordering=-price",
        "condition=excellent",
        "in_stock=true&ordering=newest",
        "page=2",
        "page=3&ordering=price",
        "volume_min=200&volume_max=300",
        "price_max=400&ordering=price",
        "wood_type=french_oak&previous_content=bordeaux&ordering=price",
        "origin_country=FR",
    )
]


def bench_env(db: str, *, cache_timeout: int, **extra: str) -> dict:
    return production_env(
        db_name=db,
        redis_db=5,
        prefix=f"{db}-{RUN_ID}-{cache_timeout}",
        CELERY_TASK_ALWAYS_EAGER="true",
        CATALOG_CACHE_TIMEOUT=str(cache_timeout),
        **extra,
    )


class PgBouncer:
    """A private PgBouncer in transaction pooling mode in front of the local PostgreSQL."""

    def __init__(self, pool_size: int = 4):
        self.port = free_port()
        folder = Path(tempfile.mkdtemp(prefix="scale-bench-pgbouncer-"))
        folder.chmod(0o755)
        ini = folder / "pgbouncer.ini"
        ini.write_text(
            "[databases]\n* = host=127.0.0.1 port=5432 user=postgres\n[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {self.port}\nunix_socket_dir =\n"
            "auth_type = any\npool_mode = transaction\nmax_client_conn = 500\n"
            f"default_pool_size = {pool_size}\n"
            "ignore_startup_parameters = extra_float_digits,options\n"
            "server_reset_query =\nlogfile =\npidfile =\nadmin_users =\n"
        )
        ini.chmod(0o644)
        binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
        command = [binary, str(ini)]
        if os.geteuid() == 0:  # PgBouncer refuses to run as root
            command = [binary, "-u", "nobody", str(ini)]
        self.proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        time.sleep(0.5)
        if self.proc.poll() is not None:
            raise RuntimeError("pgbouncer did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def _client(ports, paths, duration, threads, out):
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def run(seed):
        rng = random.Random(seed)
        mine, bad, n = [], 0, seed
        while time.monotonic() < stop_at:
            port = ports[n % len(ports)]  # round robin, as a load balancer does
            n += 1
            started = time.perf_counter()
            try:
                status, _ = http_get(port, rng.choice(paths))
            except OSError:
                status = 0
            if status == 200:
                mine.append(time.perf_counter() - started)
            else:
                bad += 1
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    workers = [threading.Thread(target=run, args=(os.getpid() * 100 + k,)) for k in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    out.put((latencies, errors[0]))


def warm(ports: list[int], paths: list[str]) -> None:
    for port in ports:  # every instance's caches and connections
        for path in paths:
            status, body = http_get(port, path)
            if status != 200:
                raise RuntimeError(f"GET {path} -> {status}: {body[:300]!r}")


def run(ports: list[int], paths: list[str], *, duration: float, concurrency: int) -> tuple:
    """`concurrency` clients (in up to 4 processes), one request at a time each, for
    `duration` seconds, spread over `ports`: (latencies, errors, elapsed seconds)."""
    processes = min(4, concurrency)
    per = [concurrency // processes + (k < concurrency % processes) for k in range(processes)]
    queue: mp.Queue = mp.Queue()
    started = time.monotonic()
    procs = [mp.Process(target=_client, args=(ports, paths, duration, n, queue)) for n in per]
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    latencies = [x for lat, _ in results for x in lat]
    return latencies, sum(e for _, e in results), time.monotonic() - started


def summary(latencies: list[float], errors: int, elapsed: float) -> dict:
    latencies = sorted(latencies)
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "rps": len(latencies) / elapsed,
        "p50": q[49] * 1000,
        "p95": q[94] * 1000,
        "p99": q[98] * 1000,
        "n": len(latencies),
        "errors": errors,
    }


def compare(
    configs: dict[str, list[int]], paths: list[str], *, duration: float, concurrency: int, rounds
) -> dict[str, dict]:
    """Each configuration (name -> the ports its requests spread over) measured for `duration`
    seconds in all, in `rounds` slices taken in turn (the order reversed every other round), so
    that a change of the machine's load during the run weighs on every configuration alike."""
    for ports in configs.values():
        warm(ports, paths)
    totals = {name: ([], 0, 0.0) for name in configs}
    for r in range(rounds):
        names = list(configs) if r % 2 == 0 else list(reversed(configs))
        for name in names:
            latencies, errors, elapsed = run(
                configs[name], paths, duration=duration / rounds, concurrency=concurrency
            )
            acc = totals[name]
            totals[name] = (acc[0] + latencies, acc[1] + errors, acc[2] + elapsed)
    return {name: summary(*totals[name]) for name in configs}


def line(name: str, r: dict) -> str:
    return (
        f"{name:<46} {r['rps']:>7.0f} {r['p50']:>7.1f} {r['p95']:>7.1f} {r['p99']:>7.1f} "
        f"{r['n']:>7} {r['errors']:>4}"
    )


HEADER = f"{'':<46} {'rps':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'n':>7} {'err':>4}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--barrels", type=int, default=5000)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--service-duration", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument(
        "--rounds", type=int, default=4, help="Slices each comparison is taken in, in turn."
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", default="vwb_scale_bench")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--reuse-db", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="Seconds, to check the path.")
    args = parser.parse_args()
    if args.smoke:
        args.barrels, args.duration, args.service_duration, args.concurrency = 200, 1, 1, 4
        args.rounds = 2
    db = args.db
    if args.reuse_db:
        args.keep_db = True
    else:
        psql(f"DROP DATABASE IF EXISTS {db}")
        psql(f"CREATE DATABASE {db}")
    servers: list[GunicornServer] = []
    bouncer = None
    try:
        if not args.reuse_db:
            print(f"Migrating {db} and seeding {args.barrels} active barrels...", flush=True)
            env = bench_env(db, cache_timeout=300)
            manage(env, "migrate", "--noinput", "-v", "0")
            manage(
                env,
                *("seed_catalog", "--count", str(args.barrels), "--all-active"),
                *("--seed", "1", "--no-progress"),
            )
            psql("VACUUM ANALYZE", db=db)

        def start(env: dict) -> GunicornServer:
            server = GunicornServer(env, args.workers)
            servers.append(server)
            return server

        load_before = os.getloadavg()
        kw = {"duration": args.duration, "concurrency": args.concurrency, "rounds": args.rounds}
        scale: dict[str, dict[str, dict]] = {}
        for label, timeout in (("cache on", 300), ("cache off", 0)):
            env = bench_env(db, cache_timeout=timeout)
            a, b = start(env), start(env)
            scale[label] = compare({"one": [a.port], "two": [a.port, b.port]}, LISTS, **kw)
            a.stop()
            b.stop()

        bouncer = PgBouncer()
        direct = start(bench_env(db, cache_timeout=0))
        pooled = start(
            bench_env(
                db,
                cache_timeout=0,
                DATABASE_URL=f"postgres://postgres@127.0.0.1:{bouncer.port}/{db}",
                DATABASE_POOLER="pgbouncer",
            )
        )
        pair = {"direct": [direct.port], "PgBouncer": [pooled.port]}
        under_load = compare(pair, LISTS, **kw)
        service = compare(
            pair, LISTS, duration=args.service_duration, concurrency=1, rounds=args.rounds
        )
        rows = {f"{name}, under load": r for name, r in under_load.items()}
        rows.update({f"{name}, service time (1 client)": r for name, r in service.items()})

        print(f"\nLoad average before/after: {load_before} / {os.getloadavg()}")
        print(
            f"{os.cpu_count()} cores shared by the instances, PostgreSQL, Redis and the load "
            f"generator; {args.barrels} barrels; {args.concurrency} clients for "
            f"{args.duration:g} s; gunicorn {args.workers} sync workers per instance; "
            f"{len(LISTS)} list URLs; each comparison in {args.rounds} alternating slices.\n"
        )
        print("Figure 1: catalog list, two web instances against one")
        print(HEADER)
        for label, measured in scale.items():
            one, two = measured["one"], measured["two"]
            print(line(f"one instance (A), {label}", one))
            print(line(f"two instances (A + B, round robin), {label}", two))
            print(f"{'':<46} ratio two/one: {two['rps'] / one['rps']:.2f}")
        print("\nFigure 2: catalog list (uncached), through PgBouncer against direct")
        print(HEADER)
        for name, r in rows.items():
            print(line(name, r))
        for kind in ("under load", "service time (1 client)"):
            d, p = rows[f"direct, {kind}"], rows[f"PgBouncer, {kind}"]
            print(
                f"p95 {kind}: PgBouncer {p['p95']:.1f} ms / direct {d['p95']:.1f} ms = "
                f"{p['p95'] / d['p95']:.2f}"
            )
        return 0
    finally:
        for server in servers:
            server.stop()
        if bouncer is not None:
            bouncer.stop()
        if not args.keep_db:
            psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


if __name__ == "__main__":
    raise SystemExit(main())

"""Catalog benchmark: throughput and latency of the barrel API behind gunicorn.

    .venv/bin/python bench/catalog_bench.py [--barrels 10000] [--large 100000]
        [--duration 10] [--concurrency 20] [--workers 2]

What it does, in one run:
1. creates a fresh PostgreSQL database (default `vwb_bench`), migrates it and seeds N active
   barrels with `seed_catalog` (deterministic);
2. starts gunicorn (2 sync workers, production settings with throttling off, persistent
   database connections) on a free port, twice: with the response cache on and with it off;
3. drives each endpoint with 20 concurrent keep-alive-less HTTP clients (a small multi-process,
   multi-thread load generator: `wrk` is not installed here) for a fixed time, and records every
   latency;
4. prints rps and p50/p95/p99 for (a) a bare Django view returning a constant JSON list of 24
   items, (b) the list with two filters and an ordering, cached and uncached, (c) search
   queries, (d) a detail, each with its throughput ratio to (a);
5. with --large, seeds up to that many barrels and measures (c) again;
6. stops gunicorn and drops the database.

The load generator runs on the same 2-core machine as gunicorn, PostgreSQL and Redis, so absolute
figures are pessimistic; the ratios to (a) are the comparable part.
"""

import argparse
import http.client
import multiprocessing as mp
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))

SEARCHES = ["bourbon", "sherry butt", "oloroso", "speyside hogshead", "burbon",
            "french oak barrique", "pauillac", "tawny port", "cognac", "kelvin cooperage"]
RUN_ID = f"{os.getpid()}-{int(time.time())}"
LIST_B = "/v1/barrels?wood_type=french_oak&previous_content=bordeaux&ordering=price"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(db_name: str, cache_timeout: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'bench'}",
        DJANGO_SECRET_KEY="bench-only-secret-key-not-for-production-0123456789",  # noqa: S106
        JWT_SIGNING_KEY="bench-only-jwt-key-0123456789",
        FIELD_ENCRYPTION_KEYS="bG9jYWwtZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ=",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{db_name}",
        DATABASE_SSLMODE="disable",
        DATABASE_CONN_MAX_AGE="600",
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5"),
        CACHE_KEY_PREFIX=f"{db_name}-{RUN_ID}-{cache_timeout}",
        CELERY_TASK_ALWAYS_EAGER="true",
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
        CATALOG_BENCH_VIEW="true",
        CATALOG_CACHE_TIMEOUT=str(cache_timeout),
    )
    return env


def manage(env, *args: str) -> None:
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)


def psql(sql: str, db: str = "postgres") -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-q",
                    "-v", "ON_ERROR_STOP=1", "-c", sql], check=True)


class Server:
    def __init__(self, env, workers: int):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [GUNICORN, "vwb_site.wsgi:application", "--workers", str(workers),
             "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning",
             "--access-logfile", "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if get(self.port, "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


def get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Accept": "application/json"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _client_process(port, paths, duration, threads, out):
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def run(seed):
        rng = random.Random(seed)
        mine, bad = [], 0
        while time.monotonic() < stop_at:
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                status, _ = get(port, path)
            except OSError:
                status = 0
            elapsed = time.perf_counter() - started
            if status == 200:
                mine.append(elapsed)
            else:
                bad += 1
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    workers = [threading.Thread(target=run, args=(os.getpid() * 100 + n,))
               for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    out.put((latencies, errors[0]))


def load(port: int, paths: list[str], *, duration: float, concurrency: int,
         processes: int = 4, warm_all: bool = False) -> dict:
    """`concurrency` clients in `processes` processes, each sending one request at a time."""
    _warm(port, paths if warm_all else paths[:50])
    queue: mp.Queue = mp.Queue()
    per = [concurrency // processes + (1 if n < concurrency % processes else 0)
           for n in range(processes)]
    started = time.monotonic()
    procs = [mp.Process(target=_client_process, args=(port, paths, duration, n, queue))
             for n in per if n]
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.monotonic() - started
    latencies = sorted(x for lat, _ in results for x in lat)
    errors = sum(e for _, e in results)
    if not latencies:
        return {"rps": 0.0, "p50": 0, "p95": 0, "p99": 0, "n": 0, "errors": errors}
    q = statistics.quantiles(latencies, n=100)
    return {"rps": len(latencies) / elapsed, "p50": q[49] * 1000, "p95": q[94] * 1000,
            "p99": q[98] * 1000, "n": len(latencies), "errors": errors}


def _warm(port, paths):
    for path in paths:
        status, body = get(port, path)
        if status != 200:
            raise RuntimeError(f"GET {path} -> {status}: {body[:300]!r}")


def detail_paths(env, count: int) -> list[str]:
    code = ("import django; django.setup(); from catalog.models import Barrel; "
            f"print('\\n'.join(Barrel.objects.active().order_by('?')"
            f".values_list('slug', flat=True)[:{count}]))")
    out = subprocess.run([PYTHON, "-c", code], env=env, cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.split()
    return [f"/v1/barrels/{slug}" for slug in out]


def search_paths() -> list[str]:
    return [f"/v1/barrels?search={term.replace(' ', '+')}" for term in SEARCHES]


def print_table(rows: list[tuple[str, dict]], baseline: float) -> None:
    print()
    print(f"{'endpoint':<44} {'rps':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'vs (a)':>7} {'n':>7} {'err':>4}")
    for name, r in rows:
        ratio = r["rps"] / baseline if baseline else 0
        print(f"{name:<44} {r['rps']:>8.0f} {r['p50']:>8.1f} {r['p95']:>8.1f} "
              f"{r['p99']:>8.1f} {ratio:>6.0%} {r['n']:>7} {r['errors']:>4}")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--barrels", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=0,
                        help="Also measure search at this many barrels (e.g. 100000).")
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", default="vwb_bench")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()

    db = args.db
    psql(f"DROP DATABASE IF EXISTS {db}")
    psql(f"CREATE DATABASE {db}")
    servers: list[Server] = []
    try:
        cached_env, uncached_env = bench_env(db, 300), bench_env(db, 0)
        print(f"Migrating {db} and seeding {args.barrels} active barrels...", flush=True)
        manage(cached_env, "migrate", "--noinput", "-v", "0")
        manage(cached_env, "seed_catalog", "--count", str(args.barrels), "--all-active",
               "--seed", "1", "--no-progress")
        psql("VACUUM ANALYZE", db=db)
        details = detail_paths(cached_env, 2000)
        kw = {"duration": args.duration, "concurrency": args.concurrency}
        load_before = os.getloadavg()
        rows: list[tuple[str, dict]] = []

        server = Server(cached_env, args.workers)
        servers.append(server)
        print(f"gunicorn ({args.workers} workers) on port {server.port}, cache on", flush=True)
        a = load(server.port, ["/v1/_bench/constant"], **kw)
        rows.append(("(a) bare Django view, 24 items", a))
        rows.append(("(b) list, 2 filters + ordering, cached", load(server.port, [LIST_B], **kw)))
        rows.append(("(c) search, cached", load(server.port, search_paths(), **kw)))
        rows.append(("(d) detail, cached (2000 barrels)",
                     load(server.port, details, warm_all=True, **kw)))
        server.stop()

        server = Server(uncached_env, args.workers)
        servers.append(server)
        print(f"gunicorn ({args.workers} workers) on port {server.port}, cache off", flush=True)
        rows.append(("(b) list, 2 filters + ordering, uncached",
                     load(server.port, [LIST_B], **kw)))
        rows.append((f"(c) search, uncached ({args.barrels} barrels)",
                     load(server.port, search_paths(), **kw)))
        rows.append(("(d) detail, uncached", load(server.port, details, **kw)))
        server.stop()

        if args.large > args.barrels:
            print(f"Seeding up to {args.large} barrels...", flush=True)
            manage(cached_env, "seed_catalog", "--count", str(args.large - args.barrels),
                   "--all-active", "--seed", "2", "--no-progress")
            psql("VACUUM ANALYZE", db=db)
            server = Server(uncached_env, args.workers)
            servers.append(server)
            rows.append((f"(c) search, uncached ({args.large} barrels)",
                         load(server.port, search_paths(), **kw)))
            rows.append((f"(b) list, uncached ({args.large} barrels)",
                         load(server.port, [LIST_B], **kw)))
            server.stop()

        print(f"Load average before/after: {load_before} / {os.getloadavg()}")
        print(f"{args.concurrency} concurrent clients, {args.duration:.0f} s per endpoint, "
              f"gunicorn {args.workers} sync workers, {os.cpu_count()} CPU cores shared with "
              "the load generator, PostgreSQL and Redis.")
        print_table(rows, a["rps"])
        return 0
    finally:
        for server in servers:
            server.stop()
        if not args.keep_db:
            psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())

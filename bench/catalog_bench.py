"""Catalog benchmark: throughput and latency of the barrel API behind gunicorn.

    .venv/bin/python bench/catalog_bench.py [--barrels 10000] [--large 100000]
        [--duration 10] [--concurrency 20] [--workers 2] [--service-duration 5]
        [--max-requests 0] [--python-client] [--db vwb_bench] [--keep-db | --reuse-db]
    .venv/bin/python bench/catalog_bench.py --smoke   # 60 barrels, 1 worker, 0.5 s per endpoint

What it does, in one run:
1. creates a fresh PostgreSQL database (default `vwb_bench`), migrates it and seeds N active
   barrels with `seed_catalog` (deterministic; the seed has no images);
2. starts gunicorn with the project's gunicorn.conf.py (2 sync workers here, production
   settings with throttling off, persistent database connections, Prometheus multi-process
   metrics in a private directory) on a free port, twice: with the response cache on and off.
   Worker recycling (gunicorn's max_requests) is off unless --max-requests says otherwise: a
   recycled worker re-imports the whole project, seconds of CPU that would be charged to
   whichever endpoint happens to be measured;
3. for each endpoint, two measurements:
   - load: `--concurrency` (20) clients, each sending one request at a time for `--duration`
     seconds. p50/p95/p99 here include the time requests wait for one of the 2 workers: with
     20 clients and 2 workers, a request queues behind about 9 others on average, so p95 is
     roughly 20 / rps (Little's law), whatever the endpoint;
   - service time: one client (concurrency 1) for `--service-duration` seconds: no queueing,
     so p50/p95 are the time one request takes through HTTP, gunicorn, Django and the
     database (still on a machine shared with the load generator, PostgreSQL and Redis);
4. prints, for (a) a bare Django view returning a constant JSON list of 24 items (through the
   full middleware stack), (b) the list with two filters and an ordering, cached and uncached,
   (c) search queries, (d) a detail, each with its throughput ratio to (a): rps and
   p50/p95/p99 under load, then p50/p95/p99 of the service time;
5. with --large, seeds up to that many barrels and measures (c) and (b) uncached again, then
   (c) through the response cache;
6. stops gunicorn and drops the database (unless --keep-db; --reuse-db measures a kept
   database again without seeding it).

The load generator is `wrk` (with bench/wrk_paths.lua: it cycles through the endpoint's paths,
search terms or detail slugs, and prints p95, which wrk's --latency does not) when it is on
the PATH; otherwise (or with --python-client) a small multi-process Python client that opens a
connection per request, as gunicorn's sync workers close it after each response anyway. Both
run on the same machine as gunicorn, PostgreSQL and Redis, so absolute figures are
pessimistic; the ratios to (a) and the service times are the comparable part.
"""

import argparse
import json
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
from bench_env import GunicornServer, create_database, http_get, production_env

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WRK = shutil.which("wrk")
WRK_SCRIPT = Path(__file__).resolve().with_name("wrk_paths.lua")

SEARCHES = [
    "bourbon",
    "sherry butt",
    "oloroso",
    "speyside hogshead",
    "burbon",
    "french oak barrique",
    "pauillac",
    "tawny port",
    "cognac",
    "kelvin cooperage",
]
RUN_ID = f"{os.getpid()}-{int(time.time())}"
SMOKE = {
    "barrels": 60,
    "large": 0,
    "duration": 0.5,
    "service_duration": 0.3,
    "concurrency": 2,
    "workers": 1,
    "python_client": True,
}
LIST_B = "/v1/barrels?wood_type=french_oak&previous_content=bordeaux&ordering=price"


def bench_env(db_name: str, cache_timeout: int) -> dict[str, str]:
    return production_env(
        db_name=db_name,
        redis_db=5,
        prefix=f"{db_name}-{RUN_ID}-{cache_timeout}",
        CELERY_TASK_ALWAYS_EAGER="true",
        CATALOG_CACHE_TIMEOUT=str(cache_timeout),
    )


def manage(env, *args: str) -> None:
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)


def psql(sql: str, db: str = "postgres") -> None:
    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            db,
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            sql,
        ],
        check=True,
    )


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
                status, _ = http_get(port, path)
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

    workers = [threading.Thread(target=run, args=(os.getpid() * 100 + n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    out.put((latencies, errors[0]))


def load(
    port: int,
    paths: list[str],
    *,
    duration: float,
    concurrency: int,
    warm_all: bool = False,
    python_client: bool = False,
) -> dict:
    """`concurrency` clients, each sending one request at a time for `duration` seconds:
    {"rps", "p50", "p95", "p99" (ms), "n" (responses), "errors" (failed or status >= 400)}."""
    _warm(port, paths if warm_all else paths[:50])
    if WRK and not python_client:
        return _load_wrk(port, paths, duration=duration, concurrency=concurrency)
    return _load_python(port, paths, duration=duration, concurrency=concurrency)


def _load_wrk(port: int, paths: list[str], *, duration: float, concurrency: int) -> dict:
    threads = min(2, concurrency)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", prefix="catalog-bench-paths-") as f:
        f.write("\n".join(paths) + "\n")
        f.flush()
        out = subprocess.run(
            [
                WRK,
                f"-t{threads}",
                f"-c{concurrency}",
                f"-d{duration:g}s",
                "--timeout",
                "10s",
                "-s",
                str(WRK_SCRIPT),
                f"http://127.0.0.1:{port}",
                "--",
                f.name,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    line = next(x for x in out.splitlines() if x.startswith("WRK_RESULT "))
    r = json.loads(line.removeprefix("WRK_RESULT "))
    errors = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
    return {
        "rps": r["requests"] / (r["duration_us"] / 1e6),
        "p50": r["p50_us"] / 1000,
        "p95": r["p95_us"] / 1000,
        "p99": r["p99_us"] / 1000,
        "n": r["requests"],
        "errors": errors,
    }


def _load_python(
    port: int, paths: list[str], *, duration: float, concurrency: int, processes: int = 4
) -> dict:
    """`concurrency` clients in up to `processes` processes."""
    processes = min(processes, concurrency)
    queue: mp.Queue = mp.Queue()
    per = [
        concurrency // processes + (1 if n < concurrency % processes else 0)
        for n in range(processes)
    ]
    started = time.monotonic()
    procs = [
        mp.Process(target=_client_process, args=(port, paths, duration, n, queue)) for n in per if n
    ]
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
    return {
        "rps": len(latencies) / elapsed,
        "p50": q[49] * 1000,
        "p95": q[94] * 1000,
        "p99": q[98] * 1000,
        "n": len(latencies),
        "errors": errors,
    }


def _warm(port, paths):
    for path in paths:
        status, body = http_get(port, path)
        if status != 200:
            raise RuntimeError(f"GET {path} -> {status}: {body[:300]!r}")


def detail_paths(env, count: int) -> list[str]:
    code = (
        "import django; django.setup(); from catalog.models import Barrel; "
        f"print('\\n'.join(Barrel.objects.active().order_by('?')"
        f".values_list('slug', flat=True)[:{count}]))"
    )
    out = subprocess.run(
        [PYTHON, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    return [f"/v1/barrels/{slug}" for slug in out]


def search_paths() -> list[str]:
    return [f"/v1/barrels?search={term.replace(' ', '+')}" for term in SEARCHES]


def print_table(rows: list[tuple[str, dict, dict]], baseline: float, concurrency: int) -> None:
    print()
    print(
        f"{'':<44} {f'under load ({concurrency} clients)':-^50}  {'service time (1 client)':-^34}"
    )
    print(
        f"{'endpoint':<44} {'rps':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'vs (a)':>6} {'n':>7} {'err':>4}  {'rps':>6} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'err':>3}"
    )
    for name, r, s in rows:
        ratio = r["rps"] / baseline if baseline else 0
        print(
            f"{name:<44} {r['rps']:>6.0f} {r['p50']:>7.1f} {r['p95']:>7.1f} "
            f"{r['p99']:>7.1f} {ratio:>6.0%} {r['n']:>7} {r['errors']:>4}  "
            f"{s['rps']:>6.0f} {s['p50']:>7.1f} {s['p95']:>7.1f} {s['p99']:>7.1f} "
            f"{s['errors']:>3}"
        )
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--barrels", type=int, default=10_000)
    parser.add_argument(
        "--large",
        type=int,
        default=0,
        help="Also measure search at this many barrels (e.g. 100000).",
    )
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument(
        "--service-duration",
        type=float,
        default=5.0,
        help="Seconds of the one-client (service time) measurement.",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--max-requests",
        type=int,
        default=0,
        help="gunicorn worker recycling (0: off; production uses 2000).",
    )
    parser.add_argument(
        "--python-client",
        action="store_true",
        help="Use the Python load generator even when wrk is installed.",
    )
    parser.add_argument("--db", default="vwb_bench_catalog")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="Measure the database a previous --keep-db run left (no seeding); keep it.",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny sizes, seconds (the tests): " + ", ".join(f"{k} {v}" for k, v in SMOKE.items()),
    )
    args = parser.parse_args()
    if args.smoke:
        for key, value in SMOKE.items():
            setattr(args, key, value)

    db = args.db
    migrated = False
    if args.reuse_db:
        args.keep_db = True
    else:
        migrated = create_database(db)
    servers: list[GunicornServer] = []
    envs: list[dict] = []
    try:
        cached_env, uncached_env = bench_env(db, 300), bench_env(db, 0)
        envs += [cached_env, uncached_env]
        if not args.reuse_db:
            print(f"Migrating {db} and seeding {args.barrels} active barrels...", flush=True)
            if not migrated:
                manage(cached_env, "migrate", "--noinput", "-v", "0")
            manage(
                cached_env,
                "seed_catalog",
                "--count",
                str(args.barrels),
                "--all-active",
                "--seed",
                "1",
                "--no-progress",
            )
            psql("VACUUM ANALYZE", db=db)
        details = detail_paths(cached_env, 2000)
        load_before = os.getloadavg()
        rows: list[tuple[str, dict, dict]] = []

        def measure(name: str, port: int, paths: list[str], warm_all: bool = False) -> dict:
            kw = {"python_client": args.python_client}
            under_load = load(
                port,
                paths,
                duration=args.duration,
                concurrency=args.concurrency,
                warm_all=warm_all,
                **kw,
            )
            service = load(port, paths, duration=args.service_duration, concurrency=1, **kw)
            rows.append((name, under_load, service))
            return under_load

        def start(env) -> GunicornServer:
            server = GunicornServer(env, args.workers, args.max_requests)
            servers.append(server)
            return server

        server = start(cached_env)
        print(f"gunicorn ({args.workers} workers) on port {server.port}, cache on", flush=True)
        a = measure("(a) bare Django view, 24 items", server.port, ["/v1/_bench/constant"])
        measure("(b) list, 2 filters + ordering, cached", server.port, [LIST_B])
        measure("(c) search, cached", server.port, search_paths())
        measure("(d) detail, cached (2000 barrels)", server.port, details, warm_all=True)
        server.stop()

        server = start(uncached_env)
        print(f"gunicorn ({args.workers} workers) on port {server.port}, cache off", flush=True)
        measure("(b) list, 2 filters + ordering, uncached", server.port, [LIST_B])
        measure(f"(c) search, uncached ({args.barrels} barrels)", server.port, search_paths())
        measure("(d) detail, uncached", server.port, details)
        server.stop()

        if args.large > args.barrels:
            print(f"Seeding up to {args.large} barrels...", flush=True)
            manage(
                cached_env,
                "seed_catalog",
                "--count",
                str(args.large - args.barrels),
                "--all-active",
                "--seed",
                "2",
                "--no-progress",
            )
            psql("VACUUM ANALYZE", db=db)
            server = start(uncached_env)
            measure(f"(c) search, uncached ({args.large} barrels)", server.port, search_paths())
            measure(f"(b) list, uncached ({args.large} barrels)", server.port, [LIST_B])
            server.stop()
            # What the storefront gets at that size: searches served from the response cache
            # (each term computed once, then a hit until the catalog changes).
            server = start(cached_env)
            measure(
                f"(c) search, cached ({args.large} barrels)",
                server.port,
                search_paths(),
                warm_all=True,
            )
            server.stop()

        client = "wrk" if WRK and not args.python_client else "Python client"
        print(f"Load average before/after: {load_before} / {os.getloadavg()}")
        print(
            f"Load generator: {client}. {args.concurrency} concurrent clients for "
            f"{args.duration:g} s, then 1 client for {args.service_duration:g} s, per "
            f"endpoint; gunicorn {args.workers} sync workers (max_requests "
            f"{args.max_requests}), {os.cpu_count()} CPU cores shared with the load "
            "generator, PostgreSQL and Redis."
        )
        print_table(rows, a["rps"], args.concurrency)
        return 0
    finally:
        for server in servers:
            server.stop()
        for env in envs:
            shutil.rmtree(env["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
        if not args.keep_db:
            psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())

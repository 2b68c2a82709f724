"""Every benchmark under bench/ runs in its smoke mode (tiny sizes, seconds) as a subprocess
against the test PostgreSQL and Redis: a schema or API change that breaks a benchmark fails here,
not on the day someone measures.

The benchmarks' databases are copies of the migrated test database (BENCH_TEMPLATE_DB), so no
benchmark spends a minute on migrations; each is named after the test database and dropped by
the benchmark when it ends.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"

# benchmark -> (extra arguments, what its output must show: the figures it exists to print)
BENCHMARKS = {
    "accounts_password_hashing.py": (
        [],
        [r"argon2: hash +[\d.]+ ms, verify +[\d.]+ ms", r"pbkdf2_sha256: hash +[\d.]+ ms"],
    ),
    "reporting_bench.py": (
        [],
        [
            r"data set: 300 orders, 900 lines",
            r"sales XLSX, whole range +[\d.]+ s +\d+ MiB",
            r"sales CSV stream \(every line\), whole range +[\d.]+ s +\d+ MiB",
            r"CSV rows: [1-9][\d,]* \(whole range\)",
        ],
    ),
    "outbox_bench.py": (
        ["--db", "{db}_outbox", "--redis-db", "{redis_db}"],
        [
            r"legacy +median [\d.]+ +p95 [\d.]+",
            r"outbox +median [\d.]+ +p95 [\d.]+",
            r"relay throughput: 20 rows in [\d.]+ s",
            r"recovery: backlog of 20 rows empty [\d.]+ s",
        ],
    ),
    "orders_bench.py": (
        ["--db", "{db}_orders"],
        [
            r"burst 1: 201 x2, 409 x4 .* oversold 0; p50 \d+",
            r"one buyer at a time \(2 orders\): p50 \d+ ms",
            r"RESULT: OK",
        ],
    ),
    "catalog_bench.py": (
        ["--db", "{db}_catalog"],
        [
            r"\(a\) bare Django view, 24 items",
            r"\(b\) list, 2 filters \+ ordering, uncached",
            r"\(c\) search, cached",
            r"\(d\) detail, uncached",
        ],
    ),
}


# Transactional, with the rows the migrations seed (VAT rates, shipping zones, carriers) put back
# first: earlier transactional tests of the suite flush them, and the benchmarks need them.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

_TEMPLATES: dict[str, str] = {}


def _dsn(settings_dict: dict, name: str) -> str:
    user = settings_dict.get("USER") or "postgres"
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgresql://{user}@{host}:{port}/{name}"


@pytest.fixture(scope="module")
def _drop_templates():
    yield
    import psycopg
    from django.db import connections

    settings_dict = connections["default"].settings_dict
    with psycopg.connect(_dsn(settings_dict, "postgres"), autocommit=True) as conn:
        for copy in _TEMPLATES.values():
            conn.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
    _TEMPLATES.clear()


@pytest.fixture
def template_db(transactional_db, _drop_templates) -> str:
    """A copy of the migrated test database that nobody is connected to, for the benchmarks to
    use as their template. PostgreSQL copies a template only while it has no connection, and in
    the suite the test database has some (a Celery worker, live servers), so the copy is made
    with pg_dump, which does not mind them; once per module."""
    import psycopg
    from django.db import connections

    settings_dict = connections["default"].settings_dict
    name = settings_dict["NAME"]
    if name not in _TEMPLATES:
        copy = f"{name}_benchtpl"
        with psycopg.connect(_dsn(settings_dict, "postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{copy}"')
        dump = subprocess.run(
            ["pg_dump", "--no-owner", "--no-privileges", _dsn(settings_dict, name)],
            capture_output=True,
            check=True,
        )
        subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", _dsn(settings_dict, copy)],
            input=dump.stdout,
            capture_output=True,
            check=True,
        )
        _TEMPLATES[name] = copy
    connections.close_all()
    return _TEMPLATES[name]


@pytest.mark.parametrize("script", list(BENCHMARKS))
def test_benchmark_smoke_mode_runs_and_prints_its_figures(script, template_db):
    extra, expected = BENCHMARKS[script]
    redis_db = re.search(r"/(\d+)$", os.environ.get("REDIS_URL", "")) or None
    values = {"db": template_db, "redis_db": redis_db.group(1) if redis_db else "0"}
    env = {
        **os.environ,
        "BENCH_TEMPLATE_DB": template_db,
        "BENCH_DATABASE": f"{template_db}_reporting",
    }
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, str(BENCH / script), "--smoke", *(a.format(**values) for a in extra)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,  # a hang guard, not a speed check: figures belong to the benchmarks
    )
    elapsed = time.monotonic() - started
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"{script} --smoke exited {proc.returncode}:\n{output[-4000:]}"
    for pattern in expected:
        assert re.search(pattern, proc.stdout), f"{script}: no /{pattern}/ in:\n{proc.stdout}"
    print(f"{script} --smoke: {elapsed:.1f} s")

"""What the benchmarks share: the environment of their gunicorn (production settings through
bench_settings, throttles off since every request comes from one address; persistent database
connections; their own database, cache prefix, Celery queue and metrics directory; secrets for
benchmarks only) and the gunicorn server itself, started with the project's gunicorn.conf.py."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def production_env(*, db_name: str, redis_db: int, prefix: str, **overrides: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'bench'}",
        DJANGO_SECRET_KEY="bench-only-secret-key-not-for-production-0123456789",  # noqa: S106
        JWT_SIGNING_KEY="bench-only-jwt-signing-key-0123456789abcdef",
        FIELD_ENCRYPTION_KEYS="bG9jYWwtZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ=",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{db_name}",
        DATABASE_SSLMODE="disable",
        DATABASE_CONN_MAX_AGE="600",
        REDIS_URL=os.environ.get("REDIS_URL", f"redis://127.0.0.1:6379/{redis_db}"),
        CACHE_KEY_PREFIX=prefix,
        CELERY_DEFAULT_QUEUE=prefix,
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL=os.environ.get("BENCH_LOG_LEVEL", "WARNING"),  # INFO: a line per request
        PYTHONUNBUFFERED="1",
        # Private to this run: gunicorn.conf.py empties the directory when it starts.
        PROMETHEUS_MULTIPROC_DIR=tempfile.mkdtemp(prefix=f"{prefix}-metrics-"),
    )
    env.update(overrides)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Accept": "application/json"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class GunicornServer:
    """gunicorn with the project's gunicorn.conf.py (its worker warm-up included), sync
    workers, worker recycling off unless `max_requests`, on a free port."""

    def __init__(self, env: dict, workers: int, max_requests: int = 0):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [
                GUNICORN,
                "vwb_site.wsgi:application",
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--workers",
                str(workers),
                "--max-requests",
                str(max_requests),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                # gunicorn.conf.py has no access log (the app logs each request itself);
                # "/dev/null" would still format a line per request.
                *(["--access-logfile", "-"] if os.environ.get("BENCH_ACCESS_LOG") else []),
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if http_get(self.port, "/healthz")[0] == 200:
                    # One worker answers; give the others the time to finish their warm-up.
                    if workers > 1:
                        time.sleep(2)
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


def create_database(name: str, *, pg: str = "postgres://postgres@127.0.0.1:5432") -> bool:
    """Drop and create the benchmark's database. With BENCH_TEMPLATE_DB (an already migrated
    database nobody is connected to, as the smoke tests give) it is a copy of that template and
    the caller skips its migrations: returns True when the copy is already migrated."""
    import psycopg

    template = os.environ.get("BENCH_TEMPLATE_DB")
    with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if template:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        else:
            conn.execute(f'CREATE DATABASE "{name}"')
    return bool(template)


def drop_database(name: str, *, pg: str = "postgres://postgres@127.0.0.1:5432") -> None:
    import psycopg

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

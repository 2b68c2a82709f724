"""The environment of a benchmark's gunicorn: production settings (bench_settings: throttles
off, since every request comes from one address), persistent database connections, its own
database, cache prefix and Celery queue. Secrets here are for benchmarks only."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return env

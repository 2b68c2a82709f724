"""Checks before anything starts: a clear message, not a traceback.

- `make test` runs `python -m vwb_site.preflight`: PostgreSQL and Redis must answer.
- The image's entrypoint is `python -m vwb_site.preflight --exec CMD...`: with production
  settings, every required variable must be set (one line naming the missing ones, exit 78,
  before Django or gunicorn start); it makes PROMETHEUS_MULTIPROC_DIR (which may be an empty
  volume), then replaces itself with CMD.
"""

import os
import sys
from urllib.parse import urlparse


def _check_postgres(url: str) -> str | None:
    import psycopg

    parsed = urlparse(url)
    try:
        with psycopg.connect(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or 5432,
            user=parsed.username or "postgres",
            password=parsed.password or None,
            dbname="postgres",
            connect_timeout=3,
        ):
            return None
    except Exception as exc:  # noqa: BLE001
        return f"PostgreSQL is not reachable at {parsed.hostname}:{parsed.port or 5432} ({exc})."


def _check_redis(url: str) -> str | None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
        return None
    except Exception as exc:  # noqa: BLE001
        return f"Redis is not reachable at {url} ({exc})."


# What vwb_site/settings/production.py reads with no default (a test holds the two together).
REQUIRED_PRODUCTION_VARIABLES = (
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "JWT_SIGNING_KEY",
    "FIELD_ENCRYPTION_KEYS",
)
EX_CONFIG = 78  # sysexits.h: configuration error


def missing_production_variables(environ) -> list[str]:
    if environ.get("DJANGO_SETTINGS_MODULE") != "vwb_site.settings.production":
        return []
    return [name for name in REQUIRED_PRODUCTION_VARIABLES if not environ.get(name, "").strip()]


def container_exec(argv: list[str]) -> int:
    missing = missing_production_variables(os.environ)
    if missing:
        print(
            f"vwb: cannot start, required setting(s) missing: {', '.join(missing)} "
            "(see .env.example)",
            file=sys.stderr,
        )
        return EX_CONFIG
    if not argv:
        print("vwb: no command given", file=sys.stderr)
        return 2
    multiproc_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if multiproc_dir:
        os.makedirs(multiproc_dir, exist_ok=True)
    os.execvp(argv[0], argv)  # noqa: S606 - the container's own command
    return 0  # not reached


def main() -> int:
    database_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vwb")
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1")
    problems = [p for p in (_check_postgres(database_url), _check_redis(redis_url)) if p]
    if problems:
        print("The test suite needs PostgreSQL and Redis:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        print(
            "Start them (or set DATABASE_URL / REDIS_URL) and run `make test` again.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--exec"]:
        sys.exit(container_exec(sys.argv[2:]))
    sys.exit(main())

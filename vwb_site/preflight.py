"""`make test` runs this first: a clear message, not a traceback, when a service is down."""

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
    sys.exit(main())

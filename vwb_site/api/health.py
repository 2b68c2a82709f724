"""Liveness (`/healthz`) and readiness (`/readyz`: database, cache and broker reachable, no
migration left unapplied).

`/readyz` answers 200 when every check passes and 503 naming the failed ones:
`{"status": "unavailable", "checks": {"database": "ok", "cache": "unavailable", ...},
"failed": ["cache"]}`. The broker check says "skipped" when Celery runs tasks eagerly (local
mode with no broker), so a 200 never claims a broker that was not contacted. A release started
before its migrations ran answers 503 with `"migrations": "pending"` and the names in
`"pending_migrations"`; once none is pending the process stops looking (they do not come back).
"""

from celery import current_app
from django.core.cache import cache
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.http import HttpRequest, JsonResponse
from django.urls import resolve

from vwb_site.logging_config import get_logger

log = get_logger("vwb_site.health")


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


BROKER_TIMEOUT = 2.0


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    # The cache swallows Redis errors (it degrades to misses), so ask Redis itself.
    client_getter = getattr(cache, "client", None)
    if client_getter is not None and hasattr(client_getter, "get_client"):
        cache.client.get_client(write=True).ping()
        return
    cache.set("readyz", "1", 5)


def _check_broker() -> str:
    """Connect to the broker the Celery app really uses; nothing to reach when tasks run eagerly.

    The project's app is Celery's current app (vwb_site/__init__.py creates it first); naming it
    through Celery keeps api/ below celery_app, which imports api's metrics."""
    app = current_app

    if app.conf.task_always_eager:
        return "skipped"  # tasks run in-process (local mode without a broker)
    with app.connection_for_write(connect_timeout=BROKER_TIMEOUT) as conn:
        conn.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT)
    return "ok"


class PendingMigrations(Exception):
    def __init__(self, names: list[str]):
        super().__init__(", ".join(names))
        self.names = names


_migrations_applied = False


def _check_migrations() -> None:
    global _migrations_applied
    if _migrations_applied:
        return
    loader = MigrationLoader(connection)
    applied = loader.applied_migrations
    pending = {
        node
        for leaf in loader.graph.leaf_nodes()
        for node in loader.graph.forwards_plan(leaf)
        if node not in applied
    }
    if pending:
        raise PendingMigrations(sorted(f"{app}.{name}" for app, name in pending))
    _migrations_applied = True


CHECKS = {
    "database": _check_database,
    "cache": _check_cache,
    "broker": _check_broker,
    "migrations": _check_migrations,
}


def readyz(request: HttpRequest) -> JsonResponse:
    results = {}
    extra = {}
    for name, check in CHECKS.items():
        if name == "migrations" and results.get("database") != "ok":
            results[name] = "unavailable"
            continue
        try:
            results[name] = check() or "ok"
        except PendingMigrations as exc:
            results[name] = "pending"
            extra["pending_migrations"] = exc.names
        except Exception as exc:  # noqa: BLE001 - a readiness probe reports any failure
            log.warning("readiness_check_failed", check=name, error=str(exc))
            results[name] = "unavailable"
    failed = [name for name, state in results.items() if state in ("unavailable", "pending")]
    body = {"status": "ok" if not failed else "unavailable", "checks": results, "failed": failed}
    body.update(extra)
    return JsonResponse(body, status=503 if failed else 200)


class HealthCheckMiddleware:
    """Answer /healthz and /readyz before host validation and the HTTPS redirect.

    Orchestrators probe a container by its IP over plain HTTP (Host: 10.0.3.7:8000), which
    ALLOWED_HOSTS and SECURE_SSL_REDIRECT would refuse. Placed after the request-id and
    metrics middleware, so probes are still logged and counted.
    """

    VIEWS = {"/healthz": healthz, "/readyz": readyz}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        view = self.VIEWS.get(request.path_info)
        if view is None:
            return self.get_response(request)
        request.resolver_match = resolve(request.path_info)
        return view(request)

"""Liveness (`/healthz`) and readiness (`/readyz`: database, cache and broker reachable).

`/readyz` answers 200 when every check passes and 503 naming the failed ones:
`{"status": "unavailable", "checks": {"database": "ok", "cache": "unavailable", ...},
"failed": ["cache"]}`. The broker check says "skipped" when Celery runs tasks eagerly (local
mode with no broker), so a 200 never claims a broker that was not contacted.
"""

from celery import current_app
from django.core.cache import cache
from django.db import connection
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


CHECKS = {"database": _check_database, "cache": _check_cache, "broker": _check_broker}


def readyz(request: HttpRequest) -> JsonResponse:
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check() or "ok"
        except Exception as exc:  # noqa: BLE001 - a readiness probe reports any failure
            log.warning("readiness_check_failed", check=name, error=str(exc))
            results[name] = "unavailable"
    failed = [name for name, state in results.items() if state == "unavailable"]
    body = {"status": "ok" if not failed else "unavailable", "checks": results, "failed": failed}
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

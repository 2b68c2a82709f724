"""Liveness (`/healthz`) and readiness (`/readyz`: database, cache and broker reachable)."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse

from vwb_site.logging_config import get_logger

log = get_logger("vwb_site.health")


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


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


def _check_broker() -> None:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return
    from vwb_site.celery_app import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


CHECKS = {"database": _check_database, "cache": _check_cache, "broker": _check_broker}


def readyz(request: HttpRequest) -> JsonResponse:
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # noqa: BLE001 - a readiness probe reports any failure
            log.warning("readiness_check_failed", check=name, error=str(exc))
            results[name] = "unavailable"
    failed = [name for name, state in results.items() if state != "ok"]
    body = {"status": "ok" if not failed else "unavailable", "checks": results, "failed": failed}
    return JsonResponse(body, status=503 if failed else 200)

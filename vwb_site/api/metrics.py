"""Prometheus metrics: HTTP, database, cache, Celery and business counters, served at /metrics.

With several gunicorn workers set PROMETHEUS_MULTIPROC_DIR (see gunicorn.conf.py): each process
writes its samples there and /metrics aggregates them.
"""

import hmac
import os
import time
from contextlib import ExitStack

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
    start_http_server,
)
from prometheus_client import REGISTRY as DEFAULT_REGISTRY

HTTP_REQUESTS = Counter(
    "vwb_http_requests_total",
    "HTTP requests by view, method and status.",
    ["view", "method", "status"],
)
HTTP_LATENCY = Histogram(
    "vwb_http_request_duration_seconds",
    "HTTP request latency by view.",
    ["view", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
DB_QUERY_DURATION = Histogram(
    "vwb_db_query_duration_seconds",
    "Database query duration.",
    ["alias"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1),
)
CACHE_OPERATION_DURATION = Histogram(
    "vwb_cache_operation_duration_seconds",
    "Cache operation duration.",
    ["operation"],
    buckets=(0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25, 1),
)
CACHE_RESULTS = Counter("vwb_cache_gets_total", "Cache reads by result.", ["result"])
CELERY_TASKS = Counter(
    "vwb_celery_tasks_total",
    "Celery tasks by name and state (sent, succeeded, failed, retried).",
    ["task", "state"],
)
# Business counters, incremented by the services that own the events.
ORDERS_PLACED = Counter("vwb_orders_placed_total", "Orders placed.", ["customer_type"])
PAYMENTS_FAILED = Counter("vwb_payments_failed_total", "Payments that failed.", ["provider"])
PAYMENTS_SUCCEEDED = Counter("vwb_payments_succeeded_total", "Payments captured.", ["provider"])
QUOTES_ACCEPTED = Counter("vwb_quotes_accepted_total", "Quotes accepted by buyers.")


# Collectors that read their figures at scrape time (the outbox gauges), added by their apps'
# ready(): they are served by the default registry and by the multiprocess one alike.
SCRAPE_TIME_COLLECTORS: list = []


def register_scrape_time_collector(collector) -> None:
    SCRAPE_TIME_COLLECTORS.append(collector)
    DEFAULT_REGISTRY.register(collector)


def _view_label(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unresolved"
    return match.view_name or match._func_path


class PrometheusMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        with ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(_QueryTimer(alias)))
            response = self.get_response(request)
        view = _view_label(request)
        HTTP_LATENCY.labels(view, request.method).observe(time.perf_counter() - started)
        HTTP_REQUESTS.labels(view, request.method, str(response.status_code)).inc()
        return response


class _QueryTimer:
    def __init__(self, alias: str):
        self.alias = alias

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            DB_QUERY_DURATION.labels(self.alias).observe(time.perf_counter() - started)


def _allowed(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer ") and hmac.compare_digest(header[7:], token):
            return True
    return request.META.get("REMOTE_ADDR") in settings.METRICS_ALLOWED_IPS


def _registry() -> CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        for collector in SCRAPE_TIME_COLLECTORS:
            registry.register(collector)
        return registry
    return DEFAULT_REGISTRY


def metrics_view(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)


def serve_metrics_http(port: int, *, addr: str = "0.0.0.0"):  # noqa: S104 - private network
    """Serve /metrics from a process without Django's HTTP stack (a Celery worker)."""
    return start_http_server(port, addr=addr, registry=_registry())

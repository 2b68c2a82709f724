"""/metrics: Prometheus text for requests, latency, database, cache and Celery; not public."""

import pytest
from prometheus_client.parser import text_string_to_metric_families

from vwb_site.tasks import record_heartbeat

pytestmark = pytest.mark.django_db

OUTSIDER = "203.0.113.7"  # TEST-NET-3: a client that is not on the allow-list


def scrape(client, **extra) -> dict[str, list]:
    response = client.get("/metrics", **extra)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain; version=")
    samples: dict[str, list] = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            samples.setdefault(sample.name, []).append(sample)
    return samples


def value(samples, name: str, **labels) -> float:
    return sum(
        s.value
        for s in samples.get(name, [])
        if all(s.labels.get(k) == v for k, v in labels.items())
    )


def delta(before, after, name: str, **labels) -> float:
    return value(after, name, **labels) - value(before, name, **labels)


def test_metrics_count_requests_by_view_and_status_with_a_latency_histogram(client):
    before = scrape(client)
    client.get("/healthz")
    client.get("/healthz")
    client.get("/v1/does-not-exist")
    after = scrape(client)

    requests = "vwb_http_requests_total"
    assert delta(before, after, requests, view="healthz", method="GET", status="200") == 2
    assert delta(before, after, requests, view="v1:unknown", status="404") == 1
    latency = "vwb_http_request_duration_seconds_count"
    assert delta(before, after, latency, view="healthz", method="GET") == 2
    buckets = [
        s
        for s in after["vwb_http_request_duration_seconds_bucket"]
        if s.labels["view"] == "healthz"
    ]
    assert {s.labels["le"] for s in buckets} >= {"0.005", "0.1", "1.0", "+Inf"}


def test_metrics_time_database_queries_and_cache_operations(client):
    before = scrape(client)
    client.get("/readyz")  # one SELECT 1, a Redis ping
    from django.core.cache import cache

    cache.set("metrics-probe", 1)
    cache.get("metrics-probe")
    cache.get("metrics-probe-missing")
    after = scrape(client)

    assert delta(before, after, "vwb_db_query_duration_seconds_count", alias="default") >= 1
    for operation in ("get", "set"):
        name = "vwb_cache_operation_duration_seconds_count"
        assert delta(before, after, name, operation=operation) >= 1
    for result in ("hit", "miss"):
        assert delta(before, after, "vwb_cache_gets_total", result=result) >= 1


def test_metrics_count_celery_tasks_by_name_and_state(client):
    before = scrape(client)
    record_heartbeat.delay("metrics-heartbeat")  # eager in this test: runs in-process
    after = scrape(client)
    task = "vwb_site.record_heartbeat"
    assert delta(before, after, "vwb_celery_tasks_total", task=task, state="succeeded") == 1


def test_metrics_refuse_a_client_outside_the_allow_list_without_token(client, settings):
    settings.METRICS_TOKEN = "s3cret-scrape-token"
    response = client.get("/metrics", REMOTE_ADDR=OUTSIDER)
    assert response.status_code == 403
    assert b"vwb_http_requests_total" not in response.content

    wrong = client.get("/metrics", REMOTE_ADDR=OUTSIDER, HTTP_AUTHORIZATION="Bearer nope")
    assert wrong.status_code == 403


def test_metrics_answer_an_outside_client_with_the_bearer_token(client, settings):
    settings.METRICS_TOKEN = "s3cret-scrape-token"
    samples = scrape(client, REMOTE_ADDR=OUTSIDER, HTTP_AUTHORIZATION="Bearer s3cret-scrape-token")
    assert "vwb_http_requests_total" in samples


def test_metrics_without_a_configured_token_accept_no_bearer_at_all(client, settings):
    settings.METRICS_TOKEN = ""
    response = client.get("/metrics", REMOTE_ADDR=OUTSIDER, HTTP_AUTHORIZATION="Bearer ")
    assert response.status_code == 403


def test_a_worker_process_serves_its_task_counters_over_http():
    import urllib.request

    from conftest import free_port
    from vwb_site.api.metrics import CELERY_TASKS, serve_metrics_http

    port = free_port()
    server, thread = serve_metrics_http(port, addr="127.0.0.1")
    try:
        CELERY_TASKS.labels("vwb_site.worker_probe", "succeeded").inc()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            text = response.read().decode()
    finally:
        server.shutdown()
        thread.join(timeout=5)
    assert 'vwb_celery_tasks_total{state="succeeded",task="vwb_site.worker_probe"}' in text

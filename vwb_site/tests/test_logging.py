"""Logs are JSON, one line per event, and every line of a request carries its request id."""

import io
import json
import logging

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """What the project's configured console handler writes, as parsed JSON objects."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    buffer = io.StringIO()
    previous = handler.setStream(buffer)

    def read() -> list[dict]:
        text = buffer.getvalue()
        assert text.endswith("\n")
        return [json.loads(line) for line in text.splitlines()]  # one JSON object per line

    yield read
    handler.setStream(previous)


def test_a_request_logs_one_json_line_with_the_request_id_it_returns(client, log_lines):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="trace-4711")
    assert response["X-Request-ID"] == "trace-4711"

    finished = [line for line in log_lines() if line["event"] == "request_finished"]
    assert len(finished) == 1
    line = finished[0]
    assert line["request_id"] == "trace-4711"
    assert line["path"] == "/healthz"
    assert line["status"] == 200
    assert line["level"] == "info"
    assert {"timestamp", "logger", "duration_ms"} <= set(line)


def test_a_generated_request_id_is_returned_and_logged(client, log_lines):
    response = client.get("/healthz")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    assert [line["request_id"] for line in log_lines()] == [request_id]


def test_every_line_of_a_failing_request_carries_its_id_even_djangos_own(
    client, log_lines, celery_conf, dead_port
):
    celery_conf(task_always_eager=False, broker_url=f"redis://127.0.0.1:{dead_port}/0")
    client.get("/readyz", HTTP_X_REQUEST_ID="ready-1")
    lines = log_lines()
    events = {line["event"] for line in lines}
    assert "readiness_check_failed" in events  # ours (structlog)
    assert "Service Unavailable: /readyz" in events  # Django's (stdlib logging)
    assert {line.get("request_id") for line in lines} == {"ready-1"}


def test_the_request_id_does_not_leak_into_the_next_request(client, log_lines):
    client.get("/healthz", HTTP_X_REQUEST_ID="first")
    client.get("/healthz", HTTP_X_REQUEST_ID="second")
    logging.getLogger("vwb_site.test").info("between requests")
    lines = log_lines()
    assert [line.get("request_id") for line in lines] == ["first", "second", None]

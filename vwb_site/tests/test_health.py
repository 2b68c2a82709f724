"""/healthz says the process is alive; /readyz checks the database, the cache and the broker."""

import time

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_broker(celery_conf):
    """Celery as in production: tasks go to the broker, so /readyz must contact it."""
    celery_conf(task_always_eager=False)
    return celery_conf


def test_healthz_answers_ok_without_touching_any_backend(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_200_when_database_cache_and_broker_answer(client, real_broker):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok", "migrations": "ok"},
        "failed": [],
    }


def test_readyz_says_the_broker_was_skipped_when_tasks_run_eagerly(client, celery_conf):
    celery_conf(task_always_eager=True)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "skipped"


def test_readyz_is_503_naming_the_cache_when_redis_is_down(client, real_broker, redis_down):
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failed"] == ["cache"]
    assert body["checks"] == {
        "database": "ok",
        "cache": "unavailable",
        "broker": "ok",
        "migrations": "ok",
    }


@pytest.mark.parametrize("scheme", ["redis", "amqp"])
def test_readyz_is_503_naming_the_broker_when_it_is_down(client, real_broker, dead_port, scheme):
    path = "/0" if scheme == "redis" else "//"
    real_broker(broker_url=f"{scheme}://127.0.0.1:{dead_port}{path}")
    started = time.monotonic()
    response = client.get("/readyz")
    assert time.monotonic() - started < 3, "a dead broker must not hang the probe"
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["broker"]
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "ok"


def test_probes_by_container_ip_over_plain_http_are_answered(client, settings):
    settings.ALLOWED_HOSTS = ["api.vintagewithoutborders.example"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz", HTTP_HOST="10.0.3.7:8000").status_code == 200
    assert client.get("/readyz", HTTP_HOST="10.0.3.7:8000").status_code == 200
    # Everything else still insists on a known host.
    assert client.get("/v1/schema", HTTP_HOST="10.0.3.7:8000").status_code == 400


def test_readyz_is_503_naming_the_migrations_not_yet_applied(client, real_broker, monkeypatch):
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    from vwb_site.api import health

    monkeypatch.setattr(health, "_migrations_applied", False)
    recorder = MigrationRecorder(connection)
    applied = recorder.migration_qs.get(app="commerce", name="0001_initial")
    applied.delete()  # rolled back with the test's transaction
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["migrations"] == "pending"
    assert body["failed"] == ["migrations"]
    assert "commerce.0001_initial" in body["pending_migrations"]
    recorder.record_applied("commerce", "0001_initial")
    assert client.get("/readyz").status_code == 200

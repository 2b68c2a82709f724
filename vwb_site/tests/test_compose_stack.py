"""docker-compose.yml brought up by podman-compose: the project's own services (migrate, web,
worker, beat) from the built image, pointed at this machine's PostgreSQL and Redis by
docker-compose.host.yml (registry images such as postgres or redis cannot be pulled here)."""

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from conftest import ROOT, free_port
from vwb_site.tests.container_support import PODMAN, get, podman, wait_for

pytestmark = pytest.mark.container

SERVICES = ["migrate", "web", "worker", "beat"]


@pytest.fixture(scope="module")
def stack(image, database_url, tmp_path_factory):
    project = f"vwbtest{uuid.uuid4().hex[:6]}"
    workdir: Path = tmp_path_factory.mktemp("compose")
    for name in ("docker-compose.yml", "docker-compose.host.yml"):
        shutil.copy(ROOT / name, workdir / name)
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    port = free_port()
    (workdir / ".env").write_text(
        "\n".join(
            [
                f"DJANGO_SECRET_KEY={uuid.uuid4().hex * 2}",
                f"JWT_SIGNING_KEY={uuid.uuid4().hex * 2}",
                "FIELD_ENCRYPTION_KEYS=Y29tcG9zZS10ZXN0LWtleS0wMDAwMDAwMDAwMDAwMDA=",
                f"CELERY_DEFAULT_QUEUE={project}",
                f"CACHE_KEY_PREFIX={project}",
                "GUNICORN_WORKERS=2",
            ]
        )
        + "\n"
    )
    env = {
        **os.environ,
        "VWB_IMAGE": image,
        "HOST_DATABASE_URL": database_url,
        "HOST_REDIS_URL": redis_url,
        "WEB_PORT": str(port),
        "CELERY_METRICS_PORT": str(free_port()),
        "SECURE_SSL_REDIRECT": "false",
        # Only the services that are not started use these; compose still wants them set.
        "POSTGRES_PASSWORD": "unused",
        "GRAFANA_ADMIN_PASSWORD": "unused",
    }
    compose = [
        sys.executable, "-m", "podman_compose", "--in-pod", "false", "-p", project,
        "--podman-args", " ".join(PODMAN[1:]),
        "-f", "docker-compose.yml", "-f", "docker-compose.host.yml",
    ]  # fmt: skip

    def run(*args, timeout=300):
        return subprocess.run(
            [*compose, *args], cwd=workdir, env=env, capture_output=True, text=True,
            timeout=timeout, check=False,
        )  # fmt: skip

    up = run("up", "-d", "--no-deps", *SERVICES)
    names = {service: f"{project}_{service}_1" for service in SERVICES}
    try:
        assert up.returncode == 0, up.stdout[-2000:] + up.stderr[-2000:]
        yield {"port": port, "names": names, "run": run}
    finally:
        run("down", "-t", "5")
        for name in names.values():
            podman("rm", "-f", "-t", "0", name, check=False)


def test_compose_brings_up_migrate_web_worker_and_beat_and_the_stack_answers(stack):
    names, port = stack["names"], stack["port"]

    def logs(service):
        result = podman("logs", names[service], check=False)
        return result.stdout + result.stderr

    # migrate runs once and exits 0; web is ready once it has.
    wait_for(
        lambda: (
            podman("inspect", "-f", "{{.State.Status}}", names["migrate"]).stdout.strip()
            == "exited"
        ),
        240,
        "migrate to finish",
        lambda: logs("migrate"),
    )
    code = podman("inspect", "-f", "{{.State.ExitCode}}", names["migrate"]).stdout.strip()
    assert code == "0", logs("migrate")
    started = time.monotonic()
    wait_for(lambda: get(port, "/readyz")[0] == 200, 120, "/readyz 200", lambda: logs("web"))
    status, body = get(port, "/readyz")
    assert status == 200 and json.loads(body)["checks"]["migrations"] == "ok"
    assert get(port, "/healthz")[0] == 200
    wait_for(lambda: "ready." in logs("worker"), 120, "the worker", lambda: logs("worker"))
    wait_for(lambda: "beat: Starting..." in logs("beat"), 120, "beat", lambda: logs("beat"))
    for service in ("web", "worker", "beat"):
        state = podman("inspect", "-f", "{{.State.Running}}", names[service]).stdout.strip()
        assert state == "true", logs(service)
    print(f"\ncompose: web ready {time.monotonic() - started:.1f} s after migrate finished")

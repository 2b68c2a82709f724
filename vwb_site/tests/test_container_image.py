"""The real Dockerfile, built with podman and run as the README's "Running in production" says:
production settings, this machine's PostgreSQL and Redis (host network), migrate as a one-off,
web, worker and beat from the same image.

The image is built on a local stand-in for python:3.11-slim (deploy/local-base/, made once per
machine). Marked `container`; skipped, with one sentence, only where podman is not installed.
"""

import json
import os
import re
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest

from conftest import free_port
from vwb_site.tests.container_support import APP_UID, get, podman, wait_for

pytestmark = pytest.mark.container


@pytest.fixture(scope="module")
def app_env(database_url, smtp_server) -> dict[str, str]:
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    return {
        "DJANGO_SECRET_KEY": uuid.uuid4().hex * 2,
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DATABASE_URL": database_url,
        "DATABASE_SSLMODE": "disable",
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_DEFAULT_QUEUE": f"vwb-image-{uuid.uuid4().hex[:8]}",
        "CACHE_KEY_PREFIX": f"vwb-image-{uuid.uuid4().hex[:8]}",
        "JWT_SIGNING_KEY": uuid.uuid4().hex * 2,
        "FIELD_ENCRYPTION_KEYS": "Y29udGFpbmVyLXRlc3Qta2V5LTAwMDAwMDAwMDAwMDA=",
        # Plain HTTP from the test; TLS ends at a proxy in production.
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_HOST": smtp_server.hostname,
        "EMAIL_PORT": str(smtp_server.port),
        "GUNICORN_WORKERS": "2",
    }


class Containers:
    def __init__(self, image: str, env: dict[str, str]):
        self.image, self.env, self.names = image, env, []

    def args(self, env: dict[str, str]) -> list[str]:
        return [a for key, value in env.items() for a in ("-e", f"{key}={value}")]

    def run(self, *command: str, env=None, timeout=300) -> subprocess.CompletedProcess:
        """A one-off container (like migrate): runs to the end (no server, so no healthcheck)."""
        return podman(
            "run", "--rm", "--no-healthcheck", "--network", "host",
            *self.args(env or self.env), self.image,
            *command, check=False, timeout=timeout,
        )  # fmt: skip

    def start(self, role: str, *command: str, env=None, read_only=False) -> str:
        """A long-running container. read_only: as Kubernetes' readOnlyRootFilesystem, with
        /tmp a fresh tmpfs (deploy/k8s/ mounts an emptyDir there)."""
        name = f"vwb-test-{role}-{uuid.uuid4().hex[:6]}"
        flags = ["--read-only", "--read-only-tmpfs"] if read_only else []
        podman(
            "run", "-d", "--name", name, "--network", "host", *flags,
            *self.args(env or self.env), self.image, *command,
        )  # fmt: skip
        self.names.append(name)
        return name

    def logs(self, name: str) -> str:
        result = podman("logs", name, check=False)  # the container's own output only
        return result.stdout + result.stderr

    def cleanup(self):
        for name in self.names:
            podman("rm", "-f", "-t", "0", name, check=False)


@pytest.fixture(scope="module")
def containers(image, app_env):
    pool = Containers(image, app_env)
    yield pool
    pool.cleanup()


def test_a_required_variable_missing_stops_the_container_at_once_naming_it(containers, app_env):
    env = {k: v for k, v in app_env.items() if k != "DJANGO_SECRET_KEY"}
    started = time.monotonic()
    result = containers.run("gunicorn", "-c", "gunicorn.conf.py", "vwb_site.wsgi", env=env)
    assert result.returncode == 78, result
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert len((result.stderr + result.stdout).strip().splitlines()) == 1
    assert time.monotonic() - started < 20


@pytest.fixture(scope="module")
def web(containers, app_env):
    """Web started before migrate (503 naming the migrations), then migrate as a one-off."""
    port = free_port()
    env = {**app_env, "PORT": str(port)}
    started = time.monotonic()
    name = containers.start("web", env=env)

    def answered():
        response = get(port, "/readyz")
        return response if response[0] in (200, 503) else None

    status, body = wait_for(answered, 120, "web to answer /readyz", lambda: containers.logs(name))
    first_answer = time.monotonic() - started
    assert status == 503, body
    unready = json.loads(body)
    assert unready["checks"]["migrations"] == "pending"
    assert "migrations" in unready["failed"]
    assert "commerce.0001_initial" in unready["pending_migrations"]

    migrate = containers.run("python", "manage.py", "migrate", "--noinput")
    assert migrate.returncode == 0, migrate.stderr[-3000:]
    wait_for(lambda: get(port, "/readyz")[0] == 200, 60, "/readyz 200 after migrate")
    print(f"\nweb: first /readyz answer {first_answer:.1f} s after `podman run`")
    return {"name": name, "port": port, "env": env}


def test_web_answers_healthz_and_readyz_after_migrate(web):
    status, body = get(web["port"], "/readyz")
    assert status == 200, body
    assert json.loads(body)["checks"] == {
        "database": "ok",
        "cache": "ok",
        "broker": "ok",
        "migrations": "ok",
    }
    assert get(web["port"], "/healthz") == (200, b'{"status": "ok"}')


def test_a_fresh_web_on_a_read_only_root_is_ready_within_seconds(containers, web, app_env):
    port = free_port()
    started = time.monotonic()
    name = containers.start("web2", env={**app_env, "PORT": str(port)}, read_only=True)
    wait_for(
        lambda: get(port, "/readyz")[0] == 200, 60, "/readyz 200", lambda: containers.logs(name)
    )
    elapsed = time.monotonic() - started
    print(f"\nweb: /readyz 200 {elapsed:.1f} s after `podman run`")
    podman("rm", "-f", "-t", "5", name, check=False)
    assert elapsed < 30


def test_web_serves_the_api_and_the_admin_static_files(web):
    status, body = get(web["port"], "/v1/schema")
    if status == 404:
        status, body = get(web["port"], "/v1/barrels")
    assert status == 200, body[:500]
    status, page = get(web["port"], "/admin/login/")
    assert status == 200
    css = re.findall(rb'href="(/static/wagtailadmin/[^"]+\.css)"', page)
    assert css, page[:1000]
    status, asset = get(web["port"], css[0].decode())
    assert status == 200 and len(asset) > 100


def test_the_image_healthcheck_passes(web):
    result = podman("healthcheck", "run", web["name"], check=False)
    assert result.returncode == 0, result


def test_processes_run_as_the_app_user_and_cannot_write_the_code(web):
    users = podman("top", web["name"], "user", "args").stdout.splitlines()[1:]
    assert users and all(line.split()[0] in ("vwb", APP_UID) for line in users), users
    assert podman("exec", web["name"], "id", "-u").stdout.strip() == APP_UID
    for path in ("/app/manage.py", "/app/vwb_site", "/opt/venv/lib"):
        probe = podman("exec", web["name"], "test", "-w", path, check=False)
        assert probe.returncode != 0, f"{path} is writable by the app user"
    assert podman("exec", web["name"], "test", "-w", "/app/media", check=False).returncode == 0


def test_the_worker_sends_the_welcome_email_of_an_account_registered_on_web(
    containers, web, mailbox
):
    worker = containers.start(
        "worker", "celery", "-A", "vwb_site", "worker", "--loglevel", "INFO", "--concurrency", "2",
        read_only=True,
    )  # fmt: skip
    wait_for(
        lambda: "ready." in containers.logs(worker),
        90,
        "the worker",
        lambda: containers.logs(worker),
    )
    email = f"container-{uuid.uuid4().hex[:8]}@example.com"
    body = json.dumps(
        {
            "email": email,
            "password": "correct-horse-battery-9",
            "first_name": "Eva",
            "last_name": "Box",
        }
    ).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{web['port']}/v1/auth/register",
        data=body,
        headers={"Host": "localhost", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 201
    wait_for(lambda: mailbox.to(email), 60, "the welcome e-mail", lambda: containers.logs(worker))
    assert ps_users(worker) == {"vwb"}


def ps_users(name: str) -> set[str]:
    lines = podman("top", name, "user").stdout.splitlines()[1:]
    return {"vwb" if line.strip() in ("vwb", APP_UID) else line.strip() for line in lines}


SUCCEEDED = re.compile(r"catalog\.flush_barrel_views\[[^]]+\] succeeded")


def test_beat_starts_and_schedules_a_task_the_worker_runs(containers, web, app_env):
    # The barrel-views flush is due every CATALOG_VIEWS_FLUSH_SECONDS: 2 s here.
    env = {**app_env, "CATALOG_VIEWS_FLUSH_SECONDS": "2"}
    worker = containers.start(
        "worker2", "celery", "-A", "vwb_site", "worker", "--loglevel", "INFO", env=env,
    )  # fmt: skip
    wait_for(lambda: "ready." in containers.logs(worker), 90, "the worker")
    workers = [name for name in containers.names if "-worker" in name]

    def worker_logs():
        return "".join(containers.logs(name) for name in workers)

    beat = containers.start(
        "beat", "celery", "-A", "vwb_site", "beat", "--loglevel", "INFO",
        "--schedule", "/tmp/celerybeat-schedule", env=env, read_only=True,
    )  # fmt: skip
    wait_for(
        lambda: "Sending due task catalog-flush-barrel-views" in containers.logs(beat),
        90,
        "beat to send the due task",
        lambda: containers.logs(beat),
    )
    wait_for(
        lambda: re.search(
            r"catalog\.flush_barrel_views\[[^]]+\] succeeded", containers.logs(worker)
        ),
        60,
        "the worker to run the scheduled task",
        lambda: containers.logs(worker),
    )
    assert podman("inspect", "-f", "{{.State.Running}}", beat).stdout.strip() == "true"
    assert "Traceback" not in containers.logs(beat)
    assert ps_users(beat) == {"vwb"}


def test_sigterm_lets_the_requests_in_flight_finish(containers, web, app_env):
    # In flight: the requests gunicorn has accepted. 2 workers x 4 threads take 8 at once, more
    # than the 4 clients send, so none waits in the socket's backlog (connections a closing
    # server never accepted: in Kubernetes the preStop pause drains those first).
    port = free_port()
    env = {**app_env, "PORT": str(port), "GUNICORN_WORKERS": "2", "GUNICORN_THREADS": "4"}
    name = containers.start("web3", env=env)
    wait_for(
        lambda: get(port, "/readyz")[0] == 200, 60, "/readyz 200", lambda: containers.logs(name)
    )
    results: list[tuple[float, float, int | str]] = []
    stop = threading.Event()

    def hammer():
        while not stop.is_set():
            started = time.monotonic()
            try:
                status, _ = get(port, "/admin/login/", timeout=30)
            except urllib.error.URLError as exc:
                status = f"{type(exc.reason).__name__}: {exc.reason}"
            except OSError as exc:
                status = f"{type(exc).__name__}: {exc}"
            results.append((started, time.monotonic(), status))

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    signalled = time.monotonic()
    podman("kill", "--signal", "TERM", name)
    podman("wait", name, timeout=60)
    stop.set()
    for thread in threads:
        thread.join()
    statuses = [status for _, _, status in results]
    assert not [s for s in statuses if isinstance(s, int) and s >= 500], statuses
    in_flight = [s for start, end, s in results if start < signalled < end]
    assert in_flight and all(s == 200 for s in in_flight), in_flight
    # Requests sent after the signal find the port closed: refused, never a 5xx or a reset.
    exit_code = podman("inspect", "-f", "{{.State.ExitCode}}", name).stdout.strip()
    assert exit_code == "0", containers.logs(name)[-3000:]

"""What the container tests share: podman, the image (built once per test session), a database
of their own, and HTTP polling. The fixtures are registered by this folder's conftest.py."""

import json
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from urllib.parse import urlparse

import psycopg
import pytest

from conftest import ROOT

PODMAN = ["podman", "--runtime", os.environ.get("PODMAN_RUNTIME", "runc")]
TAG = "localhost/vwb-backend:test"
APP_UID = "10001"


def podman(*args: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*PODMAN, *args], capture_output=True, text=True, check=check, timeout=timeout
    )


@pytest.fixture(scope="session")
def image() -> str:
    if shutil.which("podman") is None:
        pytest.skip("podman is not installed here, so the image cannot be built or run.")
    started = time.monotonic()
    result = subprocess.run(
        [str(ROOT / "deploy/local-base/build-image.sh"), TAG],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    size = json.loads(podman("image", "inspect", TAG).stdout)[0]["Size"]
    print(f"\nimage {TAG}: {size / 1e6:.0f} MB, built in {time.monotonic() - started:.1f} s")
    return TAG


@pytest.fixture(scope="module")
def database_url() -> str:
    """A database of its own for the containers, empty (no migration applied yet)."""
    base = urlparse(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vwb"))
    name = f"{base.path.lstrip('/') or 'vwb'}_image"
    admin = {"host": base.hostname, "port": base.port or 5432, "user": base.username}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield base._replace(path=f"/{name}").geturl()
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def get(port: int, path: str, timeout: float = 5) -> tuple[int, bytes]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": "localhost"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def wait_for(predicate, timeout: float, what: str, logs=lambda: ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except (OSError, urllib.error.URLError):
            value = None
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}\n{logs()[-3000:]}")

"""Servers the tests start for themselves, beside the project's own: an S3 endpoint (moto's
server mode) for the object storage, and a private PgBouncer in transaction pooling mode.

A pytest plugin (listed in the root conftest's `pytest_plugins`), so every app's tests see the
fixtures; the helpers it shares with the root conftest (free ports, the project root) come from
there.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, free_port


def _wait_for_port(port: int, proc: subprocess.Popen, what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"{what} did not listen on {port} within {timeout}s")


@pytest.fixture(scope="session")
def s3_endpoint():
    """A real S3 HTTP endpoint on this machine: moto in server mode, in its own process."""
    port = free_port()
    log = open(ROOT / ".pytest-moto.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_port(port, proc, "moto server")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def s3_environment(endpoint: str, bucket: str) -> dict[str, str]:
    """The variables that switch the site to object storage (as production would set them)."""
    return {
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_PRIVATE_STORAGE_BUCKET_NAME": f"{bucket}-private",
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_S3_ACCESS_KEY_ID": "testing",
        "AWS_S3_SECRET_ACCESS_KEY": "testing",
        "AWS_S3_ADDRESSING_STYLE": "path",
    }


def s3_create_buckets(endpoint: str, bucket: str) -> None:
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=bucket)
    client.create_bucket(Bucket=f"{bucket}-private")


@pytest.fixture
def s3_storage(s3_endpoint, settings, monkeypatch):
    """Both storages ("default" public, "private") on fresh buckets of the moto endpoint, built
    by the same settings code as production (vwb_site/settings/storage.py) from the variables."""
    import environ

    from vwb_site.settings.storage import object_storage

    bucket = f"vwb-test-{os.getpid()}-{time.monotonic_ns()}"
    s3_create_buckets(s3_endpoint, bucket)
    variables = s3_environment(s3_endpoint, bucket)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    built = object_storage(environ.Env())
    storages = {**settings.STORAGES, **built.pop("STORAGES")}
    for name, value in built.items():
        setattr(settings, name, value)
    settings.STORAGES = storages
    return {"endpoint": s3_endpoint, "bucket": bucket, "private_bucket": f"{bucket}-private"}


@pytest.fixture(scope="session")
def pgbouncer(django_db_setup, django_db_blocker, tmp_path_factory):
    """A private PgBouncer (Debian's package) in transaction pooling mode on a free port, in
    front of the PostgreSQL the tests use (stopped before the test database is dropped).
    Yields its (host, port)."""
    import shutil

    from django.conf import settings

    binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    if not Path(binary).exists():
        pytest.fail("pgbouncer is not installed (apt-get install -y pgbouncer)")
    db = settings.DATABASES["default"]
    port = free_port()
    folder = tmp_path_factory.mktemp("pgbouncer")
    folder.chmod(0o755)
    ini = folder / "pgbouncer.ini"
    ini.write_text(
        "[databases]\n"
        f"* = host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} "
        f"user={db['USER'] or 'postgres'}\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {port}\n"
        f"unix_socket_dir =\nauth_type = any\npool_mode = transaction\n"
        "max_client_conn = 200\ndefault_pool_size = 4\n"
        "ignore_startup_parameters = extra_float_digits,options\n"
        "server_reset_query =\nlogfile =\npidfile =\nadmin_users =\n"
    )
    ini.chmod(0o644)
    command = [binary, str(ini)]
    if os.geteuid() == 0:  # PgBouncer refuses to run as root
        command = [binary, "-u", "nobody", str(ini)]
    log = open(ROOT / ".pytest-pgbouncer.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for_port(port, proc, "pgbouncer")
        yield "127.0.0.1", port
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()

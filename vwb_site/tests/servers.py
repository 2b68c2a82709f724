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


class PgBouncer:
    """A private PgBouncer (Debian's package) in transaction pooling mode on a free port, in
    front of the PostgreSQL of `database` (a DATABASES entry). `start()`, `stop()`, `kill()`
    (SIGKILL: what a crash or an OOM kill does) and `restart()` on the same port."""

    def __init__(self, database: dict, folder: Path, *, name: str = "pgbouncer"):
        import shutil

        self.binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
        if not Path(self.binary).exists():
            pytest.fail("pgbouncer is not installed (apt-get install -y pgbouncer)")
        self.host, self.port = "127.0.0.1", free_port()
        self.log_path = ROOT / f".pytest-{name}.log"
        self.log_path.write_bytes(b"")
        folder.chmod(0o755)
        self.ini = folder / "pgbouncer.ini"
        self.ini.write_text(
            "[databases]\n"
            f"* = host={database['HOST'] or '127.0.0.1'} port={database['PORT'] or 5432} "
            f"user={database['USER'] or 'postgres'}\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {self.port}\n"
            f"unix_socket_dir =\nauth_type = any\npool_mode = transaction\n"
            "max_client_conn = 200\ndefault_pool_size = 4\n"
            "ignore_startup_parameters = extra_float_digits,options\n"
            "server_reset_query =\nlogfile =\npidfile =\nadmin_users =\n"
        )
        self.ini.chmod(0o644)
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        command = [self.binary, str(self.ini)]
        if os.geteuid() == 0:  # PgBouncer refuses to run as root
            command = [self.binary, "-u", "nobody", str(self.ini)]
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        _wait_for_port(self.port, self.proc, "pgbouncer")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def restart(self, *, down_for: float = 0.0) -> None:
        self.kill()
        time.sleep(down_for)
        self.start()


@pytest.fixture(scope="session")
def pgbouncer(django_db_setup, django_db_blocker, tmp_path_factory):
    """A private PgBouncer in transaction pooling mode in front of the PostgreSQL the tests use
    (stopped before the test database is dropped). Yields its (host, port)."""
    from django.conf import settings

    bouncer = PgBouncer(settings.DATABASES["default"], tmp_path_factory.mktemp("pgbouncer"))
    bouncer.start()
    try:
        yield bouncer.host, bouncer.port
    finally:
        bouncer.stop()

"""Two of each on one machine, for the tests of many instances over shared state: two web
instances (gunicorns on their own ports), two Celery workers, an outbox relay, all over the
test database, Redis and the object store (moto), the store behind a proxy the tests can take
down or make hang. Started once per test module (`cluster`), in parallel.

Also the processes a test may start on top (`start_beat`), and the proxy itself.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from commerce.tests.e2e.server import start_gunicorn
from conftest import ROOT, free_port, process_env, wait_until
from vwb_site.tests.servers import s3_create_buckets, s3_environment

CLUSTER_SETTINGS = "vwb_site.tests.cluster_settings"
CELERY = (sys.executable, "-m", "celery", "-A", "vwb_site")


class FaultyProxy:
    """A TCP proxy in front of `target_port`. `up()` forwards; `down()` refuses connections
    (nothing listens: a store that is down); `hang()` accepts connections and never answers (a
    store slower than any timeout). Switching cuts the connections open through it, so a
    client's kept-alive connections see the change too."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.mode = "up"
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self._listen()

    def _listen(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed by down() or close()
            with self._lock:
                self._sockets.append(client)
            if self.mode == "hang":
                continue  # read nothing, answer nothing
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._sockets.append(upstream)
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _cut(self) -> None:
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def up(self) -> None:
        self.mode = "up"
        self._cut()
        if self._listener is None:
            self._listen()

    def hang(self) -> None:
        self.mode = "hang"
        self._cut()
        if self._listener is None:
            self._listen()

    def down(self) -> None:
        self.mode = "down"
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        self._cut()

    def close(self) -> None:
        self.down()


def api_token(http, user) -> str:
    """An access token for `user` over HTTP, as the storefront or the back office gets it:
    the password, then for staff the second factor (an enrolled device, its current code)."""
    from accounts.mfa.policy import user_requires_mfa
    from accounts.tests.factories import TEST_PASSWORD
    from accounts.tests.mfa import enrolled_device, totp_now

    device = enrolled_device(user) if user_requires_mfa(user) else None
    status, body = http.post("/v1/auth/token", {"email": user.email, "password": TEST_PASSWORD})
    assert status == 200, body
    if device is None:
        return body["access"]
    assert body.get("mfa_required") is True, body
    status, tokens = http.post(
        "/v1/auth/token/2fa", {"challenge": body["challenge"], "code": totp_now(device)}
    )
    assert status == 200, tokens
    return tokens["access"]


def start_worker(env: dict, *, name: str, queue: str, log_path: Path) -> subprocess.Popen:
    """A Celery worker (solo pool, one task at a time) on `queue`, named `name@host`."""
    with open(log_path, "wb") as log:
        return subprocess.Popen(
            [
                *CELERY,
                "worker",
                *("--pool", "solo", "--concurrency", "1", "--loglevel", "INFO"),
                *("--without-gossip", "--without-mingle", "--without-heartbeat"),
                *("--hostname", name, "--queues", queue),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def start_beat(env: dict, *, schedule: Path, log_path: Path) -> subprocess.Popen:
    """A Celery beat with the project's scheduler (the leader lease), its state in `schedule`."""
    with open(log_path, "wb") as log:
        return subprocess.Popen(
            [*CELERY, "beat", "--loglevel", "INFO", "--schedule", str(schedule)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def start_relay(env: dict, *, log_path: Path) -> subprocess.Popen:
    with open(log_path, "wb") as log:
        return subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "outbox_relay", "--interval", "0.2"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def end(proc: subprocess.Popen, *, grace: float = 3.0, sig: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@dataclass
class Cluster:
    a: str  # base URLs of the two web instances
    b: str
    proxy: FaultyProxy
    moto: str  # the store itself (the instances reach it through the proxy)
    bucket: str
    private_bucket: str
    env: dict
    queue: str
    workers: dict[str, Path] = field(default_factory=dict)  # node name -> its log file
    logs: Path = ROOT

    def worker_log(self) -> str:
        return "".join(path.read_text(errors="replace") for path in self.workers.values())


def cluster_env(proxy: FaultyProxy, bucket: str, **extra: str) -> dict:
    return process_env(
        **s3_environment(proxy.url, bucket),
        DJANGO_SETTINGS_MODULE=CLUSTER_SETTINGS,
        # A store that hangs costs a request at most 2 x (1 + 2) seconds.
        AWS_S3_CONNECT_TIMEOUT="1",
        AWS_S3_READ_TIMEOUT="2",
        AWS_S3_MAX_ATTEMPTS="2",
        OUTBOX_BACKOFF_BASE_SECONDS="1",
        OUTBOX_RELAY_GRACE_SECONDS="2",
        THROTTLE_RATE_USER="12/min",
        **extra,
    )


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker, s3_endpoint, smtp_server):
    """Web instances A and B, workers w1 and w2 and a relay, started in parallel."""
    from vwb_site.celery_app import app

    moto_port = int(s3_endpoint.rsplit(":", 1)[1])
    proxy = FaultyProxy(moto_port)
    bucket = f"vwb-cluster-{os.getpid()}-{time.monotonic_ns()}"
    s3_create_buckets(s3_endpoint, bucket)
    with django_db_blocker.unblock():
        env = cluster_env(
            proxy, bucket, EMAIL_HOST=smtp_server.hostname, EMAIL_PORT=str(smtp_server.port)
        )
    queue = env["CELERY_DEFAULT_QUEUE"]
    stamp = f"{os.getpid()}-{time.monotonic_ns()}"
    host = socket.gethostname()
    workers = {f"w{n}-{stamp}@{host}": ROOT / f".pytest-worker-w{n}.log" for n in (1, 2)}
    procs = [
        start_worker(env, name=name, queue=queue, log_path=path) for name, path in workers.items()
    ]
    procs.append(start_relay(env, log_path=ROOT / ".pytest-relay.log"))
    webs: list = []
    try:
        threads = [
            threading.Thread(
                target=lambda log: webs.append(start_gunicorn(env, workers=1, log_name=log)),
                args=(log,),
            )
            for log in (".pytest-gunicorn-a.log", ".pytest-gunicorn-b.log")
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(webs) == 2, "a web instance did not start (see .pytest-gunicorn-*.log)"
        wait_until(
            lambda: (
                all(p.poll() is None for p in procs)
                and len(app.control.ping(destination=list(workers), timeout=0.5)) == 2
            ),
            timeout=60,
            message="both Celery workers to answer a ping",
        )
        yield Cluster(
            a=webs[0][1],
            b=webs[1][1],
            proxy=proxy,
            moto=s3_endpoint,
            bucket=bucket,
            private_bucket=f"{bucket}-private",
            env=env,
            queue=queue,
            workers=workers,
        )
    finally:
        # Quick shutdowns, all at once: nothing is in flight once a test has what it waited for.
        for proc, _base in webs:
            proc.send_signal(signal.SIGINT)
        for proc in procs[:-1]:
            proc.send_signal(signal.SIGQUIT)  # a Celery worker's cold shutdown
        procs[-1].send_signal(signal.SIGTERM)  # the relay stops after its pass
        for proc, _base in webs:
            # The master logs its shutdown within a second, then lingers at interpreter exit
            # (the app it preloaded): past that, nothing is left to wait for.
            end(proc, grace=2, sig=signal.SIGINT)
            proc._log.close()
        for proc in procs:
            end(proc)
        proxy.close()


@pytest.fixture
def store(cluster):
    """The store behind the cluster's proxy, up again after the test whatever it did."""
    yield cluster.proxy
    cluster.proxy.up()


@pytest.fixture(autouse=True)
def _clean_cache():
    """Instead of the root conftest's FLUSHDB (which would also drop the Celery queues'
    bindings the running workers declared): only this run's cache keys."""
    from django.core.cache import cache

    cache.delete_pattern("*")
    yield

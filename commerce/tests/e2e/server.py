"""A gunicorn server on a free port running this checkout against the test database."""

import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Http:
    """A tiny JSON client (urllib): returns (status, body as dict)."""

    def __init__(self, base_url: str, token: str = ""):
        self.base_url = base_url
        self.token = token

    def request(
        self, method: str, path: str, data: dict | None = None, headers: dict | None = None
    ) -> tuple[int, dict]:
        body = json.dumps(data).encode() if data is not None else None
        all_headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            all_headers["Authorization"] = f"Bearer {self.token}"
        all_headers.update(headers or {})
        request = urllib.request.Request(
            self.base_url + path, data=body, method=method, headers=all_headers
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                raw = response.read()
                return response.status, json.loads(raw) if raw else {}
        except urllib.error.HTTPError as exc:
            raw = exc.read()
            try:
                return exc.code, json.loads(raw)
            except ValueError:
                return exc.code, {"raw": raw.decode(errors="replace")}

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, data=None, **kw):
        return self.request("POST", path, data or {}, **kw)


def start_gunicorn(env: dict, *, workers: int = 2, log_name: str = ".pytest-gunicorn.log"):
    """gunicorn with the production gunicorn.conf.py (each worker warms itself up before it
    takes requests), the app preloaded, a private metrics directory and a long timeout."""
    port = free_port()
    log = open(ROOT / log_name, "wb")  # noqa: SIM115 - closed by stop()
    env = {
        **env,
        "PROMETHEUS_MULTIPROC_DIR": tempfile.mkdtemp(prefix="vwb-test-metrics-"),
        "LOG_LEVEL": "INFO",
    }  # the warm-up line is waited for below
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "vwb_site.wsgi:application",
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "120",
            "--preload",
            "--max-requests",
            "0",
            "--access-logfile",
            "-",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    # Loading Django and Wagtail takes seconds (tens on a busy machine): wait for an answer.
    deadline = time.monotonic() + 180
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=60):
                break
        except (urllib.error.URLError, ConnectionError, OSError):
            if proc.poll() is not None or time.monotonic() > deadline:
                stop(proc)  # the master stops its workers
                raise RuntimeError(f"gunicorn did not start, see {ROOT / log_name}") from None
            time.sleep(0.2)
    # Then for every worker's warm-up (gunicorn.conf.py's post_worker_init) to be done.
    log_path = ROOT / log_name
    while log_path.read_bytes().count(b'"worker_warmed_up"') < workers:
        if proc.poll() is not None or time.monotonic() > deadline:
            stop(proc)
            raise RuntimeError(f"gunicorn workers did not warm up, see {log_path}")
        time.sleep(0.1)
    proc._log = log
    return proc, base


def stop(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log = getattr(proc, "_log", None)
    if log:
        log.close()

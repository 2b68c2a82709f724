"""A CDN purge endpoint for tests: a local HTTP server, strict (401 without the bearer token,
400 on a body that is not {"surrogate_keys": [str, ...]}, 404 elsewhere), recording the purges
it accepted. The `cdn` fixture starts it and points CDN_PURGE_URL / CDN_PURGE_TOKEN at it."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

TOKEN = "purge-token-123"


class FakeCdn(ThreadingHTTPServer):
    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.purges: list[list[str]] = []
        self.rejected: list[int] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/purge"


class _Handler(BaseHTTPRequestHandler):
    def _answer(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        server: FakeCdn = self.server  # type: ignore[assignment]
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path != "/purge":
            server.rejected.append(404)
            return self._answer(404, {"success": False, "errors": ["no such route"]})
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            server.rejected.append(401)
            return self._answer(401, {"success": False, "errors": ["bad token"]})
        try:
            body = json.loads(raw)
            keys = body["surrogate_keys"]
            assert set(body) == {"surrogate_keys"}
            assert keys and all(isinstance(key, str) and key for key in keys)
        except (ValueError, KeyError, TypeError, AssertionError):
            server.rejected.append(400)
            return self._answer(400, {"success": False, "errors": ["bad body"]})
        server.purges.append(keys)
        return self._answer(200, {"success": True})

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn(settings):
    server = FakeCdn()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.CDN_PURGE_URL = server.url
    settings.CDN_PURGE_TOKEN = TOKEN
    yield server
    server.shutdown()
    server.server_close()

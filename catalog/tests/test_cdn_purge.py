"""The CDN purge hook: a barrel or stock change posts its surrogate keys to CDN_PURGE_URL once,
after commit, through the outbox; nothing on rollback; nothing while the URL is empty.

The CDN is a local HTTP server started by the test: strict (401 without the bearer token, 400
on a body that is not {"surrogate_keys": [str, ...]}) and recording what it accepted."""

import json
import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction

from catalog.services.barrels import barrel_update
from catalog.tests.factories import BarrelFactory
from vwb_site.outbox.models import OutboxMessage

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


def purge_rows():
    return OutboxMessage.objects.filter(task_name="vwb_site.cdn_purge")


@pytest.mark.django_db(transaction=True)
def test_a_price_change_posts_the_barrel_and_list_keys_once_after_commit(cdn, admin):
    barrel = BarrelFactory()
    with transaction.atomic():
        barrel_update(barrel=barrel, actor=admin, price=Decimal("120.00"))
        assert cdn.purges == []  # not before the commit
        assert purge_rows().count() == 1  # recorded in the transaction
    assert cdn.purges == [sorted(["barrel-list", f"barrel-{barrel.pk}"])]
    assert cdn.rejected == []
    assert purge_rows().get().status == "sent"


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_posts_nothing(cdn, admin):
    barrel = BarrelFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        barrel_update(barrel=barrel, actor=admin, price=Decimal("120.00"))
        raise RuntimeError("roll back")
    assert cdn.purges == [] and not purge_rows().exists()


@pytest.mark.django_db(transaction=True)
def test_no_purge_url_no_purge(settings, admin):
    settings.CDN_PURGE_URL = ""
    barrel = BarrelFactory()
    barrel_update(barrel=barrel, actor=admin, price=Decimal("120.00"))
    assert not purge_rows().exists()


@pytest.mark.django_db(transaction=True)
def test_a_wrong_token_is_rejected_by_the_cdn_and_the_row_is_not_lost(cdn, settings, admin):
    settings.CDN_PURGE_TOKEN = "wrong"
    barrel = BarrelFactory()
    barrel_update(barrel=barrel, actor=admin, price=Decimal("120.00"))
    assert cdn.purges == [] and 401 in cdn.rejected
    assert purge_rows().get().status != "sent"  # kept for the relay to send again

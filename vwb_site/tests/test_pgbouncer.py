"""The backend through PgBouncer in transaction pooling mode (Debian's pgbouncer, started by the
`pgbouncer` fixture): a gunicorn whose DATABASE_URL goes through the bouncer, with
DATABASE_POOLER=pgbouncer and persistent client connections, serves a checkout, a quote
acceptance and a report over HTTP."""

import time
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import AddressFactory, AdminUserFactory, B2BUserFactory
from catalog.tests.factories import BarrelFactory
from commerce.models import Order
from commerce.shipping.tests.conftest import ensure_default_shipping_data
from commerce.tests.e2e.server import Http, start_gunicorn, stop
from commerce.tests.e2e.test_order_journey import wait_for
from quotes.models import QuoteStatus
from quotes.tests.factories import request_quote, send_offer
from reporting.tests.factories import ManagerUserFactory
from vwb_site.settings.database import apply_pooler
from vwb_site.tests.cluster import api_token
from vwb_site.tests.servers import PgBouncer

pytestmark = [pytest.mark.e2e]


def test_pooler_settings_turn_prepared_statements_and_server_side_cursors_off(monkeypatch):
    import environ

    monkeypatch.setenv("DATABASE_POOLER", "pgbouncer")
    db = apply_pooler(environ.Env(), {"ENGINE": "django.db.backends.postgresql"})
    assert db["OPTIONS"]["prepare_threshold"] is None
    assert db["DISABLE_SERVER_SIDE_CURSORS"] is True
    monkeypatch.delenv("DATABASE_POOLER")
    direct = apply_pooler(environ.Env(), {"ENGINE": "django.db.backends.postgresql"})
    assert "OPTIONS" not in direct and direct["DISABLE_SERVER_SIDE_CURSORS"] is False


def raw_get(http: Http, path: str) -> tuple[int, bytes]:
    request = urllib.request.Request(
        http.base_url + path, headers={"Authorization": f"Bearer {http.token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _two_clients_run_the_same_query(pgbouncer, name: str, **options) -> None:
    """Two client connections through the bouncer, alternating one-statement transactions:
    the bouncer hands them the same server connection in turn."""
    import psycopg

    host, port = pgbouncer
    clients = [
        psycopg.connect(
            host=host, port=port, dbname=name, user="postgres", autocommit=True, **options
        )
        for _ in range(2)
    ]
    try:
        for _ in range(3):
            for client in clients:
                assert client.execute("SELECT %s::int + 1", [1]).fetchone() == (2,)
    finally:
        for client in clients:
            client.close()


def test_prepared_statements_break_through_the_bouncer_unless_turned_off(
    pgbouncer, db, monkeypatch
):
    import environ
    import psycopg
    from django.db import connection

    name = connection.settings_dict["NAME"]
    with pytest.raises(psycopg.errors.DatabaseError, match="prepared statement"):
        _two_clients_run_the_same_query(pgbouncer, name, prepare_threshold=0)
    monkeypatch.setenv("DATABASE_POOLER", "pgbouncer")
    options = apply_pooler(
        environ.Env(),
        {"ENGINE": "django.db.backends.postgresql"},
    )["OPTIONS"]
    _two_clients_run_the_same_query(pgbouncer, name, **options)


@pytest.fixture
def bounced_server(transactional_db, pgbouncer):
    from django.db import connection

    from conftest import process_env

    host, port = pgbouncer
    name = connection.settings_dict["NAME"]
    env = process_env(
        DATABASE_URL=f"postgres://postgres@{host}:{port}/{name}",
        DATABASE_POOLER="pgbouncer",
        DATABASE_CONN_MAX_AGE="60",
    )
    proc, base = start_gunicorn(env, workers=2, log_name=".pytest-gunicorn-pgbouncer.log")
    yield base
    stop(proc)


def test_checkout_quote_acceptance_and_a_report_work_through_pgbouncer(bounced_server):
    ensure_default_shipping_data()
    barrel = BarrelFactory(stock_quantity=10)
    anonymous = Http(bounced_server)

    # Checkout, twice per worker at least (persistent client connections, many transactions).
    buyer = B2BUserFactory()  # bank transfer: offered to verified companies
    api = Http(bounced_server, api_token(anonymous, buyer))
    order_body = {
        "lines": [{"barrel": barrel.id, "quantity": 1}],
        "shipping_address": {
            "recipient_name": "Eva Buyer",
            "street": "Weinstrasse 1",
            "city": "Mainz",
            "zip_code": "55116",
            "country": "DE",
        },
        "shipping_method_code": "road-pallet",
        "payment_method": "bank_transfer",
    }
    placed = []
    for n in range(4):
        status, preview = api.post("/v1/orders/preview", order_body)
        assert status == 200 and preview["can_place"], preview["problems"]
        status, body = api.post("/v1/orders", order_body, headers={"Idempotency-Key": f"pgb-{n}"})
        assert status == 201, body
        placed.append(body["order"]["id"])
    assert Order.objects.filter(user=buyer).count() == 4
    for order_id in placed:
        status, body = api.get(f"/v1/orders/{order_id}")
        assert status == 200 and body["id"] == order_id

    # A quote accepted into an order.
    admin = AdminUserFactory()
    b2b = B2BUserFactory()
    AddressFactory(user=b2b, country="FR", zip_code="33000", is_default_shipping=True)
    quote = request_quote(user=b2b, barrel=barrel)
    send_offer(quote=quote, admin=admin, barrel=barrel, holds_stock=True)
    b2b_api = Http(bounced_server, api_token(anonymous, b2b))
    status, accepted = b2b_api.post(f"/v1/quotes/{quote.pk}/accept", {})
    assert status == 201, accepted
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.ACCEPTED and quote.order_id is not None

    # A report: the sales workbook of the last 30 days (served at once), its lines as CSV
    # (PostgreSQL COPY), and a long range, which runs as a background job whose file is stored.
    manager = ManagerUserFactory()
    reports = Http(bounced_server, api_token(anonymous, manager))
    today = timezone.localdate()
    recent = f"from={today - timedelta(days=30)}&to={today}"
    for query, magic in [(recent, b"PK"), (f"{recent}&format=csv&table=lines", b"")]:
        status, body = raw_get(reports, f"/v1/reports/sales?{query}")
        assert status == 200 and body.startswith(magic) and len(body) > 100, (status, body[:200])
    status, job = reports.get(f"/v1/reports/sales?from={today - timedelta(days=300)}&to={today}")
    assert status == 202, job

    def ready():
        _status, body = reports.get(job["url"].replace(bounced_server, ""))
        return body if body.get("download_url") else None

    done = wait_for(ready, timeout=60, message="the report job")
    status, workbook = raw_get(reports, done["download_url"].replace(bounced_server, ""))
    assert status == 200 and workbook.startswith(b"PK")
    barrel.refresh_from_db()
    # Four orders hold one barrel each, the accepted quote two: every write applied once.
    assert (barrel.stock_quantity, barrel.reserved_quantity) == (10, 6)


# --- PgBouncer restarted under load ---------------------------------------------------------


@pytest.fixture
def bouncer(transactional_db, tmp_path):
    """A PgBouncer of this test's own, to kill and start again (the session's stays up)."""
    from django.db import connection

    own = PgBouncer(connection.settings_dict, tmp_path, name="pgbouncer-restart")
    own.start()
    yield own
    own.stop()


ORDER_BODY = {
    "shipping_address": {
        "recipient_name": "Eva Buyer",
        "street": "Weinstrasse 1",
        "city": "Mainz",
        "zip_code": "55116",
        "country": "DE",
    },
    "shipping_method_code": "road-pallet",
    "payment_method": "bank_transfer",
}


def test_pgbouncer_killed_and_restarted_under_checkouts_no_order_is_half_made(bouncer):
    """Four buyers place orders without pause (each with its Idempotency-Key, retried with
    the same key after a failure, as the storefront does) while the bouncer is killed, down
    for a second and started again. Every failure is a 503 problem; afterwards every key has
    exactly one order, and stock, lines, movements and history agree with the orders."""
    import threading

    from django.db import connection, transaction
    from django.db.models import Sum

    from catalog.models import Barrel, StockMovement
    from commerce.models import OrderLine
    from conftest import process_env

    def waiting_on_locks() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            )
            return cursor.fetchone()[0]

    env = process_env(
        DATABASE_URL=f"postgres://postgres@{bouncer.host}:{bouncer.port}/"
        f"{connection.settings_dict['NAME']}",
        DATABASE_POOLER="pgbouncer",
        THROTTLE_RATE_CHECKOUT="100000/min",
        THROTTLE_RATE_USER="100000/min",
    )
    proc, base = start_gunicorn(env, workers=2, log_name=".pytest-gunicorn-pgbouncer-restart.log")
    try:
        ensure_default_shipping_data()
        barrel = BarrelFactory(stock_quantity=500)
        body = {**ORDER_BODY, "lines": [{"barrel": barrel.id, "quantity": 1}]}
        buyers = [B2BUserFactory() for _ in range(4)]
        apis = [Http(base, api_token(Http(base), buyer)) for buyer in buyers]
        placed: dict[str, str] = {}
        failures: list[tuple[int, str]] = []
        stop_at = time.monotonic() + 60
        lock = threading.Lock()

        def buyer_loop(n: int, api: Http) -> None:
            for k in range(8):
                key = f"restart-{n}-{k}"
                while time.monotonic() < stop_at:
                    status, answer = api.post("/v1/orders", body, headers={"Idempotency-Key": key})
                    if status == 201:
                        with lock:
                            placed[key] = answer["order"]["id"]
                        break
                    with lock:
                        failures.append((status, answer.get("code", answer.get("raw", ""))))
                    time.sleep(0.1)

        threads = [threading.Thread(target=buyer_loop, args=(n, api)) for n, api in enumerate(apis)]
        for thread in threads:
            thread.start()
        wait_for(lambda: len(placed) >= 4, timeout=30, message="the first orders")
        # Hold the barrel's row (this test's own connection goes straight to PostgreSQL), so
        # that both web workers are inside a checkout transaction, waiting for it, when the
        # bouncer dies: requests in flight, not only requests sent while it is down.
        with transaction.atomic():
            Barrel.objects.select_for_update().get(pk=barrel.pk)
            wait_for(lambda: waiting_on_locks() >= 2, timeout=30, message="two checkouts")
            bouncer.restart(down_for=1.0)  # SIGKILL: every client and server connection cut
        for thread in threads:
            thread.join()
    finally:
        stop(proc)

    assert len(placed) == 32, f"{len(placed)} of 32 keys placed; failures {failures[:5]}"
    # At least the two checkouts in flight at the kill failed, then those sent while it was
    # down; every one as a 503 problem (the storefront retries with the same key).
    assert len(failures) >= 2, failures
    assert {code for _status, code in failures} == {"service_unavailable"}, failures[:5]
    assert {status for status, _code in failures} == {503}
    # One order per key, nothing half applied: lines, stock movements, history, reservations.
    orders = Order.objects.filter(user__in=buyers)
    assert orders.count() == 32 and set(placed.values()) == {str(o.pk) for o in orders}
    assert OrderLine.objects.filter(order__in=orders).count() == 32
    assert all(order.history.exists() for order in orders)
    reservations = StockMovement.objects.filter(
        barrel=barrel, reason=StockMovement.Reason.RESERVATION
    )
    assert {m.reference_id for m in reservations} == {str(o.pk) for o in orders}
    assert reservations.aggregate(n=Sum("reserved_delta"))["n"] == 32
    barrel.refresh_from_db()
    assert (barrel.stock_quantity, barrel.reserved_quantity) == (500, 32)

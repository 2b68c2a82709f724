"""The optional read replica (DATABASE_REPLICA_URL, alias "replica", vwb_site/core/replica.py).

Against a real second PostgreSQL database, not Django's TEST MIRROR: a mirror points the
replica alias at the test database itself, so a test could not tell which alias answered.
Here the replica is a snapshot of the test database (pg_dump), taken before the primary
changes: a replica lagging behind. What each endpoint answers shows where it read:

- the public catalog list and the reports read the replica (the snapshot's data);
- the barrel's detail, the administrator's list, a report job's row, an order just placed
  read the primary;
- right after a catalog change the lists read the primary, for DATABASE_REPLICA_MAX_LAG_SECONDS.
"""

import csv
import io
import subprocess
import time
import warnings
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.utils import timezone

from accounts.tests.factories import AdminUserFactory, B2BUserFactory
from catalog.models import Barrel
from catalog.tests.factories import BarrelFactory
from commerce.shipping.tests.conftest import ensure_default_shipping_data
from commerce.shipping.tests.factories import make_order
from commerce.tests.e2e.server import Http, start_gunicorn, stop
from commerce.tests.e2e.test_order_journey import wait_for
from reporting.tests.factories import ManagerUserFactory
from vwb_site.core.replica import (
    PRIMARY,
    REPLICA,
    ReplicaRouter,
    note_primary_write,
    read_alias,
    replica_reads,
)
from vwb_site.tests.cluster import api_token
from vwb_site.tests.test_pgbouncer import ORDER_BODY, raw_get

LAG_WINDOW = 3  # DATABASE_REPLICA_MAX_LAG_SECONDS of the server below


# --- the router and the alias, in this process ----------------------------------------------


@pytest.fixture
def with_replica(settings):
    """A "replica" entry in DATABASES: the alias read_alias() names (no connection is made)."""
    warnings.filterwarnings("ignore", "Overriding setting DATABASES")
    settings.DATABASES = {**settings.DATABASES, REPLICA: dict(settings.DATABASES[PRIMARY])}


def test_without_a_replica_every_read_is_on_the_primary():
    assert read_alias() == read_alias(scope="catalog") == PRIMARY
    with replica_reads():
        assert ReplicaRouter().db_for_read(Barrel) == PRIMARY


def test_with_a_replica_reads_that_may_lag_go_there_unless_in_a_transaction_or_just_written(
    with_replica, monkeypatch
):
    router = ReplicaRouter()
    assert read_alias() == REPLICA
    assert router.db_for_read(Barrel) is None  # outside replica_reads(): Django's default
    with replica_reads():
        assert router.db_for_read(Barrel) == REPLICA
        # Inside a transaction on the primary (a service reads where it writes and locks).
        monkeypatch.setattr(connections[PRIMARY], "in_atomic_block", True)
        assert read_alias() == PRIMARY and router.db_for_read(Barrel) == PRIMARY
        monkeypatch.undo()
    assert router.db_for_write(Barrel) == PRIMARY
    assert router.allow_migrate(REPLICA, "catalog") is False
    assert router.allow_migrate(PRIMARY, "catalog") is None
    note_primary_write("catalog")
    assert read_alias(scope="catalog") == PRIMARY and read_alias(scope="reports") == REPLICA


# --- over HTTP, with a second database standing in for the replica --------------------------


def psql(*args: str, stdin=None) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-v", "ON_ERROR_STOP=1", *args],
        check=True,
        stdin=stdin,
        stdout=subprocess.DEVNULL,
    )


@pytest.fixture
def snapshot_replica(transactional_db):
    """`take()`: copy the test database, as it is now, into a database of its own."""
    primary = connection.settings_dict["NAME"]
    name = f"{primary}_replica"

    def take() -> str:
        psql("-d", "postgres", "-c", f'DROP DATABASE IF EXISTS "{name}"')
        psql("-d", "postgres", "-c", f'CREATE DATABASE "{name}"')
        dump = subprocess.Popen(
            ["pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--no-owner", primary],
            stdout=subprocess.PIPE,
        )
        psql("-d", name, stdin=dump.stdout)
        assert dump.wait() == 0
        return name

    yield take
    psql("-d", "postgres", "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sales_csv(api: Http, table: str) -> list[dict]:
    today = timezone.localdate()
    query = f"from={today - timedelta(days=7)}&to={today}&format=csv&table={table}"
    status, body = raw_get(api, f"/v1/reports/sales?{query}")
    assert status == 200, body[:300]
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def listed_prices(api: Http, query: str = "") -> dict[str, str]:
    status, body = api.get(f"/v1/barrels{query}")
    assert status == 200, body
    return {item["slug"]: item["price"] for item in body["results"]}


def test_the_catalog_list_and_reports_read_the_replica_and_the_rest_the_primary(
    snapshot_replica,
):
    from conftest import process_env

    ensure_default_shipping_data()
    old = BarrelFactory(price=Decimal("100.00"), stock_quantity=20)
    for _ in range(2):
        make_order(barrel=old, quantity=1)  # paid today
    manager, admin, buyer = ManagerUserFactory(), AdminUserFactory(), B2BUserFactory()
    replica = snapshot_replica()
    # The primary moves on; the replica "lags": it never sees these.
    Barrel.objects.filter(pk=old.pk).update(price=Decimal("200.00"))
    new = BarrelFactory(price=Decimal("50.00"))
    make_order(barrel=new, quantity=1)

    base_url = connection.settings_dict
    env = process_env(
        DATABASE_REPLICA_URL=f"postgres://postgres@{base_url['HOST'] or '127.0.0.1'}:"
        f"{base_url['PORT'] or 5432}/{replica}",
        DATABASE_REPLICA_MAX_LAG_SECONDS=str(LAG_WINDOW),
    )
    proc, base = start_gunicorn(env, workers=1, log_name=".pytest-gunicorn-replica.log")
    try:
        anonymous = Http(base)
        staff = Http(base, api_token(anonymous, admin))
        # The public list reads the replica; the detail and the administrator the primary.
        assert listed_prices(anonymous) == {old.slug: "100.00"}
        assert anonymous.get(f"/v1/barrels/{old.slug}")[1]["price"] == "200.00"
        assert listed_prices(staff) == {old.slug: "200.00", new.slug: "50.00"}

        # Reports read the replica: two orders there, three on the primary; the streamed
        # detail CSV too.
        reports = Http(base, api_token(anonymous, manager))
        by_type = sales_csv(reports, "by_customer_type")
        assert sum(int(row["Orders"]) for row in by_type) == 2, by_type
        assert len(sales_csv(reports, "lines")) == 2
        # A report job: its row is written and read on the primary (the replica has no such
        # row), its figures come from the replica.
        today = timezone.localdate()
        long_range = f"from={today - timedelta(days=300)}&to={today}"
        status, job = reports.get(f"/v1/reports/sales?{long_range}")
        assert status == 202, job
        done = wait_for(
            lambda: reports.get(job["url"].replace(base, ""))[1].get("download_url"),
            timeout=60,
            message="the report job",
        )
        assert raw_get(reports, done.replace(base, ""))[0] == 200

        # A checkout writes the primary and its order reads back at once.
        api = Http(base, api_token(anonymous, buyer))
        order_body = {**ORDER_BODY, "lines": [{"barrel": new.id, "quantity": 1}]}
        status, placed = api.post("/v1/orders", order_body)
        assert status == 201, placed
        assert api.get(f"/v1/orders/{placed['order']['id']}")[0] == 200

        # A catalog change through the API: for the lag window the lists read the primary
        # (a list cached now holds the change), then the replica again.
        status, _ = staff.request("PATCH", f"/v1/barrels/{old.slug}", {"price": "300.00"})
        assert status == 200
        assert listed_prices(anonymous)[old.slug] == "300.00"
        time.sleep(LAG_WINDOW + 0.5)
        cached = {old.slug: "300.00", new.slug: "50.00"}  # the entry cached in the window
        assert listed_prices(anonymous) == cached
        assert listed_prices(anonymous, "?ordering=price") == {old.slug: "100.00"}  # the lag
    finally:
        stop(proc)

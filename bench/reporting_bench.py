"""Reporting benchmark: 100,000 orders and 1,000,000 order lines in PostgreSQL, then the sales
workbook (XLSX) over the whole range and the streamed CSV of every line.

    .venv/bin/python bench/reporting_bench.py            # build the data set, run both reports
    .venv/bin/python bench/reporting_bench.py --reuse    # keep an existing data set
    .venv/bin/python bench/reporting_bench.py --orders 20000   # a smaller data set
    .venv/bin/python bench/reporting_bench.py --smoke    # tiny data set, seconds (the tests)

The data set goes into its own database (BENCH_DATABASE, default vwb_bench_reporting), made with
INSERT ... SELECT generate_series. Each report runs in a fresh subprocess, which prints its wall
time and peak RSS (ru_maxrss). Targets: sales XLSX <= 60 s and <= 1 GiB; CSV <= 20 s, flat memory
(the CSV's peak RSS is also measured over a tenth of the range: a flat stream peaks the same).

The seed lists the columns it means; every other NOT NULL column without a database default
(one a later migration added) gets a neutral value derived from its type for the duration of
the seed, so a new column does not break the benchmark.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from bench_env import create_database, drop_database  # noqa: E402

DB_NAME = os.environ.get("BENCH_DATABASE", "vwb_bench_reporting")
_DB = {"name": DB_NAME}


def db_name() -> str:
    return _DB["name"]


PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
FIRST_DAY, LAST_DAY = date(2023, 1, 1), date(2025, 12, 31)
FULL = {"orders": 100_000, "lines_per_order": 10, "barrels": 1_000, "users": 20_000}
SMOKE = {"orders": 300, "lines_per_order": 3, "barrels": 20, "users": 100}


def seed_sql(*, orders: int, lines_per_order: int, barrels: int, users: int) -> str:
    """Integers only (no input): safe to format. FK triggers are skipped while seeding."""
    ORDERS, LINES_PER_ORDER, BARRELS, USERS = (
        int(orders),
        int(lines_per_order),
        int(barrels),
        int(users),
    )
    return f"""
SET session_replication_role = replica;

INSERT INTO accounts_company (legal_name, vat_number, country, street, city, zip_code,
    verification_status, rejection_reason, created_at, updated_at)
SELECT 'Company ' || g, 'DE' || (100000000 + g), 'DE', 'Street 1', 'Mainz', '55116',
    'verified', '', now(), now()
FROM generate_series(1, 500) g;

INSERT INTO accounts_user (password, is_superuser, is_staff, is_active, date_joined, first_name,
    last_name, email, phone, role, company_id)
SELECT '!', false, false, true, now(), 'Buyer', 'N' || g, 'buyer' || g || '@bench.example', '',
    CASE WHEN g % 5 = 0 THEN 'b2b' ELSE 'b2c' END,
    CASE WHEN g % 5 = 0 THEN (g % 500) + (SELECT min(id) FROM accounts_company) END
FROM generate_series(1, {USERS}) g;

INSERT INTO catalog_barrel (sku, slug, name, description, status, origin_country,
    previous_content, wood_type, condition, volume_liters, cooperage, toast_level,
    previous_fills, height_cm, diameter_cm, empty_weight_kg, hs_code, price, currency,
    cost_price, stock_quantity, reserved_quantity, listed_at, created_at, updated_at)
SELECT 'B-' || g, 'barrel-' || g, 'Barrel ' || g, '', 'active', 'FR',
    (ARRAY['bordeaux','bourbon','sherry','port','rum'])[1 + g % 5],
    (ARRAY['french_oak','american_oak','hungarian_oak'])[1 + g % 3],
    'good', 225, '', 'medium', 1, 95, 72, 45, '4416', 100 + (g % 50) * 10, 'EUR',
    50 + (g % 50) * 5, 100, 0, now() - (g || ' days')::interval, now(), now()
FROM generate_series(1, {BARRELS}) g;

CREATE TEMP TABLE bench_ids AS
SELECT (SELECT min(id) FROM accounts_user) AS user0, (SELECT min(id) FROM catalog_barrel) AS b0;

INSERT INTO commerce_order (id, number, user_id, status, order_date, status_changed_at,
    customer_email, customer_type, buyer_vat_number, currency, subtotal, shipping_amount,
    tax_amount, total_amount, tax_regime, tax_country, tax_rate, tax_legal_text, tax_breakdown,
    shipping_address, billing_address, shipping_method_code, shipping_method_name,
    shipping_pallets, shipping_weight_kg, payment_method, payment_reference, amount_captured,
    amount_refunded, paid_at, updated_at)
SELECT md5('order' || g)::uuid, 'VWB-B-' || lpad(g::text, 7, '0'), user0 + (g % {USERS}),
    (ARRAY['processing','shipped','delivered','delivered','pending'])[1 + g % 5],
    ts, ts, 'buyer' || (g % {USERS}) || '@bench.example',
    CASE WHEN (g % {USERS}) % 5 = 0 THEN 'b2b' ELSE 'b2c' END, '', 'EUR', sub, 60, 0, sub + 60,
    'domestic', 'FR', 0, '', '[]',
    jsonb_build_object('country', (ARRAY['FR','DE','IT','ES','BE','NL','US','GB'])[1 + g % 8]),
    '{{}}', 'pallet', 'Pallet', 1, 45, 'card', '',
    CASE WHEN g % 5 = 4 THEN 0 ELSE sub + 60 END, 0,
    CASE WHEN g % 5 = 4 THEN NULL ELSE ts END, now()
FROM generate_series(1, {ORDERS}) g, bench_ids,
LATERAL (SELECT timestamptz '{FIRST_DAY.isoformat()}'
                + ((g * 1097.0 / {ORDERS}) || ' days')::interval AS ts) t,
LATERAL (SELECT sum((1 + (g + k) % 3) * (100 + ((g * 7 + k * 97) % 50) * 10)) AS sub
         FROM generate_series(0, {LINES_PER_ORDER - 1}) k) s;

INSERT INTO commerce_orderline (order_id, barrel_id, sku, name, quantity, unit_price,
    line_total, tax_rate, tax_amount)
SELECT md5('order' || g)::uuid, b0 + ((g * 7 + k * 97) % {BARRELS}),
    'B-' || (1 + (g * 7 + k * 97) % {BARRELS}), 'Barrel', 1 + (g + k) % 3,
    100 + ((g * 7 + k * 97) % 50) * 10,
    (1 + (g + k) % 3) * (100 + ((g * 7 + k * 97) % 50) * 10), 0, 0
FROM generate_series(1, {ORDERS}) g, generate_series(0, {LINES_PER_ORDER - 1}) k, bench_ids;

INSERT INTO commerce_payment (id, order_id, provider, status, amount, currency,
    amount_captured, amount_refunded, provider_reference, failure_code, failure_message,
    failure_count, note, created_at, updated_at, succeeded_at)
SELECT md5('pay' || o.number)::uuid, o.id, 'bank_transfer', 'succeeded', o.total_amount, 'EUR',
    o.total_amount, 50, o.number, '', '', 0, '', o.order_date, o.order_date, o.order_date
FROM commerce_order o WHERE o.paid_at IS NOT NULL AND o.number LIKE '%%3';

INSERT INTO commerce_refund (id, order_id, payment_id, amount, currency, status,
    provider_reference, reason, created_at)
SELECT md5('refund' || p.id)::uuid, p.order_id, p.id, 50, 'EUR', 'succeeded', '', 'bench',
    p.created_at + interval '3 days'
FROM commerce_payment p;
UPDATE commerce_order SET amount_refunded = 50
WHERE id IN (SELECT order_id FROM commerce_refund);
SET session_replication_role = origin;
ANALYZE;
"""  # noqa: S608


# A neutral value per column type, for the NOT NULL columns the seed does not list.
TYPE_DEFAULTS = {
    "text": "''",
    "character varying": "''",
    "character": "''",
    "boolean": "false",
    "smallint": "0",
    "integer": "0",
    "bigint": "0",
    "numeric": "0",
    "double precision": "0",
    "real": "0",
    "jsonb": "'{}'::jsonb",
    "json": "'{}'::json",
    "ARRAY": "'{}'",
    "uuid": "gen_random_uuid()",
    "date": "current_date",
    "timestamp with time zone": "now()",
    "timestamp without time zone": "now()",
    "interval": "interval '0'",
    "inet": "'127.0.0.1'",
}


def schema_defaults(conn) -> list[tuple[str, str, str]]:
    """(table, column, default) for every NOT NULL column of the seeded tables that has no
    database default: what the schema asks of an INSERT the seed may not know about."""
    rows = conn.execute(
        """SELECT table_name, column_name, data_type FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = ANY(%s)
             AND is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO'
             AND is_generated = 'NEVER'
           ORDER BY table_name, ordinal_position""",
        [list(SEEDED_TABLES)],
    ).fetchall()
    missing = [(t, c, d) for t, c, d in rows if d not in TYPE_DEFAULTS]
    if missing:
        raise SystemExit(f"no neutral value for the column types of {missing}: add them")
    return [(t, c, TYPE_DEFAULTS[d]) for t, c, d in rows]


def seed(conn, sizes: dict) -> None:
    """Run the seed with the derived defaults in place, and take them away again (all in the
    caller's transaction: the schema after the seed is the schema the migrations made)."""
    from psycopg import sql

    defaults = schema_defaults(conn)
    for table, column, value in defaults:
        conn.execute(
            sql.SQL("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {}").format(
                sql.Identifier(table), sql.Identifier(column), sql.SQL(value)
            )
        )
    conn.execute(seed_sql(**sizes))
    for table, column, _ in defaults:
        conn.execute(
            sql.SQL("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT").format(
                sql.Identifier(table), sql.Identifier(column)
            )
        )


def env() -> dict[str, str]:
    e = dict(os.environ)
    e.update(
        DJANGO_SETTINGS_MODULE="vwb_site.settings.test",
        DATABASE_URL=f"{PG}/{db_name()}",
        LOG_LEVEL="WARNING",
    )
    return e


SEEDED_TABLES = (
    "commerce_refund",
    "commerce_payment",
    "commerce_orderline",
    "commerce_order",
    "catalog_barrel",
    "accounts_user",
    "accounts_company",
)


def build_dataset(sizes: dict) -> None:
    """Create and migrate the database once (or copy BENCH_TEMPLATE_DB, already migrated);
    then empty the seeded tables and fill them."""
    import psycopg

    name = db_name()
    started = time.monotonic()
    if os.environ.get("BENCH_TEMPLATE_DB"):
        create_database(name, pg=PG)
    else:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if not exists.fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=env(),
            check=True,
        )
    print(f"database: {time.monotonic() - started:.1f} s")
    started = time.monotonic()
    with psycopg.connect(f"{PG}/{name}", autocommit=False) as conn:
        conn.execute(f"TRUNCATE {', '.join(SEEDED_TABLES)} RESTART IDENTITY CASCADE")
        seed(conn, sizes)
        conn.commit()
        lines = conn.execute("SELECT count(*) FROM commerce_orderline").fetchone()[0]
        orders = conn.execute("SELECT count(*) FROM commerce_order").fetchone()[0]
    print(f"data set: {orders:,} orders, {lines:,} lines in {time.monotonic() - started:.1f} s")


def child(kind: str, date_from: str, date_to: str) -> None:
    """Run one report in this (fresh) process; print a JSON line with time and peak RSS."""
    import django

    django.setup()
    from reporting.params import parse_report_request
    from reporting.reports import get_report
    from reporting.services.rendering import report_render

    fmt, table = ("xlsx", None) if kind == "sales-xlsx" else ("csv", "lines")
    query = {"from": [date_from], "to": [date_to], "format": [fmt]}
    if table:
        query["table"] = [table]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    request = parse_report_request(report=get_report("sales"), query=query)
    rendered = report_render(definition=get_report("sales"), request=request)
    size = rows = 0
    with open(os.devnull, "wb") as sink:
        for chunk in rendered.chunks:
            sink.write(chunk)
            size += len(chunk)
            rows += chunk.count(b"\n")
    elapsed = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(
        json.dumps(
            {
                "kind": kind,
                "seconds": round(elapsed, 2),
                "bytes": size,
                "csv_rows": rows if fmt == "csv" else None,
                "streamed": rendered.streamed,
                "peak_rss_mib": round(peak / 1024, 1),
                "rss_before_mib": round(rss_before / 1024, 1),
            }
        )
    )


def run(kind: str, date_from: date, date_to: date) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, date_from.isoformat(), date_to.isoformat()],
        cwd=ROOT,
        env=env(),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reuse", action="store_true", help="keep the existing data set")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=f"a tiny data set {SMOKE} in its own database, dropped afterwards (seconds)",
    )
    parser.add_argument("--orders", type=int, help=f"orders to seed ({FULL['orders']:,})")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        os.chdir(ROOT)
        child(*args.child)
        return
    sizes = dict(SMOKE if args.smoke else FULL)
    if args.orders:
        sizes["orders"] = args.orders
    if args.smoke:
        _DB["name"] = f"{DB_NAME}_smoke"
    try:
        if not args.reuse:
            build_dataset(sizes)
        rows = report()
    finally:
        if args.smoke:
            drop_database(db_name(), pg=PG)
    # Pending orders and the days after the range are not sales: fewer rows, never none.
    if not args.reuse and not 0 < rows <= sizes["orders"] * sizes["lines_per_order"]:
        raise SystemExit(f"the CSV has {rows} lines, the data set {sizes}")


def report() -> int:
    """Run the reports, print their figures; the CSV's data rows over the whole range."""
    tenth = date.fromordinal(LAST_DAY.toordinal() - (LAST_DAY - FIRST_DAY).days // 10)
    results = [
        ("sales XLSX, whole range", run("sales-xlsx", FIRST_DAY, LAST_DAY), 60, 1024),
        (
            "sales CSV stream (every line), whole range",
            run("sales-csv", FIRST_DAY, LAST_DAY),
            20,
            None,
        ),
        ("sales CSV stream, a tenth of the range", run("sales-csv", tenth, LAST_DAY), None, None),
    ]
    print(f"\n{'report':48} {'time':>9} {'peak RSS':>10} {'size':>10}  target")
    for label, r, max_s, max_mib in results:
        target = []
        if max_s:
            target.append(f"<= {max_s} s {'OK' if r['seconds'] <= max_s else 'MISSED'}")
        if max_mib:
            target.append(f"<= {max_mib} MiB {'OK' if r['peak_rss_mib'] <= max_mib else 'MISSED'}")
        print(
            f"{label:48} {r['seconds']:>7.2f} s {r['peak_rss_mib']:>6.0f} MiB "
            f"{r['bytes'] / 1e6:>7.1f} MB  {', '.join(target)}"
        )
    full, part = results[1][1], results[2][1]
    print(
        f"CSV rows: {full['csv_rows'] - 1:,} (whole range) vs {part['csv_rows'] - 1:,} "
        f"(a tenth): peak RSS {full['peak_rss_mib']:.0f} vs {part['peak_rss_mib']:.0f} MiB "
        "(flat memory: the peak does not grow with the rows)"
    )
    return full["csv_rows"] - 1


if __name__ == "__main__":
    main()

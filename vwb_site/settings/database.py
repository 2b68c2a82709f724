"""PostgreSQL behind a transaction-pooling PgBouncer (DATABASE_POOLER=pgbouncer).

In transaction pooling a client's consecutive transactions may run on different server
connections, so nothing may rely on session state across transactions:
- psycopg 3 prepares a statement after it ran a few times (`prepare_threshold`, 5) and reuses it
  by name on the same connection: through the pooler that name may not exist on the next server
  connection. `prepare_threshold: None` turns preparing off.
- server-side cursors (`QuerySet.iterator()` outside a transaction) are WITH HOLD cursors kept
  across transactions: DISABLE_SERVER_SIDE_CURSORS fetches client-side instead.
"""

from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

POOLERS = {"", "pgbouncer"}


def apply_pooler(env: environ.Env, database: dict[str, Any]) -> dict[str, Any]:
    """Set the options DATABASE_POOLER and DATABASE_DISABLE_SERVER_SIDE_CURSORS ask for."""
    pooler = env("DATABASE_POOLER", default="").strip().lower()
    if pooler not in POOLERS:
        raise ImproperlyConfigured(f"DATABASE_POOLER must be empty or 'pgbouncer', not {pooler!r}")
    if database.get("ENGINE") != "django.db.backends.postgresql":
        return database
    database["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
        "DATABASE_DISABLE_SERVER_SIDE_CURSORS", default=pooler == "pgbouncer"
    )
    if pooler == "pgbouncer":
        database.setdefault("OPTIONS", {})["prepare_threshold"] = None
    return database


def add_replica(env: environ.Env, databases: dict[str, dict[str, Any]]) -> None:
    """DATABASE_REPLICA_URL set: a second alias, "replica", with the primary's connection
    options (pooler, persistent connections, TLS), for the reads that may lag
    (vwb_site/core/replica.py). The router keeps every write and every other read on the
    primary, and never migrates the replica."""
    url = env("DATABASE_REPLICA_URL", default="")
    if not url:
        return
    primary = databases["default"]
    replica = env.db_url_config(url)
    for name in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "DISABLE_SERVER_SIDE_CURSORS"):
        if name in primary:
            replica[name] = primary[name]
    replica["OPTIONS"] = {**primary.get("OPTIONS", {}), **replica.get("OPTIONS", {})}
    databases["replica"] = replica

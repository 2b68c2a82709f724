"""Reads that may lag: the optional read replica (DATABASE_REPLICA_URL, alias "replica").

Everything reads from and writes to the primary, except the reads that name the replica:

- the public catalog list and its facets (`catalog.selectors.barrel_list` / `barrel_facets`,
  given `using=read_alias(scope="catalog")` by the list view; administrators read the
  primary): the busiest read, cached, and a few seconds behind is harmless for it;
- the reports (`reporting.services.rendering.report_render`: the build inside
  `replica_reads()`, the streamed detail CSV `.using(read_alias())`): the heaviest reads,
  over past periods.

What stays on the primary: every write; any read inside a transaction on the primary (what a
service reads, it reads where it writes, with its `select_for_update` locks); and every read of
what a user has just written or is about to act on: an order after checkout, a barrel's detail
page, a report job's status, accounts, throttles and lockouts, the page API, the admin.

Lag: a replica applies the primary's changes a little later (streaming replication: usually
milliseconds, seconds under load, unbounded while it is cut off). A report may miss the last
seconds' orders. A catalog list read in that window would be cached under the new catalog
version and held for CATALOG_CACHE_TIMEOUT, so after any catalog change `note_primary_write`
keeps the catalog's lists on the primary for DATABASE_REPLICA_MAX_LAG_SECONDS: set it above
the replica's worst lag, and alert on the replica's replay lag
(`pg_stat_replication.replay_lag`) past it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

PRIMARY = DEFAULT_DB_ALIAS
REPLICA = "replica"

_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def _fresh_key(scope: str) -> str:
    return f"replica:primary-only:{scope}"


def note_primary_write(scope: str) -> None:
    """`scope` changed on the primary: its reads stay there while the replica may lag."""
    if replica_configured():
        cache.set(_fresh_key(scope), 1, timeout=settings.DATABASE_REPLICA_MAX_LAG_SECONDS)


def read_alias(*, scope: str | None = None) -> str:
    """Where a read that may lag goes: the replica, unless there is none, the caller is inside
    a transaction on the primary (it reads where it writes), or `scope` changed within the
    replica's lag (`note_primary_write`)."""
    if not replica_configured() or connections[PRIMARY].in_atomic_block:
        return PRIMARY
    if scope is not None and cache.get(_fresh_key(scope)) is not None:
        return PRIMARY
    return REPLICA


@contextmanager
def replica_reads() -> Iterator[None]:
    """Every read inside (queries evaluated inside: not a lazy queryset returned from it) goes
    to `read_alias()`, through the router."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    """DATABASE_ROUTERS: writes to the primary; reads to the primary, the replica inside
    `replica_reads()`, or the database the related instance came from (Django's default for
    a router without an answer); the replica never migrated."""

    def db_for_read(self, model, **hints):
        if _replica_reads.get():
            return read_alias()
        return None

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True  # the same data, one behind the other
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db == REPLICA:
            return False
        return None

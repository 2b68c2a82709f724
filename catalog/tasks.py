"""Celery tasks of the catalog, each a thin wrapper around a service."""

from catalog.services.view_counts import barrel_views_flush
from vwb_site.celery_app import app
from vwb_site.tasks import RETRYING


@app.task(**RETRYING, name="catalog.flush_barrel_views")
def flush_barrel_views(self) -> int:
    """Add the detail views counted in Redis to BarrelViewCount (idempotent: each counter hash
    is renamed away before it is read, and deleted only after the rows are committed)."""
    return barrel_views_flush()

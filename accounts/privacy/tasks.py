"""Celery tasks of privacy: thin wrappers around the services (imported by accounts.tasks)."""

from accounts.privacy import analytics, export, retention
from vwb_site.celery_app import app
from vwb_site.outbox.services import effect_once
from vwb_site.tasks import RETRYING


@app.task(**RETRYING, name="accounts.privacy_export_build")
def privacy_export_build(self, export_id: str) -> bool:
    return export.export_build_and_send(export_id=export_id)


@app.task(**RETRYING, name="accounts.privacy_exports_expire")
def privacy_exports_expire(self) -> int:
    return export.exports_expire()


@app.task(**RETRYING, name="accounts.privacy_ga4_send")
def privacy_ga4_send(self, user_id: int, payload: dict) -> bool:
    """Once per outbox row: GA4 would count a second purchase event."""
    return bool(effect_once(self, lambda: analytics.ga4_send(user_id=user_id, payload=payload)))


@app.task(**RETRYING, name="accounts.privacy_retention_run")
def privacy_retention_run(self) -> int:
    return retention.retention_run().pk

"""Helpers every app uses to send Celery tasks, and the platform's own tasks."""

from boto3.exceptions import S3UploadFailedError  # type: ignore[import-untyped]
from botocore.exceptions import BotoCoreError, ClientError  # type: ignore[import-untyped]
from celery import Task
from celery.exceptions import Ignore
from django.core.cache import cache

from vwb_site.api.request_context import current_request_id
from vwb_site.celery_app import app
from vwb_site.core.storage import StorageUnavailable, is_store_outage
from vwb_site.logging_config import get_logger
from vwb_site.outbox.services import outbox_defer, outbox_enqueue

log = get_logger("vwb_site.tasks")

# What the object store raises. Not retried by Celery in the worker (a few seconds of retries
# would not outlast an outage, and the retry lives only in the broker): `DefersOnStoreOutage`
# records the task again in the outbox instead.
STORE_ERRORS = (BotoCoreError, ClientError, S3UploadFailedError, StorageUnavailable)


class DefersOnStoreOutage(Task):
    """A task whose run finds the object store down, slow or failing is recorded again in the
    outbox, due later with a growing delay (`outbox_defer`), and this run ends as ignored: the
    relay sends it again once it is due, as often as the outage lasts. It is never dead-lettered
    for an outage and nothing is lost. Its work was one transaction that rolled back (a
    document's number and generation count included), so the later run starts clean."""

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except STORE_ERRORS as exc:
            if not is_store_outage(exc):
                raise
            request = self.request
            deferred = outbox_defer(
                task_name=self.name,
                args=list(args),
                kwargs=dict(kwargs),
                outbox_id=getattr(request, "outbox_id", None) or request.id,
                request_id=getattr(request, "request_id", None) or "",
                error=exc,
            )
            log.warning(
                "task_deferred_store_unavailable",
                task=self.name,
                task_id=request.id,
                outbox_id=str(deferred.pk),
                due=deferred.available_at.isoformat(),
                error=f"{type(exc).__name__}: {exc}"[:300],
            )
            raise Ignore() from exc


# Defaults for tasks with side effects: acknowledged after they run, retried with backoff
# (a store outage: deferred through the outbox, see DefersOnStoreOutage).
RETRYING = {
    "bind": True,
    "base": DefersOnStoreOutage,
    "acks_late": True,
    "autoretry_for": (ConnectionError, TimeoutError, OSError),
    "dont_autoretry_for": STORE_ERRORS,
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}


def dispatch_on_commit(task, *args, **kwargs) -> None:
    """Record `task(*args, **kwargs)` in the outbox, in the current transaction; it is sent to
    Celery right after commit, or by the relay if the broker cannot take it then.

    The name is kept from when this was a bare `on_commit(task.delay)`; every side effect now
    goes through `vwb_site.outbox.services.outbox_enqueue`.
    """
    outbox_enqueue(task, *args, **kwargs)


@app.task(**RETRYING, name="vwb_site.record_heartbeat")
def record_heartbeat(self, key: str) -> str | None:
    """Write the task's request id under `key`: proves a worker runs and ids propagate.

    Idempotent: running it twice writes the same value.
    """
    request_id = getattr(self.request, "request_id", None) or current_request_id()
    cache.set(key, {"request_id": request_id, "task_id": self.request.id}, timeout=300)
    log.info("heartbeat_recorded", key=key)
    return request_id


def cdn_purge_on_commit(keys) -> None:
    """Ask the CDN to purge the responses tagged with `keys` once the current transaction
    commits (nothing on rollback), through the outbox: a CDN outage loses no purge. Off when
    CDN_PURGE_URL is empty."""
    from django.conf import settings

    if settings.CDN_PURGE_URL:
        dispatch_on_commit(cdn_purge, sorted(set(keys)))


@app.task(name="vwb_site.cdn_purge", **RETRYING)
def cdn_purge(self, keys: list[str]) -> None:
    """POST {"surrogate_keys": [...]} to CDN_PURGE_URL with `Authorization: Bearer <token>`.
    Purging is idempotent: a second delivery of the same row does no harm."""
    import requests
    from django.conf import settings

    url = settings.CDN_PURGE_URL
    if not url or not keys:
        return
    response = requests.post(
        url,
        json={"surrogate_keys": list(keys)},
        headers={"Authorization": f"Bearer {settings.CDN_PURGE_TOKEN}"},
        timeout=settings.CDN_PURGE_TIMEOUT_SECONDS,
    )
    if response.status_code >= 400:
        # A ConnectionError subclass, so RETRYING retries it with backoff.
        raise requests.ConnectionError(f"CDN purge answered {response.status_code}")
    log.info("cdn_purged", keys=list(keys))

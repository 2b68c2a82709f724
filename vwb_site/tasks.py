"""Helpers every app uses to send Celery tasks, and the platform's own tasks."""

from django.core.cache import cache

from vwb_site.api.request_context import current_request_id
from vwb_site.celery_app import app
from vwb_site.logging_config import get_logger
from vwb_site.outbox.services import outbox_enqueue

log = get_logger("vwb_site.tasks")

# Defaults for tasks with side effects: acknowledged after they run, retried with backoff.
RETRYING = {
    "bind": True,
    "acks_late": True,
    "autoretry_for": (ConnectionError, TimeoutError, OSError),
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
